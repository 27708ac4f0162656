import FoundationEssentials
import TasksModel

/// The whole story of one simulated job, fixed when it is created, so that
/// its state at any moment is a pure function of the time: the simulator is
/// deterministic under a seed and testable with a manual clock. One of the two
/// kinds of `SimulatedJob`; the other is a job a test injected.
struct JobScript: Sendable {
    enum Outcome: Sendable, Equatable {
        case complete
        /// Fails when this fraction of the run is reached.
        case fail(atFraction: Double, message: String, details: JSONValue)
    }

    var id: String
    var family: JobFamily
    var type: String
    var title: String?
    var createdAt: Date
    /// Seconds spent queued before it starts.
    var queueDelay: Double
    /// Seconds of real progress from start to the end.
    var runDuration: Double
    var steps: Int
    var outcome: Outcome
    /// A stall: at this fraction of the run, progress freezes for `stallSeconds`.
    var stallAtFraction: Double?
    var stallSeconds: Double
    /// Drawn with the rest of the story, so a seed fixes which jobs resist a cancel.
    var cancelBehaviour: CancelBehaviour
    var result: JSONValue?

    /// The job as the server reports it at `now`, given when an accepted cancel takes effect (nil: never).
    func state(at now: Date, cancelEffectiveAt: Date?) -> Job {
        if let effective = cancelEffectiveAt, now >= effective {
            var atCancel = naturalState(at: effective)
            if !atCancel.status.isFinal {
                atCancel.status = .cancelled
                atCancel.completedAt = effective
                atCancel.updatedAt = effective
                atCancel.progress.estimatedSecondsRemaining = nil
                return atCancel
            }
        }
        return naturalState(at: now)
    }

    private func naturalState(at now: Date) -> Job {
        var job = Job(id: JobID(id), status: .queued, type: type, title: title, createdAt: createdAt)
        let elapsed = now.timeIntervalSince(createdAt)
        if elapsed < queueDelay {
            job.progress = JobProgress(percentage: 0, currentStep: "Waiting in queue", estimatedSecondsRemaining: nil)
            job.updatedAt = createdAt
            return job
        }
        let startedAt = createdAt.addingTimeInterval(queueDelay)
        job.startedAt = startedAt
        let running = elapsed - queueDelay
        // Progress time: real running time less any stall already sat through.
        let stallStart = stallAtFraction.map { $0 * runDuration }
        var progressTime = running
        var stalledNow = false
        if let stallStart, running > stallStart {
            if running < stallStart + stallSeconds {
                progressTime = stallStart
                stalledNow = true
            } else {
                progressTime = running - stallSeconds
            }
        }
        let endFraction: Double
        if case .fail(let fraction, _, _) = outcome { endFraction = fraction } else { endFraction = 1 }
        let endProgressTime = runDuration * endFraction
        if progressTime >= endProgressTime {
            let endRunning = endProgressTime + ((stallStart.map { endProgressTime > $0 } ?? false) ? stallSeconds : 0)
            let finishedAt = startedAt.addingTimeInterval(endRunning)
            job.completedAt = finishedAt
            job.updatedAt = finishedAt
            switch outcome {
            case .complete:
                job.status = .completed
                job.progress = JobProgress(percentage: 100, currentStep: "Done")
                job.result = result
            case .fail(_, let message, let details):
                job.status = .failed
                let step = stepIndex(at: endProgressTime)
                job.progress = JobProgress(
                    percentage: percentage(ofStep: step), currentStep: family.stepText(step, of: steps))
                job.error = JobError(message: message, details: details)
            }
            return job
        }
        job.status = .processing
        let step = stepIndex(at: progressTime)
        let stepBegan = Double(step) * runDuration / Double(steps)
        // updated_at: when the current step began, in wall time.
        var stepBeganRunning = stepBegan
        if let stallStart, stepBegan > stallStart { stepBeganRunning += stallSeconds }
        job.updatedAt = startedAt.addingTimeInterval(stepBeganRunning)
        let remaining = runDuration - progressTime
        job.progress = JobProgress(
            percentage: percentage(ofStep: step), currentStep: family.stepText(step, of: steps),
            estimatedSecondsRemaining: stalledNow ? nil : remaining.rounded())
        return job
    }

    private func stepIndex(at progressTime: Double) -> Int {
        min(steps - 1, max(0, Int(progressTime / runDuration * Double(steps))))
    }

    private func percentage(ofStep step: Int) -> Double {
        (Double(step) / Double(steps) * 100).rounded()
    }
}
