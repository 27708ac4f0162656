/// Every setting, named as `tasks-tui config` shows it and (for most) as the
/// config file spells it. `SettingDescriptor.all` says everything else about
/// each one; the cases exist so flag values can be handed over typed.
public enum SettingKey: String, Sendable, Hashable, CaseIterable {
    case apiURL = "api_url"
    case token
    case tokenFile = "token_file"
    case timeout
    case refreshInterval = "refresh_interval"
    case listLimit = "list_limit"
    case stallThreshold = "stall_threshold"
    case pollRules = "poll_rules"
    case readOnly = "read_only"
    case insecure
    case allowHTTPToken = "allow_http_token"
    case caFile = "ca_file"
    case caFileOnly = "ca_file_only"
    case clientCert = "client_cert"
    case clientKey = "client_key"
    case proxy
    case color
    case mouse
    case notify
    case conditionalRequests = "conditional_requests"
    case cancelMethod = "cancel_method"
    case cancelPath = "cancel_path"
    case timestampsZone = "timestamps_zone"
    case hyperlinks
    case logFile = "log_file"
    case auditLog = "audit_log"
    case profile
}
