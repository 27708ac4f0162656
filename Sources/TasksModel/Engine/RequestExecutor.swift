import FoundationEssentials

/// Runs the engine's requests off the UI thread and hands each result back
/// as an `EngineEvent`.
///
/// The UI loop never awaits the network: it submits requests and later
/// receives `.completed` events through `deliver`, which must be cheap and
/// thread-safe (the dashboard queues the event and wakes its loop).
public final class RequestExecutor: Sendable {
    private let api: any JobsAPI
    private let deliver: @Sendable (EngineEvent) -> Void
    private let now: @Sendable () -> Date
    private let tasks = Locked<[Int: Task<Void, Never>]>([:])
    private let counter = Locked(0)

    public init(
        api: any JobsAPI, now: @escaping @Sendable () -> Date = { Date() },
        deliver: @escaping @Sendable (EngineEvent) -> Void
    ) {
        self.api = api
        self.now = now
        self.deliver = deliver
    }

    /// Starts every request; returns at once.
    public func submit(_ requests: [EngineRequest]) {
        for request in requests {
            let key = counter.withLock { value in
                value += 1
                return value
            }
            let api = self.api
            let deliver = self.deliver
            let now = self.now
            // Created under the lock, so its own removal (which takes the
            // lock) cannot run before it is recorded.
            tasks.withLock { tasks in
                tasks[key] = Task { [weak self] in
                    let sentAt = now()
                    let (result, serverDate, bodyBytes) = await request.performDated(with: api)
                    let timing = ResponseTiming(sentAt: sentAt, serverDate: serverDate, bodyBytes: bodyBytes)
                    if !Task.isCancelled { deliver(.completed(request, result, at: now(), timing: timing)) }
                    _ = self?.tasks.withLock { $0.removeValue(forKey: key) }
                }
            }
        }
    }

    /// Cancels every request (on quit).
    public func cancelAll() {
        let all = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
        for task in all { task.cancel() }
    }
}
