
/// The one redaction every text output passes through: standard output and
/// error (`Console`), everything drawn on the terminal (`TerminalText.sanitize`,
/// which the header, footer, rows and details go through), the log, the audit
/// log, `--json` and every `APIError` description. The token is installed
/// when it is loaded, before any request.
public enum Redaction {
    private static let shared = Locked(Redactor(secrets: []))

    /// Adds `token` to what every output removes.
    public static func install(_ token: BearerToken) {
        shared.withLock { $0 = $0.adding(token.redactor) }
    }

    /// `text` with every installed secret removed, in every form.
    public static func redact(_ text: String) -> String {
        let redactor = shared.withLock { $0 }
        return redactor.isEmpty ? text : redactor.redact(text)
    }

    /// The first `scalarLimit` scalars of `text` and enough more to hold any
    /// form that starts among them, redacted: for a line that is cut
    /// afterwards, so a 1 MB text costs one line's worth.
    public static func redact(_ text: String, scalarLimit: Int) -> String {
        let redactor = shared.withLock { $0 }
        guard !redactor.isEmpty else { return text }
        let keep = scalarLimit.addingReportingOverflow(redactor.patterns.first?.count ?? 0)
        let limit = keep.overflow ? Int.max : keep.partialValue
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex) else {
            return redactor.redact(text)
        }
        return redactor.redact(String(scalars[..<end]))
    }
}
