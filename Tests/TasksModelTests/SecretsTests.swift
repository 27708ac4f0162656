import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PropertyBased
import Testing

@testable import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Issue #24, part 1: the token is checked where it is loaded, no library's
/// words are shown, and every output passes through one redaction.
@Suite("Secrets: the token checked when loaded, never in any output")
struct SecretsTests {
    /// The forms a token takes in text, computed here independently of `Redactor`.
    static func forms(_ token: String) -> [String] {
        var forms = [token, String(String(reflecting: token).dropFirst().dropLast())]
        // C-style: \x1b for every byte outside printable ASCII.
        forms.append(
            token.utf8.map {
                (0x20...0x7E).contains($0)
                    ? String(UnicodeScalar($0)) : "\\x" + (($0 < 16 ? "0" : "") + String($0, radix: 16))
            }
            .joined())
        if let data = try? JSONEncoder().encode(token) {
            forms.append(String(String(decoding: data, as: UTF8.self).dropFirst().dropLast()))
        }
        forms.append(String(JSONValue.string(token).encoded().dropFirst().dropLast()))
        forms.append(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)
        forms.append(token.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? token)
        forms.append(Data(token.utf8).base64EncodedString())
        return forms
    }

    /// True when some base64 run of `text`, read at any alignment, decodes to bytes holding the token.
    static func base64Holds(_ text: String, _ token: String) -> Bool {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        let needle = Array(token.utf8)
        let runs = text.utf8.split { !alphabet.contains($0) }
        for run in runs where run.count >= 4 {
            let chars = Array(run)
            for start in 0..<4 where start < chars.count {
                var piece = Array(chars[start...].filter { $0 != UInt8(ascii: "=") })
                piece.removeLast(piece.count % 4)
                guard let decoded = Data(base64Encoded: Data(piece)) else { continue }
                if Array(decoded).firstRange(of: needle) != nil { return true }
            }
        }
        return false
    }

    @Test(
        "a token holding a control byte, DEL, a space, a byte outside ASCII, or over 4 KiB is refused, naming the source, never quoting it",
        arguments: [
            "secret\u{1B}xyz-0123", "secret\nxyz-0123", "secret\u{01}xyz-0123", "secret\u{7F}xyz-0123",
            "secret xyz-0123", "secrét-xyz-0123", "secret\u{9B}xyz-0123", "secret\u{00A0}xyz-0123",
            String(repeating: "k", count: 4097),
        ])
    func refusedWhenLoaded(token: String) {
        let error = #expect(throws: SettingsError.self) {
            try BearerToken.load(token, source: "environment TASKS_API_TOKEN")
        }
        #expect(error?.description.contains("environment TASKS_API_TOKEN") == true)
        #expect(error?.description.contains("visible ASCII") == true)
        #expect(error?.description.contains("secret") == false)
        #expect(error?.description.contains("kkkkkkkk") == false)
        #expect(BearerToken(token) == nil)
    }

    @Test("the refusal names the kind of byte, never the token")
    func refusalWords() {
        #expect(BearerToken.problem(in: "a\u{01}b") == "holds a control byte (0x01)")
        #expect(BearerToken.problem(in: "a\u{1B}b") == "holds a control byte (0x1B)")
        #expect(BearerToken.problem(in: "a b") == "holds a space")
        #expect(BearerToken.problem(in: "a\u{7F}b") == "holds a DEL byte")
        #expect(BearerToken.problem(in: "aé") == "holds a byte outside ASCII")
        #expect(BearerToken.problem(in: "tok-!~") == nil)
    }

    @Test("visible ASCII up to 4 KiB is a token; surrounding line ends are trimmed; blank is no token")
    func acceptedWhenLoaded() throws {
        let longest = String(repeating: "k", count: 4096)
        #expect(try BearerToken.load(longest, source: "x")?.headerValue == "Bearer " + longest)
        #expect(try BearerToken.load("  tok-!~{}\r\n", source: "x")?.headerValue == "Bearer tok-!~{}")
        #expect(try BearerToken.load(" \n\t", source: "x") == nil)
    }

    @Test("a token file holding a control byte or invalid UTF-8 is refused, naming the file, never quoting it")
    func tokenFileRefused() throws {
        let directory = NSTemporaryDirectory() + "tokfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/token"
        for bytes: [UInt8] in [
            Array("secret\u{01}xyz\n".utf8), Array("secret\u{1B}[31mxyz".utf8), Array("secret".utf8) + [0xFF, 0x41],
        ] {
            _ = FileManager.default.createFile(
                atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            let error = #expect(throws: SettingsError.self) { try TokenFile.read(path) }
            #expect(error?.description.contains("the token file \(path)") == true)
            #expect(error?.description.contains("secret") == false)
        }
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("tok-good\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(try TokenFile.read(path).headerValue == "Bearer tok-good")
    }

    @Test("every form is removed: raw, Swift- and C-escaped, percent-encoded, JSON-escaped, base64")
    func redactorForms() {
        let token = "secret\u{1B}x/y\"z+%~"
        let redactor = Redactor(secrets: [token])
        for form in Self.forms(token) {
            let out = redactor.redact("before \(form) after")
            #expect(out == "before <redacted> after", "form \(form)")
        }
        // The HTTP client's own words for a header it refuses.
        let words = String(describing: HTTPClientError.invalidHeaderFieldValues(["Bearer \(token)"]))
        #expect(words.contains("\\u{1B}"))
        #expect(!redactor.redact(words).contains("secret"))
        // base64 at every alignment, inside a longer encoding (a Basic header, a dump).
        for prefix in ["", "a", "ab", "abc"] {
            let encoded = Data((prefix + token + "tail").utf8).base64EncodedString()
            #expect(Self.base64Holds(encoded, token))
            #expect(!Self.base64Holds(redactor.redact("x " + encoded + " y"), token), "prefix \(prefix)")
        }
        #expect(Redactor(secrets: []).redact("nothing \u{1B}") == "nothing \u{1B}")
    }

    /// An error whose own words quote what it was given, as library errors do.
    struct Quoting: Error, CustomStringConvertible {
        var text: String
        var description: String { "failed with \(text)" }
    }

    @Test("property: any token bytes, through loading, every transport error path and the redaction: never shown")
    func propertyNeverShown() async {
        await propertyCheck(
            count: 300, input: Gen.uint8(in: 0...255).array(of: 8...80), Gen.int(in: 0...3)
        ) { bytes, alignment in
            let token = String(decoding: bytes, as: UTF8.self)
            let header = "Bearer " + token
            var outputs: [String] = []
            // Loading: refused without quoting it, or accepted.
            do {
                _ = try BearerToken.load(token, source: "environment TASKS_API_TOKEN")
            } catch {
                outputs.append(String(describing: error))
            }
            // What AsyncHTTPClient, NIO and NIOSSL throw, with the token in their words.
            let classifier = TransportErrorClassifier(timeout: 5)
            let errors: [any Error] = [
                HTTPClientError.invalidHeaderFieldValues([header]), HTTPClientError.invalidHeaderFieldNames([header]),
                HTTPClientError.invalidURL, HTTPClientError.bodyLengthMismatch, Quoting(text: header),
                IOError(errnoCode: ECONNREFUSED, reason: header), IOError(errnoCode: EINVAL, reason: header),
                NIOSSLError.handshakeFailed(.sslError([])), NIOSSLError.uncleanShutdown, ChannelError.eof,
            ]
            for error in errors {
                let mapped = classifier.apiError(for: error)
                outputs += [
                    mapped.description, mapped.headline, String(describing: mapped), String(reflecting: mapped),
                ]
            }
            // Text holding it in any form, through the redaction.
            let redactor = Redactor(secrets: [token])
            let prefix = String(repeating: "p", count: alignment)
            for text in Self.forms(token) + [
                String(describing: HTTPClientError.invalidHeaderFieldValues([header])),
                Data((prefix + token).utf8).base64EncodedString(),
            ] {
                outputs.append(redactor.redact("error: \(text) (more)"))
            }
            for output in outputs {
                for form in Self.forms(token) {
                    #expect(!output.contains(form), "\(output.debugDescription) holds \(form.debugDescription)")
                }
                #expect(!Self.base64Holds(output, token))
            }
        }
    }

    @Test("installed, the token is removed from everything drawn, every API error and every line")
    func installedEverywhere() throws {
        let secret = "tok-\(UUID().uuidString)"
        let token = try #require(BearerToken(secret))
        Redaction.install(token)
        #expect(Redaction.redact("a \(secret) b") == "a <redacted> b")
        #expect(!TerminalText.sanitize("x \(secret) y", profile: .utf8).contains(secret))
        #expect(!TerminalText.fit("x \(secret) y", 200, profile: .ascii).contains(secret))
        let error = APIError.server(status: 500, message: "echo \(secret)", retryAfter: nil)
        #expect(!error.description.contains(secret))
        #expect(!APIError.decode(secret).headline.contains(secret))
        // A huge line: the window read is redacted before it is cut.
        let huge = String(repeating: "x", count: TerminalText.lineScalarLimit - 5) + secret
        #expect(!TerminalText.sanitize(huge, profile: .utf8).contains(secret.prefix(8)))
    }
}
