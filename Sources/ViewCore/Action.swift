import DataCore

/// Every change to the state is one of these (applied by `reduce`).
public enum Action: Equatable, Sendable {
    // Start, data and screen
    /// The view a start opens with; what needs the data waits for the first `.dataChanged`.
    case start(StartView)
    /// New data is in memory (a first load, a reload, appended rows), once per change.
    case dataChanged(DataSummary, version: Int)
    case loading(LoadAction)
    case resize(width: Int, height: Int)
    case setMessage(String?)
    /// The view was written to the library; `label` is the local time to show ("12:03:04").
    case autosaved(label: String)
    case quit
    case undo
    case redo

    // Focus and overlays
    case focus(Pane)
    case focusNext(forward: Bool)
    case open(Overlay)
    case closeOverlay
    case scrollHelp(by: Int)
    case menuMove(Int)
    case menuChoose(Int)

    // Series pane
    case moveCursor(by: Int)
    case cursorTo(Int)
    case toggleSeries(id: String)
    case toggleSeriesAtCursor
    case clearSelection
    case editInput(TextInput)
    case commitInput

    // Plot
    case cyclePlotStyle
    case cycleBucket
    case cycleReduce
    case zoomPlot(factor: Double)
    case panPlot(fraction: Double)
    case resetPlotView
    case toggleLegend

    // Forms (filters, thresholds, y range)
    case openForm(FieldForm)
    case editForm(FieldForm)
    case submitForm

    // Thresholds list
    case openThresholds
    case thresholdsMove(by: Int)
    case thresholdToggleApplied
    case thresholdDelete
    case thresholdEdit
    case thresholdAdd

    // Dashboard
    case panelMove(by: Int)
    case panelAdd
    case panelRemove
    case panelReorder(by: Int)
    case panelCycleKind
    case panelBindToCursorSeries

    // Map and heat-map
    case mapPan(dx: Double, dy: Double)
    case mapZoom(by: Double)
    case mapReset
    case heatmapToggle
    case heatmapRadius(by: Int)
    case heatmapIntensity(by: Int)
    case heatmapCycleRamp
    case heatmapBindToCursorSeries

    // Themes
    case themesListed([String])
    case themeMove(by: Int)
    case themeChoose

    // Sessions dialog, forms, confirmations and the library's answers
    case sessions(SessionAction)
}

public enum SessionAction: Equatable, Sendable {
    case open
    /// Closes the topmost dialog, form or question.
    case close
    case listed([SessionRow])
    case move(by: Int)
    case moveTo(Int)
    case filter(text: String, active: Bool)
    case activate, new, saveInto, delete, rename, copyLink, toggleShareable, replaceLink
    case editForm(SessionForm)
    case submitForm
    case editRename(RenameForm)
    case submitRename
    case focusConfirm(Bool)
    case answer(Bool)
    // Results of effects
    case saved(SessionRow, settings: ViewSettings)
    case exists(name: String, shareable: Bool)
    case applied(name: String, settings: ViewSettings, missing: [String])
    case deleted(name: String)
    case renamed(from: String, to: String)
    case shareChanged(SessionRow)
    case failed(String)
}

/// Entries of the ☰ menu (SPEC §3.3), in order.
public enum MenuEntry: String, CaseIterable, Sendable {
    case sessions = "Sessions"
    case series = "Series & filters"
    case thresholds = "Thresholds"
    case dashboard = "Dashboard"
    case plot = "Plot"
    case map = "Map"
    case theme = "Theme"
    case help = "Help"
    case quit = "Quit"

    /// The letter that chooses the entry while the menu is open (shown beside it).
    public var hotkey: Character {
        switch self {
        case .sessions: return "s"
        case .series: return "f"
        case .thresholds: return "t"
        case .dashboard: return "d"
        case .plot: return "p"
        case .map: return "a"
        case .theme: return "e"
        case .help: return "h"
        case .quit: return "q"
        }
    }
}
