#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thread of its own, for the terminal and the dashboard loop (curses is
/// not thread-safe, and the loop blocks in `poll`). A pthread directly:
/// Foundation's `Thread` would link all of Foundation, and with it ICU.
enum DetachedThread {
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread; false (and `body` not run) when no thread could be made.
    @discardableResult
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let made = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                // A new thread inherits its creator's signal mask, and the creator is a
                // Dispatch worker, which blocks nearly every signal. The loop waits in
                // poll() for SIGWINCH (a resize) to interrupt it: unblock them all here,
                // as Foundation's Thread did.
                var none = sigset_t()
                sigemptyset(&none)
                pthread_sigmask(SIG_SETMASK, &none, nil)
                Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
                return nil
            }, box)
        if made != 0 { Unmanaged<Body>.fromOpaque(box).release() }
        return made == 0
    }
}
