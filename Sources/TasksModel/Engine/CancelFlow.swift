import FoundationEssentials

/// One job's cancel as `tasks-tui cancel` carries it out: refuse or read,
/// ask, send, verify, audit. A pure state machine, like the dashboard's
/// `update`: events in (what the server answered, what the user said, the
/// time), effects out as values; the command only performs them. So the
/// command and the dashboard share the rules (`CancelRefusal`,
/// `CancelOutcome.answered`, `CancelVerification`, `FollowSchedule`) and the
/// audit vocabulary: one line when the server accepts a cancel it has not yet
/// honoured, then one for how it ended, as the dashboard writes them.
public struct CancelFlow: Sendable {
    /// What the command knows before it starts.
    public struct Setup: Sendable {
        /// `read_only`: refuse before anything is sent.
        public var readOnly: Bool
        /// `--yes`: do not ask.
        public var yes: Bool
        /// Standard input is a terminal to ask on.
        public var canAsk: Bool
        public var configuration: EngineConfiguration
        /// Seeds the backoff's jitter.
        public var seed: UInt64

        public init(readOnly: Bool, yes: Bool, canAsk: Bool, configuration: EngineConfiguration, seed: UInt64) {
            self.readOnly = readOnly
            self.yes = yes
            self.canAsk = canAsk
            self.configuration = configuration
            self.seed = seed
        }
    }

    /// What happened, fed to `next`.
    public enum Event: Sendable {
        case start
        /// The read before asking.
        case read(Result<Job, APIError>)
        /// The user's answer to the question; only `y` or `yes` confirms.
        case answered(String)
        /// The cancel request's answer, and when it came.
        case sent(Result<CancelAcceptance, APIError>, at: Date)
        /// A verification read's answer.
        case polled(Result<Job, APIError>)
    }

    /// What the command does next, in order.
    public enum Effect: Sendable, Equatable {
        /// Append this outcome to the audit log.
        case audit(CancelOutcome)
        /// Read the job (before asking).
        case read
        /// Ask the user about this job.
        case ask(Job)
        /// Send the cancel.
        case send
        /// Wait this many seconds, then read the job.
        case poll(after: Double)
        /// Show the verification's progress: this read, the job as it was read.
        case progress(poll: Int, job: Job)
        /// The flow is over.
        case finish(Ending)
    }

    /// How the flow ended: the command's last line and exit status follow from it.
    public enum Ending: Sendable, Equatable {
        case readOnly
        case noTerminal
        /// The job could not be read before the cancel: nothing sent.
        case unread(APIError)
        /// The job had finished before anything was sent.
        case alreadyFinal(JobStatus)
        case declined
        /// The cancel request failed; `outcome` says whether it may have reached the server.
        case sendFailed(APIError, outcome: CancelOutcome)
        /// Accepted, then the reads that were to confirm it failed for good.
        case notConfirmed(APIError)
        case cancelled
        /// The job completed or failed before the cancel took effect.
        case finishedAs(JobStatus)
        /// Accepted (with this HTTP status) but still `status` after `polls` reads.
        case notHonoured(polls: Int, acceptedWith: Int, status: JobStatus)
    }

    public let jobID: JobID
    public let setup: Setup
    /// The job as last read; nil before the first read.
    public private(set) var job: Job?
    /// The job's type as the read before asking gave it: the audit log's
    /// `type` and the verification's interval, "?" until it is read.
    public var type: String { readType ?? "?" }
    private var readType: String?
    public private(set) var ending: Ending?
    private var schedule: FollowSchedule
    private var verification: CancelVerification?
    private var acceptedWith = 0

    public init(jobID: JobID, setup: Setup) {
        self.jobID = jobID
        self.setup = setup
        schedule = FollowSchedule(configuration: setup.configuration, seed: setup.seed)
    }

    /// The effects of `event`, in the order they are to be carried out. After
    /// a `.finish`, every event gives nothing.
    public mutating func next(_ event: Event) -> [Effect] {
        guard ending == nil else { return [] }
        switch event {
        case .start:
            if setup.readOnly { return end(.readOnly, audit: .readOnly) }
            if !setup.yes, !setup.canAsk { return end(.noTerminal, audit: .noTerminal) }
            return [.read]
        case .read(.failure(let error)):
            return end(.unread(error), audit: .unread(error))
        case .read(.success(let read)):
            job = read
            readType = read.type
            if read.status.isFinal, let refused = CancelRefusal.notActive(read.status).auditOutcome {
                return end(.alreadyFinal(read.status), audit: refused)
            }
            return setup.yes ? [.send] : [.ask(read)]
        case .answered(let answer):
            guard answer == "y" || answer == "yes" else { return end(.declined, audit: .declined) }
            return [.send]
        case .sent(.failure(let error), _):
            let outcome = CancelOutcome.answered(error)
            return end(.sendFailed(error, outcome: outcome), audit: outcome)
        case .sent(.success(let acceptance), let now):
            acceptedWith = acceptance.status
            if let carried = acceptance.job { job = carried }
            let verification = CancelVerification(
                acceptedAt: now, pollLimit: setup.configuration.cancelVerifyPolls)
            self.verification = verification
            if let verdict = verification.settled(by: job?.status) { return settle(verdict) }
            return [.audit(.accepted), .poll(after: schedule.interval(for: type))]
        case .polled(let result):
            guard var verification else { return [] }
            let wait: Double
            switch result {
            case .success(let read):
                job = read
                wait = schedule.succeeded(type: type)
            case .failure(let error):
                // A failed read shows nothing new: it counts as a read that saw the job
                // unchanged, and the next waits the engine's backoff.
                guard case .retry(let delay, _) = schedule.failed(error) else {
                    return end(.notConfirmed(error), audit: .acceptedNotConfirmed(error.description))
                }
                wait = delay
            }
            guard let job else { return [] }
            let verdict = verification.observe(job.status)
            self.verification = verification
            var effects: [Effect] = [.progress(poll: verification.polls, job: job)]
            if let verdict {
                effects += settle(verdict)
            } else {
                effects.append(.poll(after: wait))
            }
            return effects
        }
    }

    private mutating func settle(_ verdict: CancelVerification.Verdict) -> [Effect] {
        switch verdict {
        case .confirmed: end(.cancelled, audit: .cancelled)
        case .finishedAs(let status): end(.finishedAs(status), audit: .finishedAs(status))
        case .notHonoured(let polls):
            end(
                .notHonoured(polls: polls, acceptedWith: acceptedWith, status: job?.status ?? .unknown("?")),
                audit: .notHonoured)
        }
    }

    private mutating func end(_ ending: Ending, audit outcome: CancelOutcome) -> [Effect] {
        self.ending = ending
        return [.audit(outcome), .finish(ending)]
    }
}
