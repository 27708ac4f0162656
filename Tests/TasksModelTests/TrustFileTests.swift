import Foundation
import NIOSSL
import Testing

@testable import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Issue #24, part 4: CA files and directories and the client certificate and
/// key are opened like the token file, and refused when others could change them.
@Suite("Trust files: checked like the token file")
struct TrustFileTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "trust-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o700)
    }

    func file(_ name: String, _ text: String, mode: mode_t) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        chmod(path, mode)
        return path
    }

    func message(_ options: TLSOptions) -> String? {
        do {
            _ = try options.configuration()
            return nil
        } catch {
            return error.description
        }
    }

    @Test(
        "a CA file, SSL_CERT_FILE or client certificate writable by group or others is refused, with the chmod that fixes it",
        arguments: [0o666, 0o664, 0o646, 0o622, 0o777] as [mode_t])
    func writableRefused(mode: mode_t) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = file("ca.pem", NetworkTests.caPEM, mode: mode)
        let said = try #require(message(TLSOptions(caFile: ca)))
        #expect(said.contains("the CA file \(ca) is writable by its group or by others"))
        #expect(said.contains("fix it with: chmod go-w \(ca)"))
        #expect(message(TLSOptions(environment: ["SSL_CERT_FILE": ca]))?.contains("chmod go-w \(ca)") == true)
        let key = file("k.pem", "not a key", mode: 0o600)
        #expect(
            message(TLSOptions(clientCertificate: ca, clientKey: key))?.contains(
                "the client certificate \(ca) is writable")
                == true)
        // The same file made safe is read.
        chmod(ca, 0o644)
        #expect(message(TLSOptions(caFile: ca)) == nil)
        #expect(message(TLSOptions(environment: ["SSL_CERT_FILE": ca])) == nil)
    }

    @Test("a link or a FIFO given as --ca-file is refused at once, never followed or waited on")
    func linksAndFIFOs() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = file("ca.pem", NetworkTests.caPEM, mode: 0o644)
        let link = directory + "/link.pem"
        #expect(symlink(ca, link) == 0)
        #expect(message(TLSOptions(caFile: link))?.contains("is a symbolic link") == true)
        let fifo = directory + "/fifo.pem"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(message(TLSOptions(caFile: fifo))?.contains("is not a regular file") == true)
        #expect(message(TLSOptions(environment: ["SSL_CERT_FILE": fifo]))?.contains("is not a regular file") == true)
    }

    @Test("SSL_CERT_DIR: a directory writable by others, or a hashed file in it, is refused; a safe one is read")
    func certificateDirectory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let certs = directory + "/certs"
        try FileManager.default.createDirectory(atPath: certs, withIntermediateDirectories: true)
        let ca = file("certs/ca.pem", NetworkTests.caPEM, mode: 0o644)
        #expect(symlink("ca.pem", certs + "/0a1b2c3d.0") == 0)
        chmod(certs, 0o755)
        #expect(message(TLSOptions(environment: ["SSL_CERT_DIR": certs])) == nil)
        // A directory with no hashed names trusts nothing, as OpenSSL would: the
        // handshake says "not trusted" (exit 10), not a config error (64).
        #expect(message(TLSOptions(environment: ["SSL_CERT_DIR": directory])) == nil)
        #expect(try TLSOptions.directoryCertificates(directory, what: "SSL_CERT_DIR").isEmpty)
        let subjects = try TLSOptions.directoryCertificates(certs, what: "SSL_CERT_DIR")
        #expect(subjects.count == 1)
        chmod(certs, 0o777)
        #expect(message(TLSOptions(environment: ["SSL_CERT_DIR": certs]))?.contains("chmod go-w \(certs)") == true)
        chmod(certs, 0o755)
        chmod(ca, 0o666)
        #expect(message(TLSOptions(environment: ["SSL_CERT_DIR": certs]))?.contains("is writable by its group") == true)
    }

    @Test("the client key is read once from its checked descriptor and handed to NIOSSL as bytes")
    func clientKeyBytes() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cert = file("c.pem", NetworkTests.goodPEM, mode: 0o644)
        let keyLink = directory + "/key-link.pem"
        let key = file("k.pem", "not a key", mode: 0o600)
        #expect(symlink(key, keyLink) == 0)
        #expect(message(TLSOptions(clientCertificate: cert, clientKey: keyLink))?.contains("symbolic link") == true)
        #expect(message(TLSOptions(clientCertificate: cert, clientKey: key))?.contains("not a PEM private key") == true)
    }
}
