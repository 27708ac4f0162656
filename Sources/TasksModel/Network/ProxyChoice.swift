import FoundationEssentials

/// The proxy a request to the API host goes through, chosen as curl chooses
/// it: the `proxy` setting, else `https_proxy`/`HTTPS_PROXY` for an https
/// API URL (`http_proxy` for http; curl reads only the lower-case form of
/// that one, because CGI sets `HTTP_PROXY` from a request header), unless
/// `no_proxy`/`NO_PROXY` lists the host.
public struct ProxyChoice: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// `user:password` from the proxy URL, sent only to the proxy; never shown.
    public var username: String?
    public var password: String?
    /// Where it came from: `proxy`, `HTTPS_PROXY`, ...
    public var source: String

    /// The proxy URL as it may be shown: host and port, never credentials.
    public var label: String { "http://\(host):\(port)" }

    /// Parses a proxy URL (`http://[user:password@]host[:port]`, or bare `host:port` as curl accepts).
    public static func parse(_ text: String, source: String) -> ProxyChoice? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme), components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/"
        else { return nil }
        return ProxyChoice(
            host: host, port: components.port ?? 1080, username: components.user, password: components.password,
            source: source)
    }

    /// A proxy URL as it may be shown anywhere: credentials replaced by `***`.
    public static func redacted(_ text: String) -> String {
        guard let parsed = parse(text, source: "") else { return "(not a proxy URL)" }
        return parsed.username == nil ? parsed.label : "http://***@\(parsed.host):\(parsed.port)"
    }

    /// The proxy for `url`, or nil for a direct connection. A `setting` wins over
    /// the environment; `NO_PROXY` applies to both, as in curl.
    public static func forURL(_ url: URL, setting: String?, environment: [String: String]) throws(SettingsError)
        -> ProxyChoice?
    {
        let host = (url.host ?? "").lowercased()
        let https = url.scheme?.lowercased() == "https"
        let candidates: [String] =
            https
            ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        var chosen: (text: String, source: String)?
        if let setting, !setting.isEmpty {
            chosen = (setting, "proxy")
        } else if let name = candidates.first(where: { !(environment[$0] ?? "").isEmpty }) {
            chosen = (environment[name]!, name)
        }
        guard let chosen else { return nil }
        // An empty variable counts as unset, as in curl: an empty no_proxy does not hide NO_PROXY.
        let exceptions = ["no_proxy", "NO_PROXY"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        if bypasses(host: host, noProxy: exceptions) { return nil }
        guard let proxy = parse(chosen.text, source: chosen.source) else {
            throw SettingsError("\(chosen.source) must look like http://[user:password@]host:port")
        }
        return proxy
    }

    /// Whether `noProxy` (comma- or space-separated) exempts `host`, as curl reads it:
    /// `*` exempts every host; `example.com` and `.example.com` match the name and every
    /// name under it; an IP address matches itself, or a CIDR range (`10.0.0.0/8`).
    public static func bypasses(host rawHost: String, noProxy: String) -> Bool {
        let host = rawHost.lowercased().trimming(anyOf: "[]")
        let entries = noProxy.split(whereSeparator: { $0 == "," || $0 == " " }).map {
            $0.trimmingSpaces().lowercased()
        }
        for entry in entries where !entry.isEmpty {
            if entry == "*" { return true }
            if entry.contains("/"), let ip = IPv4(host), let (network, bits) = cidr(entry) {
                let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
                if ip & mask == network & mask { return true }
                continue
            }
            var name = entry.trimming(anyOf: "[]")
            if name.hasPrefix(".") { name.removeFirst() }
            if name.hasSuffix(".") { name.removeLast() }
            if host == name || (IPv4(host) == nil && host.hasSuffix("." + name)) { return true }
        }
        return false
    }

    private static func IPv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    private static func cidr(_ entry: String) -> (UInt32, Int)? {
        let halves = entry.split(separator: "/")
        guard halves.count == 2, let network = IPv4(String(halves[0])), let bits = Int(halves[1]),
            (0...32).contains(bits)
        else { return nil }
        return (network, bits)
    }
}
