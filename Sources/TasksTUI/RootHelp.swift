import TasksModel

/// The root `--help`'s pointer to the options and its list of environment
/// variables. Every configuration error says "See 'tasks-tui --help'", so
/// that page must say where the settings are; the variables are made from
/// the settings table (`SettingDescriptor.all`), so none is left out.
enum RootHelp {
    /// One line per variable: its name, then the flag that overrides it (or where else it is set).
    static var environment: String {
        let settings = SettingDescriptor.all.compactMap { setting -> (String, String)? in
            guard let variable = setting.environment?.name else { return nil }
            // `--limit` belongs to `list` alone.
            let command = setting.key == .listLimit ? "list " : ""
            let flag =
                setting.flag.map { command + $0.name }
                ?? setting.fileKey.map { "no flag; config file: \($0)" } ?? "no flag: never on a command line"
            return (variable, flag)
        }
        // The config file's own path is read before the table applies (GlobalOptions).
        return ([("TASKS_CONFIG", "--config")] + settings).map { variable, flag in
            "  " + variable.rightPadded(to: 28) + flag
        }.joined(separator: "\n")
    }

    static var discussion: String {
        """
        Try it with no account and no server:
          tasks-tui demo                  the dashboard on a built-in simulator
          tasks-tui simulate --port 8080  a local jobs server for other tools

        On a real server:
          TASKS_API_URL=https://... TASKS_API_TOKEN_FILE=~/token tasks-tui
        `tasks-tui config` shows where every setting comes from.

        Options: the server, token, TLS, proxy and log options come after the
        command (tasks-tui list --api-url URL); `tasks-tui dashboard --help`
        lists them all, and each command's --help those it takes.
        Settings come from, lowest first: the config file, its profile, these
        environment variables, the flags:
        \(environment)

        Core dumps are off (a core would hold the token); to debug a crash,
        run with TASKS_TUI_ALLOW_CORE=1.
        """
    }
}
