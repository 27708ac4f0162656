import FoundationEssentials
import NIOSSL

#if canImport(Glibc)
    import Glibc
#endif

/// How the client proves who the server is and who it is: trust roots, a
/// client certificate, verification off for `--insecure`.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM bundle added to the trust roots (`--ca-file`, `ca_file`, `TASKS_CA_FILE`).
    public var caFile: String?
    /// Trust only `caFile`, not the system roots.
    public var caFileOnly = false
    /// PEM client certificate and its key, for servers that ask for one.
    public var clientCertificate: String?
    public var clientKey: String?
    /// Verification off (for the configured host: the client talks to no other).
    public var insecure = false
    /// `SSL_CERT_FILE` / `SSL_CERT_DIR`, read as curl and OpenSSL read them.
    public var environment: [String: String] = [:]

    public init(
        caFile: String? = nil, caFileOnly: Bool = false, clientCertificate: String? = nil, clientKey: String? = nil,
        insecure: Bool = false, environment: [String: String] = [:]
    ) {
        self.caFile = caFile
        self.caFileOnly = caFileOnly
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecure = insecure
        self.environment = environment
    }

    /// The trust in force, in words (`tasks-tui config` prints it).
    public var trustDescription: String {
        if insecure { return "none: verification off (--insecure)" }
        var parts: [String] = []
        if let caFile { parts.append("ca_file \(caFile)") }
        if caFileOnly, caFile != nil { return parts[0] + " only" }
        if let file = environment["SSL_CERT_FILE"], !file.isEmpty {
            parts.append("SSL_CERT_FILE \(file)")
        } else if let directory = environment["SSL_CERT_DIR"], !directory.isEmpty {
            parts.append("SSL_CERT_DIR \(directory)")
        } else {
            parts.append("system roots")
        }
        return parts.joined(separator: " + ")
    }

    /// The TLS configuration these options give; throws with a readable message
    /// when a file is missing, unreadable or not PEM, or the key file is unsafe.
    public func configuration() throws(SettingsError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if insecure {
            tls.certificateVerification = .none
        } else {
            // SSL_CERT_FILE replaces the default bundle, as in OpenSSL; SSL_CERT_DIR likewise.
            if let file = environment["SSL_CERT_FILE"], !file.isEmpty {
                tls.trustRoots = .certificates(try Self.certificates(file, what: "SSL_CERT_FILE"))
            } else if let directory = environment["SSL_CERT_DIR"], !directory.isEmpty {
                tls.trustRoots = .certificates(try Self.directoryCertificates(directory, what: "SSL_CERT_DIR"))
            }
            if let caFile {
                let extra = try Self.certificates(caFile, what: "the CA file")
                if caFileOnly {
                    tls.trustRoots = .certificates(extra)
                } else {
                    tls.additionalTrustRoots = [.certificates(extra)]
                }
            }
        }
        switch (clientCertificate, clientKey) {
        case (nil, nil): break
        case (let certificate?, let key?):
            let chain = try Self.certificates(certificate, what: "the client certificate")
            // Read once from the checked descriptor; NIOSSL gets the bytes, never the path.
            let keyBytes = try PrivateFile.read(key, what: "the client key", limit: Self.fileLimit)
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyBytes, format: .pem))
            } catch {
                throw SettingsError("the client key \(key) is not a PEM private key (or is encrypted)")
            }
            tls.certificateChain = chain.map { .certificate($0) }
        default:
            throw SettingsError("--client-cert and --client-key go together: give both")
        }
        return tls
    }

    /// The subjects of the roots added by `caFile` and `SSL_CERT_FILE`, so a failed
    /// handshake with a certificate they signed is not called untrusted.
    public var addedRootSubjects: Set<String> {
        let files = [caFile, environment["SSL_CERT_FILE"]].compactMap { $0 }.filter { !$0.isEmpty }
        let ders = files.flatMap { (try? Self.certificates($0, what: "")) ?? [] }.compactMap { try? $0.toDERBytes() }
        return CertificateDiagnosis.subjects(ders)
    }

    /// The largest trust file read (a system bundle is about 200 KiB).
    static let fileLimit = 16 << 20

    /// A PEM file's certificates, read from one checked descriptor (`PrivateFile.readTrusted`):
    /// a link, a FIFO, a file others can write or another user's is refused.
    static func certificates(_ path: String, what: String) throws(SettingsError) -> [NIOSSLCertificate] {
        let bytes = try PrivateFile.readTrusted(path, what: what, limit: fileLimit)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw SettingsError("\(what) \(path) holds no PEM certificate")
        }
        guard !certificates.isEmpty else { throw SettingsError("\(what) \(path) holds no PEM certificate") }
        return certificates
    }

    /// The certificates of a hashed directory (`SSL_CERT_DIR`), each file read
    /// from a checked descriptor; files that hold no certificate (a CRL) are
    /// skipped. None at all trusts nothing, as OpenSSL would: the handshake
    /// then says the certificate is not trusted (exit 10), not a config error.
    static func directoryCertificates(_ path: String, what: String) throws(SettingsError) -> [NIOSSLCertificate] {
        let files = try PrivateFile.readTrustedDirectory(path, what: what, limit: fileLimit)
        return files.flatMap { (try? NIOSSLCertificate.fromPEMBytes($0)) ?? [] }
    }
}
