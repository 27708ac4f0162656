import FoundationEssentials

/// A cancel by query (`tasks-tui cancel --status queued --type scraping
/// --older-than 2h --title TEXT`): which of the jobs the server listed it
/// selects. Pure, so the selection is tested on scripted lists.
///
/// Only active jobs are ever selected, whatever was asked: a finished job
/// cannot be cancelled, and a query must never reach one.
public struct CancelQuery: Sendable, Hashable {
    /// Which active statuses: queued, processing, or both.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case queued, processing, active

        var statuses: [JobStatus] {
            switch self {
            case .queued: [.queued]
            case .processing: [.processing]
            case .active: [.queued, .processing]
            }
        }
    }

    public var status: Status
    /// The job's type, exactly (as the server writes it).
    public var type: String?
    /// Only jobs created at least this many seconds ago; a job without a
    /// creation time has no age to prove and is never selected by age.
    public var olderThan: Double?
    /// Text the title holds, in any case.
    public var title: String?

    public init(status: Status = .active, type: String? = nil, olderThan: Double? = nil, title: String? = nil) {
        (self.status, self.type, self.olderThan, self.title) = (status, type, olderThan, title)
    }

    /// The list filters to read: one request per status, so the server sends only active jobs.
    public var filters: [StatusFilter] {
        status.statuses.compactMap { StatusFilter(rawValue: $0.wireName) }
    }

    /// Whether `job` is one the query cancels, at `now`.
    public func matches(_ job: Job, now: Date) -> Bool {
        guard job.status.isActive, status.statuses.contains(job.status) else { return false }
        if let type, job.type != type { return false }
        if let olderThan {
            guard let created = job.createdAt, now.timeIntervalSince(created) >= olderThan else { return false }
        }
        if let title, !(job.title?.lowercased().contains(title.lowercased()) ?? false) { return false }
        return true
    }

    /// The jobs selected from `jobs` (the lists read, in any order), each once
    /// (by its id's bytes), oldest first: the longest-stuck are cancelled first.
    public func select(_ jobs: [Job], now: Date) -> [Job] {
        var seen = Set<JobID>()
        let matching = jobs.filter { matches($0, now: now) && seen.insert($0.id).inserted }
        return matching.sorted { a, b in
            switch (a.createdAt, b.createdAt) {
            case let (x?, y?) where x != y: x < y
            case (nil, _?): false
            case (_?, nil): true
            default: a.id < b.id
            }
        }
    }

    /// The query in words, for the question and the dry run: `queued scraping jobs older than 2h`.
    public var summary: String {
        var words = [status == .active ? "active" : status.rawValue]
        if let type { words.append(type) }
        words.append("jobs")
        if let olderThan { words.append("older than " + TimeText.duration(olderThan)) }
        if let title { words.append("with \"\(title)\" in the title") }
        return words.joined(separator: " ")
    }
}
