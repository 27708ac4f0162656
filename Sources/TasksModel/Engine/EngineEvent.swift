import FoundationEssentials

/// What the engine reacts to.
public enum EngineEvent: Sendable {
    /// Time passed.
    case tick(Date)
    /// A request finished at the given time; `timing` says when it was sent
    /// and the server's `Date` header (nil: sent when it finished, no header).
    case completed(EngineRequest, EngineResult, at: Date, timing: ResponseTiming? = nil)
    /// The user asked for a refresh now (also retries after 401).
    case refresh(Date)
    case pause(Date)
    case resume(Date)
    /// The user asked to open this job by id (`:`): read it now, then keep it pinned.
    case open(id: JobID, at: Date)
    /// The user confirmed a cancel of this job.
    case cancel(id: JobID, at: Date)
}
