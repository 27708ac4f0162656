import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// This server's duration history on disk: one JSON line per completed job
/// (`DurationSample`: type, id, seconds, end; never result or error data),
/// in `history/` beside the audit log, one file per server. Appended as jobs
/// complete; compacted when loaded (rewritten with only the samples kept,
/// `DurationHistory.perType` a type) once it holds twice that.
struct HistoryFile: Sendable {
    let path: String

    /// The file for `server` (its label) in `directory`: the label made a safe file name.
    init(directory: String, server: String) {
        let slug = String(
            server.unicodeScalars.map { scalar -> Character in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || ".-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        path = directory + "/history/" + (slug.isEmpty ? "_" : slug) + ".jsonl"
    }

    init(path: String) { self.path = path }

    /// The history the file holds (empty when there is none or it cannot be read); compacted when due.
    func load() -> DurationHistory {
        guard let bytes = try? AuditLog.bytes(at: path) else { return DurationHistory() }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        let history = DurationHistory(samples: lines.compactMap { DurationSample(line: $0) })
        let kept = history.samples
        if lines.count > 2 * max(kept.count, DurationHistory.perType) { compact(kept) }
        return history
    }

    /// Appends one sample; throws, saying why, when it was not written.
    func append(_ sample: DurationSample) throws(LogFile.Failure) {
        let (fd, _) = try LogFile.openForAppend(path)
        defer { close(fd) }
        try LogFile.write(fd, Array((sample.jsonLine + "\n").utf8))
    }

    /// Rewrites the file with `samples` only: a new file (mode 0600, never through
    /// a link) renamed over the old one, so a crash leaves one or the other whole.
    private func compact(_ samples: [DurationSample]) {
        let temporary = path + ".compacting"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let text = samples.map { $0.jsonLine + "\n" }.joined()
        let written = (try? LogFile.write(fd, Array(text.utf8))) != nil
        close(fd)
        if written { rename(temporary, path) } else { unlink(temporary) }
    }
}
