/// The start view and the data: what the data source and the start of the viewer tell the view.
public enum DataAction: Equatable, Sendable {
    /// The view a start opens with; what needs the data waits for the first `.dataChanged`.
    case start(StartView)
    /// New data is in memory (a first load, a reload, appended rows), once per change.
    case dataChanged(DataSummary, version: Int)
    case loading(LoadAction)
}

/// A background read: its progress, or its failure.
public enum LoadAction: Equatable, Sendable {
    case progress(Loading)
    /// The read failed; what was loaded stays.
    case failed(String)
}
