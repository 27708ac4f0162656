import FoundationEssentials

/// The compact form of a quiet finished job, and the conversions it needs
/// (`JobTable.compact` and `expand` build and read it).
extension JobTable {
    /// A type and its policy, stored once for all the jobs that share them.
    struct Kind: Hashable, Sendable {
        var type: String
        var policy: PollPolicy
    }

    /// A finished job nothing is happening to: what a `TrackedJob` holds that
    /// is not a default, with optional dates as NaN and the type and policy
    /// as an index into `kinds`.
    struct Settled: Sendable {
        var id: JobID
        var title: String?
        var step: String?
        var errorMessage: String?
        /// Nil when it is the single step seen at the first sighting, as `TrackedJob.init` makes it.
        var history: [StepSeen]?
        var createdAt: Double
        var startedAt: Double
        var updatedAt: Double
        var completedAt: Double
        var percentage: Double
        var estimatedSecondsRemaining: Double
        var firstSeen: Double
        var lastFresh: Double
        var progressChangedAt: Double
        var dataSentAt: Double
        var progressChangeSeenAt: Double
        var finalSeenAt: Double
        var clockOffset: Double
        var kind: UInt16
        var status: UInt8
        var flags: Flags
        var droppedDetails: UInt8
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let hasError = Flags(rawValue: 1)
        static let gone = Flags(rawValue: 2)
        static let carriedByLastList = Flags(rawValue: 4)
        static let carriedByActiveList = Flags(rawValue: 8)
        static let readOnce = Flags(rawValue: 16)
        static let pinned = Flags(rawValue: 32)
    }

    /// More distinct (type, policy) pairs than this and new ones stay in full form.
    static let maximumKinds = 4096

    static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    static func seconds(_ date: Date?) -> Double { date?.timeIntervalSinceReferenceDate ?? .nan }
    static func date(_ seconds: Double) -> Date? {
        seconds.isNaN ? nil : Date(timeIntervalSinceReferenceDate: seconds)
    }

    static func statusCode(_ status: JobStatus) -> UInt8? {
        switch status {
        case .completed: 1
        case .failed: 2
        case .cancelled: 3
        case .queued, .processing, .unknown: nil
        }
    }

    static func status(_ code: UInt8) -> JobStatus {
        switch code {
        case 1: .completed
        case 2: .failed
        default: .cancelled
        }
    }
}
