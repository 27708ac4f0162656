import Foundation
import NIOCore
import NIOSSL
import Testing

@testable import TasksModel

/// The pure pieces of #17: which proxy a URL goes through, NO_PROXY as curl reads it,
/// proxy credentials never shown, and TLS failures explained from the certificate.
@Suite("Network: proxies and TLS words")
struct NetworkTests {
    // Made with openssl for these tests: an internal CA, and three certificates it signed.
    static let caPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBizCCATGgAwIBAgIUX8nQ8UZR9QD9BVKGHJ7hP6s+Z3QwCgYIKoZIzj0EAwIw
        GzEZMBcGA1UEAwwQVGVzdCBJbnRlcm5hbCBDQTAeFw0yNjExMjkwNzIzNDVaFw0z
        NjExMjYwNzIzNDVaMBsxGTAXBgNVBAMMEFRlc3QgSW50ZXJuYWwgQ0EwWTATBgcq
        hkjOPQIBBggqhkjOPQMBBwNCAASecYrsxP/4W8D175KUn8QcDjCE7fHD3Kdbe6bC
        +kTRX0ShX4v4wg8ptEtyokkgkGX28K+lj8BIsO+LE8DMrDxno1MwUTAdBgNVHQ4E
        FgQU9j5IdGE8BUvb1WEmoB7N/V607SMwHwYDVR0jBBgwFoAU9j5IdGE8BUvb1WEm
        oB7N/V607SMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAkK8u
        akjehZsiBem6vJgpu6FXPaAC8/aqZbhw2xZTV9YCIAUSqLAXGPY6VUMroOiZ1Scg
        5Lo4WPxjlKpyo5pnDdDf
        -----END CERTIFICATE-----
        """
    static let goodPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBdjCCAR2gAwIBAgICIAAwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQVGVzdCBJ
        bnRlcm5hbCBDQTAeFw0yMDAxMDEwMDAwMDBaFw00MDAxMDEwMDAwMDBaMBQxEjAQ
        BgNVBAMMCWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABKLIgf1j
        WZtbFhuO0Sadn+2N4baeXN7zxS+exM0er43In2aB+MAd8gmnIMCAQqYtFy3lQkti
        MoSP4/vF+UrTPkSjWDBWMBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAdBgNVHQ4EFgQU
        B8a4zv1z0SeG88dcviqGFjvIXp4wHwYDVR0jBBgwFoAU9j5IdGE8BUvb1WEmoB7N
        /V607SMwCgYIKoZIzj0EAwIDRwAwRAIgQHOzimoPFR6Sby/G9Pn+XKihEyKDSN5r
        +/iitM0BPhACICkRJ85jrJ9L0OTthNwI9tnHTSV+zR2R4ss/zjLOYIFN
        -----END CERTIFICATE-----
        """
    static let otherPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBkDCCATagAwIBAgICIAEwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQVGVzdCBJ
        bnRlcm5hbCBDQTAeFw0yMDAxMDEwMDAwMDBaFw00MDAxMDEwMDAwMDBaMBgxFjAU
        BgNVBAMMDW90aGVyLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQz
        gCum1/SVuk1r5euGXoWz5Zk3qBR8sLiuixv+CRH5+jtld+kKH+ifayNGM6l+Iodq
        Cc/1Mz9yNfkfE8bNkU8To20wazApBgNVHREEIjAggg1vdGhlci5leGFtcGxlgg8q
        Lm90aGVyLmV4YW1wbGUwHQYDVR0OBBYEFM6mb45jK8KjYf1ZMy36/DUhp8XyMB8G
        A1UdIwQYMBaAFPY+SHRhPAVL29VhJqAezf1etO0jMAoGCCqGSM49BAMCA0gAMEUC
        IQCTqyiC0q/y2awNOSszzBXLBrVgPHAbwFjipndIN9ghQgIgRDskY429cmlpcDuk
        kTBZWKCTU7KWF+kIDrMiVpFeHMo=
        -----END CERTIFICATE-----
        """
    static let expiredPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBdjCCAR2gAwIBAgICIAIwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQVGVzdCBJ
        bnRlcm5hbCBDQTAeFw0yMDAxMDEwMDAwMDBaFw0yMTAxMDEwMDAwMDBaMBQxEjAQ
        BgNVBAMMCWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABFMOfwQW
        jFUZM+8bveZnyIbw8BZd2ZwFDcCUtgum5rHbYbQ98k2QGqoWbW4Ssqtrc8nMNK1Z
        mtlvHPT0RstiOsajWDBWMBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAdBgNVHQ4EFgQU
        zWNH9cAkGLgEPK69qYuu0ZKfuOIwHwYDVR0jBBgwFoAU9j5IdGE8BUvb1WEmoB7N
        /V607SMwCgYIKoZIzj0EAwIDRwAwRAIgR6/QhSgEBV8D1pzEKdyNPqtZgHqPjozJ
        f3Csql4rgG8CIFCsAmzfVvqRHXFkW2QqW5GoOrsVKkUoopBW0TOwqujf
        -----END CERTIFICATE-----
        """
    /// 2030-06-06: inside the good certificates' 2020–2040 validity, after the expired one's 2021 end.
    static let now = Date(timeIntervalSince1970: 1_906_934_400)

    func certificate(_ pem: String) throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
    }

    @Test("an unknown CA is named, with the flag that fixes it")
    func untrusted() throws {
        let failure = CertificateDiagnosis.explain(try certificate(Self.goodPEM), host: "localhost", now: Self.now)
        #expect(failure.kind == .untrustedCertificate)
        #expect(
            failure.message
                == "certificate not trusted: signed by 'Test Internal CA', which is not a trusted root; add it with --ca-file"
        )
        #expect(APIError.connection(failure).headline == "cannot reach server: TLS: certificate not trusted")
        // Signed by a configured root, with right dates and names: not the certificate's fault.
        let der = try certificate(Self.goodPEM).toDERBytes()
        let caDER = try certificate(Self.caPEM).toDERBytes()
        #expect(
            CertificateDiagnosis.explain(
                der: der, host: "localhost", trustedIssuers: CertificateDiagnosis.subjects([caDER]), now: Self.now)
                == nil)
        #expect(CertificateDiagnosis.explain(der: der, host: "localhost", now: Self.now)?.kind == .untrustedCertificate)
        let selfSigned = CertificateDiagnosis.explain(
            try certificate(Self.caPEM), host: "Test Internal CA", now: Self.now)
        #expect(selfSigned.message.hasPrefix("certificate not trusted: self-signed by 'Test Internal CA'"))
    }

    @Test("an expired certificate says its dates; one not yet valid says so")
    func expired() throws {
        let failure = CertificateDiagnosis.explain(try certificate(Self.expiredPEM), host: "localhost", now: Self.now)
        #expect(failure.kind == .expiredCertificate)
        #expect(
            failure.message
                == "certificate expired: valid from 2020-01-01 00:00 UTC to 2021-01-01 00:00 UTC, and it is now 2030-06-06 00:00 UTC"
        )
        let early = CertificateDiagnosis.explain(
            try certificate(Self.goodPEM), host: "localhost", now: Date(timeIntervalSince1970: 1_000_000_000))
        #expect(early.kind == .notYetValidCertificate)
        #expect(early.message.contains("valid from 2020-01-01 00:00 UTC"))
    }

    @Test("a name mismatch lists the names the certificate holds; wildcards match one label")
    func nameMismatch() throws {
        let other = try certificate(Self.otherPEM)
        let failure = CertificateDiagnosis.explain(other, host: "localhost", now: Self.now)
        #expect(failure.kind == .nameMismatch)
        #expect(
            failure.message
                == "certificate name mismatch: it is for 'other.example', '*.other.example', not 'localhost'")
        #expect(
            CertificateDiagnosis.explain(other, host: "api.other.example", now: Self.now).kind == .untrustedCertificate)
        #expect(CertificateDiagnosis.explain(other, host: "a.b.other.example", now: Self.now).kind == .nameMismatch)
        #expect(CertificateDiagnosis.explain(other, host: "OTHER.example", now: Self.now).kind == .untrustedCertificate)
    }

    @Test(
        "NO_PROXY as curl reads it",
        arguments: [
            ("api.corp.example", "corp.example", true), ("api.corp.example", ".corp.example", true),
            ("corp.example", ".corp.example", true), ("notcorp.example", "corp.example", false),
            ("api.corp.example", "other.example, corp.example", true), ("anything", "*", true),
            ("10.1.2.3", "10.0.0.0/8", true), ("11.1.2.3", "10.0.0.0/8", false), ("127.0.0.1", "127.0.0.1", true),
            ("127.0.0.1", "0.0.1", false), ("localhost", "", false), ("::1", "::1", true),
            ("API.Corp.Example", "corp.example", true),
        ])
    func noProxy(host: String, list: String, bypass: Bool) {
        #expect(ProxyChoice.bypasses(host: host, noProxy: list) == bypass)
    }

    @Test("the proxy comes from the setting, else the scheme's variable; NO_PROXY applies to both")
    func environment() throws {
        let https = URL(string: "https://api.corp.example/v1")!
        let http = URL(string: "http://api.corp.example")!
        let env = ["HTTPS_PROXY": "http://p1:3128", "http_proxy": "p2:8080", "NO_PROXY": "other.example"]
        #expect(try ProxyChoice.forURL(https, setting: nil, environment: env)?.label == "http://p1:3128")
        #expect(try ProxyChoice.forURL(https, setting: nil, environment: env)?.source == "HTTPS_PROXY")
        #expect(try ProxyChoice.forURL(http, setting: nil, environment: env)?.label == "http://p2:8080")
        // curl ignores upper-case HTTP_PROXY (CGI sets it from a request header).
        #expect(try ProxyChoice.forURL(http, setting: nil, environment: ["HTTP_PROXY": "http://p3:1"]) == nil)
        #expect(
            try ProxyChoice.forURL(https, setting: nil, environment: ["https_proxy": "http://low:1"])?.host == "low")
        #expect(try ProxyChoice.forURL(https, setting: "http://set:9", environment: env)?.source == "proxy")
        #expect(
            try ProxyChoice.forURL(https, setting: "http://set:9", environment: ["NO_PROXY": ".corp.example"]) == nil)
        #expect(
            try ProxyChoice.forURL(https, setting: nil, environment: ["no_proxy": "*", "HTTPS_PROXY": "http://p:1"])
                == nil)
        #expect(throws: SettingsError.self) {
            try ProxyChoice.forURL(https, setting: nil, environment: ["HTTPS_PROXY": "socks5://p:1"])
        }
    }

    @Test("proxy credentials go to the proxy and are never shown")
    func redacted() throws {
        let proxy = try #require(ProxyChoice.parse("http://alice:s3cret@proxy.corp:3128", source: "proxy"))
        #expect(proxy.username == "alice" && proxy.password == "s3cret")
        #expect(!proxy.label.contains("s3cret") && !proxy.label.contains("alice"))
        #expect(ProxyChoice.redacted("http://alice:s3cret@proxy.corp:3128") == "http://***@proxy.corp:3128")
        let classifier = TransportErrorClassifier(timeout: 5, proxy: proxy)
        let refused = classifier.apiError(for: IOError(errnoCode: ECONNREFUSED, reason: "connect"))
        #expect(
            refused
                == .connection(
                    ConnectionFailure(.proxyRefused, "proxy http://proxy.corp:3128 (proxy): connection refused")))
        #expect(!refused.description.contains("s3cret"))
    }

    @Test("trust in force, as config says it")
    func trust() {
        #expect(TLSOptions().trustDescription == "system roots")
        #expect(TLSOptions(caFile: "/ca.pem").trustDescription == "ca_file /ca.pem + system roots")
        #expect(TLSOptions(caFile: "/ca.pem", caFileOnly: true).trustDescription == "ca_file /ca.pem only")
        #expect(TLSOptions(environment: ["SSL_CERT_FILE": "/b.pem"]).trustDescription == "SSL_CERT_FILE /b.pem")
        #expect(TLSOptions(environment: ["SSL_CERT_DIR": "/d"]).trustDescription == "SSL_CERT_DIR /d")
        #expect(TLSOptions(insecure: true).trustDescription.hasPrefix("none"))
    }

    @Test("a client key readable by others is refused like the token file; cert and key go together")
    func clientKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nettest-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("c.pem").path
        let key = directory.appendingPathComponent("k.pem").path
        try Self.goodPEM.write(toFile: cert, atomically: true, encoding: .utf8)
        try "not a key".write(toFile: key, atomically: true, encoding: .utf8)
        chmod(key, 0o644)
        #expect {
            try TLSOptions(clientCertificate: cert, clientKey: key).configuration()
        } throws: { ($0 as? SettingsError)?.description.contains("chmod 600") == true }
        #expect {
            try TLSOptions(clientCertificate: cert).configuration()
        } throws: { ($0 as? SettingsError)?.description.contains("go together") == true }
        #expect {
            try TLSOptions(caFile: key).configuration()
        } throws: { ($0 as? SettingsError)?.description.contains("holds no PEM certificate") == true }
        _ = try TLSOptions(caFile: cert).configuration()
    }
}
