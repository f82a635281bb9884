/// What the sessions dialog, its forms and questions do, and the library's answers to them.
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
    /// Someone changed sessions in the library (a colleague, another process): an open dialog reads its list again.
    case libraryChanged
    /// A session's history: versions, diffs, restore.
    case history(HistoryAction)
}
