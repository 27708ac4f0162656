#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a short helper program (`tmux display-message`) and reads what it
/// prints, with a deadline. `posix_spawnp` directly: Foundation's `Process`
/// would link all of Foundation, and with it ICU.
enum ChildProcess {
    /// What `arguments` (the program looked up on `PATH`) writes to standard
    /// output, with standard input and error on /dev/null; nil when it cannot
    /// start, has not finished within `timeout`, or writes more than `limit`
    /// bytes (it is then killed).
    static func output(_ arguments: [String], timeout: Duration, limit: Int = 65_536) -> String? {
        guard let program = arguments.first else { return nil }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        // Not inherited by other children; dup2 onto the child's 1 clears the flag there.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The caller may be a Dispatch worker, which blocks nearly every signal: the child
        // starts with none blocked and default handlers, as a shell would start it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        close(fds[1])
        defer { close(fds[0]) }
        guard spawned == 0 else { return nil }
        let deadline = ContinuousClock.now + timeout
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        reading: while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return killed(pid) }
            var ready = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(
                clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let polled = poll(&ready, 1, milliseconds)
            if polled < 0 && errno != EINTR { return killed(pid) }
            guard polled > 0 else { continue }
            let count = read(fds[0], &buffer, buffer.count)
            switch count {
            case 0: break reading
            case ..<0 where errno == EINTR || errno == EAGAIN: continue
            case ..<0: return killed(pid)
            default:
                // A helper's answer is a line; a flood is no answer (and never held in memory).
                guard output.count + count <= limit else { return killed(pid) }
                output += buffer[0..<count]
            }
        }
        // Its output is closed; give it what is left of the deadline to exit.
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else { return killed(pid) }
            usleep(5_000)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func killed(_ pid: pid_t) -> String? {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return nil
    }
}
