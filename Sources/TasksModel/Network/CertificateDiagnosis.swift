import FoundationEssentials
import NIOSSL

/// Why a server certificate that failed verification failed, read from the
/// certificate itself: its dates, its names, its issuer. Read with NIOSSL,
/// whose BoringSSL already does the handshake (swift-certificates would link
/// a second BoringSSL, through swift-crypto, for the same facts).
public enum CertificateDiagnosis {
    /// The failure for `pem`/`der` presented by `host` at `now`, in words.
    /// nil when nothing in the certificate explains the failure: its dates and names are
    /// right and `trustedIssuers` (subjects of the configured roots) holds its issuer, so
    /// the handshake failed for another reason (a client certificate wanted).
    public static func explain(der: [UInt8], host: String, trustedIssuers: Set<String> = [], now: Date = Date())
        -> ConnectionFailure?
    {
        guard let certificate = try? NIOSSLCertificate(bytes: der, format: .der) else { return nil }
        let failure = explain(certificate, host: host, now: now)
        if failure.kind == .untrustedCertificate, trustedIssuers.contains(text(certificate.issuerName)) {
            return nil
        }
        return failure
    }

    /// The subjects of the certificates in `ders`, to compare with an issuer.
    public static func subjects(_ ders: [[UInt8]]) -> Set<String> {
        Set(ders.compactMap { der in (try? NIOSSLCertificate(bytes: der, format: .der)).map { text($0.subjectName) } })
    }

    public static func explain(_ certificate: NIOSSLCertificate, host: String, now: Date = Date()) -> ConnectionFailure
    {
        let notValidBefore = Date(timeIntervalSince1970: Double(certificate.notValidBefore))
        let notValidAfter = Date(timeIntervalSince1970: Double(certificate.notValidAfter))
        if now > notValidAfter {
            return ConnectionFailure(
                .expiredCertificate,
                "certificate expired: valid from \(day(notValidBefore)) to \(day(notValidAfter)), "
                    + "and it is now \(day(now))")
        }
        if now < notValidBefore {
            return ConnectionFailure(
                .notYetValidCertificate,
                "certificate not yet valid: valid from \(day(notValidBefore)) to "
                    + "\(day(notValidAfter)), and it is now \(day(now)) (check this machine's clock)")
        }
        let names = self.names(certificate)
        if !names.contains(where: { matches($0, host: host) }) {
            let list = names.isEmpty ? "no names" : names.map { "'\($0)'" }.joined(separator: ", ")
            return ConnectionFailure(
                .nameMismatch, "certificate name mismatch: it is for \(list), not '\(host)'")
        }
        let issuer = commonName(certificate.issuerName) ?? text(certificate.issuerName)
        if certificate.issuerName == certificate.subjectName {
            return ConnectionFailure(
                .untrustedCertificate,
                "certificate not trusted: self-signed by '\(issuer)', which is not a trusted root; add it with --ca-file"
            )
        }
        return ConnectionFailure(
            .untrustedCertificate,
            "certificate not trusted: signed by '\(issuer)', which is not a trusted root; add it with --ca-file")
    }

    /// The DNS names and IP addresses the certificate holds (its common name when it has no SANs).
    static func names(_ certificate: NIOSSLCertificate) -> [String] {
        var names: [String] = []
        for name in certificate._subjectAlternativeNames() {
            switch name.nameType {
            case .dnsName: names.append(String(decoding: Array(name.contents), as: UTF8.self))
            case .ipAddress: names.append(ipText(Array(name.contents)))
            default: continue
            }
        }
        if names.isEmpty, let common = commonName(certificate.subjectName) { names.append(common) }
        return names
    }

    /// `*.example.com` matches one label; names compare without case.
    static func matches(_ pattern: String, host: String) -> Bool {
        let pattern = pattern.lowercased()
        let host = host.lowercased().trimming(anyOf: "[]")
        if pattern.hasPrefix("*.") {
            guard let dot = host.firstIndex(of: ".") else { return false }
            return host[host.index(after: dot)...] == pattern.dropFirst(2)
        }
        return pattern == host
    }

    /// The first common name (CN) of a subject or issuer.
    static func commonName(_ name: [SSLCertificateName]) -> String? {
        name.first { $0.type == .commonName }?.value
    }

    /// A subject or issuer as text: `CN=Test Internal CA,O=Example` (the parts in the certificate's order).
    static func text(_ name: [SSLCertificateName]) -> String {
        let labels: [(SSLCertificateNameType, String)] = [
            (.commonName, "CN"), (.organization, "O"), (.organizationalUnit, "OU"), (.country, "C"),
            (.state, "ST"), (.city, "L"), (.emailAddress, "E"), (.userId, "UID"),
        ]
        // Values escaped (RFC 4514 style), so a CN holding ",O=x" cannot read as two parts.
        return name.map { part in
            let value = part.value.replacingScalar("\\", with: "\\\\").replacingScalar(",", with: "\\,")
                .replacingScalar("=", with: "\\=")
            return (labels.first { $0.0 == part.type }?.1 ?? "?") + "=" + value
        }.joined(separator: ",")
    }

    private static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        var index = 0
        while index + 1 < bytes.count {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
            index += 2
        }
        return groups.joined(separator: ":")
    }

    /// `2024-01-15 10:00 UTC`: a certificate's dates to the minute, in UTC, as the certificate states them.
    private static func day(_ date: Date) -> String {
        let full = TimeText.fullUTC(date)  // 2024-01-15 10:00:00Z, or >9999y
        guard full.hasSuffix("Z"), full.count == 20 else { return full }
        return full.prefix(16) + " UTC"
    }
}
