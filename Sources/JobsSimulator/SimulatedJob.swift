import FoundationEssentials
import TasksModel

/// One job the simulator serves, whichever way it came: generated under the
/// seed or injected by a test. Both answer a cancel the same way, so the
/// cancel bookkeeping lives here once and each kind only says what it looks like.
struct SimulatedJob: Sendable {
    enum Kind: Sendable {
        /// Generated: its whole story fixed at creation.
        case scripted(JobScript)
        /// Added through `/_sim/jobs`: served as given.
        case injected(InjectedJob)
    }

    var kind: Kind
    /// When a cancel request was accepted, and when it takes effect (nil: never).
    private(set) var cancelRequestedAt: Date?
    private(set) var cancelEffectiveAt: Date?

    init(_ kind: Kind) { self.kind = kind }

    var id: String {
        switch kind {
        case .scripted(let script): script.id
        case .injected(let injected): injected.job.id.text
        }
    }

    var cancelBehaviour: CancelBehaviour {
        switch kind {
        case .scripted(let script): script.cancelBehaviour
        case .injected(let injected): injected.cancelBehaviour
        }
    }

    /// The generated story, if this job has one (tests look for stalls in it).
    var script: JobScript? {
        if case .scripted(let script) = kind { return script }
        return nil
    }

    /// The job as the server reports it at `now`.
    func state(at now: Date) -> Job {
        switch kind {
        case .scripted(let script): script.state(at: now, cancelEffectiveAt: cancelEffectiveAt)
        case .injected(let injected): injected.state(at: now, cancelEffectiveAt: cancelEffectiveAt)
        }
    }

    /// Records an accepted cancel; a second request changes nothing.
    mutating func requestCancel(at now: Date) {
        guard cancelRequestedAt == nil else { return }
        cancelRequestedAt = now
        cancelEffectiveAt =
            switch cancelBehaviour {
            case .honour: now
            case .afterDelay(let seconds): now.addingTimeInterval(seconds)
            case .ignore: nil
            }
    }
}
