import ArgumentParser

/// What `demo` and `simulate` say in a build without the `Simulator` trait
/// (the lean client for jump hosts): that the simulator is not in this
/// build, and the command that builds one with it.
enum NoSimulator {
    /// The build with the simulator: the default traits.
    static let buildCommand = "swift build -c release  (the default traits include Simulator)"

    /// Prints why `command` cannot run here; the usage status (64) to throw.
    static func refuse(_ command: String) -> ExitCode {
        Console.err(
            "tasks-tui: this build has no simulator (built with --disable-default-traits), so `\(command)` "
                + "cannot run; build one that has it with: \(buildCommand)")
        return ExitCode(ExitStatus.usage.rawValue)
    }
}
