import ServiceLifecycle

/// A service that only waits for the group's graceful shutdown (a signal or
/// `stop()`) and then fires `stopping`, so requests hung on purpose are
/// released and the server can finish.
struct ShutdownWatch: Service {
    let stopping: StopSignal

    func run() async throws {
        try? await gracefulShutdown()
        stopping.fire()
    }
}
