import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a URL's host is this machine: a parsed IPv4 address in
/// 127.0.0.0/8, the IPv6 address `::1`, or exactly `localhost`. Never a
/// prefix match: `127.evil.example` is a name anyone can point anywhere.
public enum Loopback {
    public static func isLoopback(host: String) -> Bool {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }
}
