import FoundationEssentials

/// A request the engine wants sent. The runner sends it with a `JobsAPI` and
/// feeds the result back as `EngineEvent.completed`.
public enum EngineRequest: Sendable, Hashable {
    /// The list refresh (`status=all`), or a coalesced poll of many jobs (`status=processing`).
    case list(status: StatusFilter, limit: Int)
    case job(id: JobID)
    case cancel(id: JobID)
}

/// Something the user should be told (the footer's last message, the audit log).
public struct EngineNotice: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case info
        case warning
        /// A refresh asked for while polling is paused: nothing was sent. The
        /// front end says how to resume (the engine names no key).
        case stillPaused
        /// A 401 stopped polling until a refresh; `text` says why. The front
        /// end says how to retry.
        case pollingStopped
        /// The outcome of a cancel, for the audit log.
        case cancelOutcome(jobID: JobID, type: String, outcome: CancelOutcome)
    }

    public var kind: Kind
    public var text: String
    public var at: Date

    public init(kind: Kind, text: String, at: Date) {
        self.kind = kind
        self.text = text
        self.at = at
    }
}

extension EngineRequest {
    /// Sends this request with `api` and wraps the outcome for the engine,
    /// with the server's `Date` header and the body's size when the API reads them.
    public func performDated(with api: any JobsAPI) async -> (EngineResult, serverDate: Date?, bodyBytes: Int?) {
        if let dated = api as? any DatedJobsAPI { return await dated.perform(self) }
        return (await perform(with: api), nil, nil)
    }

    /// Sends this request with `api` and wraps the outcome for the engine.
    /// Runs off the UI thread; never throws (every failure is a result).
    public func perform(with api: any JobsAPI) async -> EngineResult {
        switch self {
        case .list(let status, let limit):
            do { return .list(.success(try await api.list(status: status, limit: limit))) } catch {
                return .list(.failure(error))
            }
        case .job(let id):
            do { return .job(.success(try await api.job(id: id))) } catch { return .job(.failure(error)) }
        case .cancel(let id):
            do { return .cancel(.success(try await api.cancel(id: id))) } catch { return .cancel(.failure(error)) }
        }
    }
}
