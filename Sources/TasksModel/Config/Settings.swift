import FoundationEssentials

/// The effective configuration: every key, its value, and where it came from.
///
/// Precedence, lowest to highest: defaults, the config file's top level, the
/// selected profile in it, environment variables, flags. Hand-written rather
/// than on swift-configuration because `config` must say, per key, which
/// layer won, and profiles are a layer of their own; see README. What each
/// key means, its names and its default are in `SettingDescriptor.all`.
public struct Settings: Sendable {
    public var apiURL: URL?
    public var tokenFile: String?
    /// Set when TASKS_API_TOKEN is; never printed.
    public var tokenFromEnvironment = false
    public var timeout: Double = 0
    public var refreshInterval: Double = 0
    public var listLimit = 0
    public var stallThreshold: Double?
    public var pollRules: PollRules = .reference
    public var readOnly = false
    public var insecure = false
    /// Send the token over plain http to a host that is not loopback (`--allow-http-token`).
    public var allowHTTPToken = false
    /// A PEM bundle added to (or, with `caFileOnly`, replacing) the trust roots.
    public var caFile: String?
    public var caFileOnly = false
    /// A PEM client certificate and its key (mode 600), for mutual TLS.
    public var clientCert: String?
    public var clientKey: String?
    /// `http://[user:password@]host:port`; never shown with its credentials.
    public var proxy: String?
    public var color = false
    /// The dashboard asks the terminal for clicks and the wheel (off: the terminal's own selection works).
    public var mouse = false
    /// How the end of a watched job is told: bell and OSC 9/777 notification, bell, or nothing.
    public var notify: NotifyMode = .auto
    /// Send `If-None-Match` / `If-Modified-Since` when the server gave validators (off for servers that get them wrong).
    public var conditionalRequests = false
    /// The cancel request: `POST` (the reference) or `DELETE`, to `cancelPath` (`{id}`: the job id).
    public var cancelMethod = "POST"
    public var cancelPath = "{base}/api/v1/jobs/{id}/cancel"
    /// The zone of zoneless timestamps, seconds east of UTC; nil: `auto` (inferred, `NaiveZone`).
    public var timestampsZone: Double?
    /// OSC 8 links for URLs in the details pane: on, off, or auto (terminals known to show them; `HyperlinkSupport`).
    public var hyperlinks = HyperlinkMode.auto
    public var logFile = ""
    public var auditLog = ""
    public var profile: String?
    public var configFile: String?
    /// Key to source, for every key.
    public var sources: [String: SettingSource] = [:]

    /// Empty: `SettingsResolver` fills every value from the table's defaults first.
    init() {}

    /// The keys in display order.
    public static var keys: [String] { SettingDescriptor.all.map(\.key.rawValue) }

    /// The engine configuration these settings give.
    public var engineConfiguration: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.listInterval = refreshInterval
        configuration.listLimit = listLimit
        configuration.stallThreshold = stallThreshold
        configuration.rules = pollRules
        configuration.timestampsZone = timestampsZone
        return configuration
    }
}
