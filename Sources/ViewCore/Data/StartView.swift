/// What a start opens with: a session's settings (`--session NAME`), else the autosaved view, else
/// a fresh one. Applied by `.start`; what needs the data (cursor, first series) waits for it.
public struct StartView: Equatable, Sendable {
    public var settings: ViewSettings?
    public var sessionName: String?
    public var savedSettings: ViewSettings?
    public var place: ViewPlace?
    public var autosavedLabel: String?
    public var message: String?
    public var history = UndoHistory()
    /// The first open of this data: show how it was read.
    public var understandingNotice = false
    /// The data as the session saw it when saved, to say what changed since.
    public var watermark: DataWatermark?
    /// A note about the display zone, said together with what the data gained since the save.
    public var zoneNote: String?

    public static let fresh = StartView()

    public init(settings: ViewSettings? = nil, sessionName: String? = nil, savedSettings: ViewSettings? = nil,
                place: ViewPlace? = nil, autosavedLabel: String? = nil, message: String? = nil, history: UndoHistory = UndoHistory(),
                understandingNotice: Bool = false, watermark: DataWatermark? = nil) {
        self.settings = settings
        self.sessionName = sessionName
        self.savedSettings = savedSettings
        self.place = place
        self.autosavedLabel = autosavedLabel
        self.message = message
        self.history = history
        self.understandingNotice = understandingNotice
        self.watermark = watermark
    }
}
