import ArgumentParser
import FoundationEssentials
import TasksModel

/// `tasks-tui config`
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration and where each value came from.",
        usage: "tasks-tui config [<options>]",
        discussion: """
            Precedence, lowest to highest: defaults, the config file, its selected
            profile, environment variables, flags. The token is shown only as "set",
            "not set" or, when its token file is missing or open to others,
            "not usable" (exit 64, as any command using it would).

            The config file is JSON ($XDG_CONFIG_HOME/tasks-tui/config.json, or --config):
              {
                "api_url": "https://staging.example.com",
                "token_file": "~/.config/tasks-tui/staging-token",
                "timeout": 10, "refresh_interval": 30, "list_limit": 50,
                "stall_threshold": 600,
                "read_only": false, "color": true,
                "log_file": "~/.local/state/tasks-tui/tasks-tui.log",
                "poll_rules": [
                  {"match": ["store_scrap"], "interval": 15, "max_duration": 3600}
                ],
                "default_profile": "staging",
                "profiles": {
                  "staging": {},
                  "production": {
                    "api_url": "https://api.example.com",
                    "token_file": "~/.config/tasks-tui/prod-token",
                    "read_only": true
                  }
                }
              }

            Examples:
              tasks-tui config
              tasks-tui config --profile production
              TASKS_API_URL=http://127.0.0.1:8080 tasks-tui config
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let settings = try global.settings()
        // The token as `list` would find it: a token file that cannot be used is not "set".
        // (TASKS_API_TOKEN checked as well as a token file: visible ASCII, at most 4 KiB.)
        var tokenProblem: String?
        do {
            _ = try Connection.token(settings)
        } catch {
            tokenProblem = String(describing: error)
        }
        for line in Self.report(settings, environment: global.environment, tokenUsable: tokenProblem == nil) {
            Console.out(line)
        }
        if let tokenProblem {
            // The same verdict and exit status as every command that would use it.
            Console.err("tasks-tui: \(tokenProblem)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }

    /// `config`'s lines for `settings`: every line sanitised whole, since a
    /// profile name, a path from TASKS_CONFIG or a source may hold escape
    /// sequences, and stdout is usually a terminal.
    static func report(
        _ settings: Settings, environment: [String: String], tokenUsable: Bool, profile: TextProfile = outputProfile()
    ) -> [String] {
        var lines: [String] = []
        func out(_ line: String) { lines.append(TerminalText.sanitize(line, profile: profile)) }
        out("config file: \(settings.configFile ?? "(none)")")
        let rows = SettingsResolver.describe(settings)
        let keyWidth = rows.map(\.key.count).max() ?? 10
        for row in rows {
            let shown = row.key == SettingKey.token.rawValue && !tokenUsable ? "not usable" : row.value
            out(
                row.key.rightPadded(to: keyWidth) + "  " + shown + "   (" + row.source
                    + ")")
        }
        // Which roots verify the server, and which proxy the API URL goes through (never its credentials).
        out(
            "trust".rightPadded(to: keyWidth) + "  "
                + Connection.tlsOptions(settings, environment: environment).trustDescription)
        if let url = settings.apiURL {
            let route: String
            do {
                route =
                    try ProxyChoice.forURL(url, setting: settings.proxy, environment: environment).map {
                        "\($0.label) (\($0.source))"
                    } ?? "direct"
            } catch {
                route = error.description
            }
            out("route".rightPadded(to: keyWidth) + "  " + route)
        }
        return lines
    }
}
