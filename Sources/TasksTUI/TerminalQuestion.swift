import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// A yes/no question on the terminal that only an answer typed after it was
/// shown can answer: the question is written whole, then everything typed or
/// pasted before it is discarded (`tcflush`), then a line is read.
enum TerminalQuestion {
    /// Writes `question` to standard error, discards pending input, and reads
    /// one line: the answer, trimmed and lowercased ("" at end of input).
    static func ask(_ question: String) -> String {
        // A question nobody can see is not asked: the answer would be blind.
        guard isatty(2) == 1 else {
            Console.err("tasks-tui: standard error is not a terminal: the question cannot be shown; not cancelled")
            return ""
        }
        Console.write(fd: 2, question)
        // A `y` typed before the question was on screen is no answer to it.
        if isatty(0) == 1 { tcflush(0, TCIFLUSH) }
        return readLine(strippingNewline: true)?.trimmingSpaces().lowercased() ?? ""
    }

    /// The single-job question: the job as the server has it now (id,
    /// type, title, status, progress, step), the server, then `[y/N]`. An id
    /// with characters that do not show as they are spelled gets its exact
    /// spelling too, so look-alike ids read differently.
    static func cancelQuestion(for job: Job, server: String, profile: TextProfile) -> String {
        let safe = { (text: String) in TerminalText.sanitize(text, profile: profile) }
        var lines = ["Cancel this job?", "  id:       \(safe(job.id.text))"]
        if !job.id.isPlainASCII { lines.append("  exact id: \(job.id.escaped)") }
        lines.append("  type:     \(safe(job.type))")
        if let title = job.title { lines.append("  title:    \(safe(title))") }
        let step = job.progress.currentStep.map { ", \(safe($0))" } ?? ""
        lines.append("  status:   \(safe(job.status.wireName)), \(Int(job.progress.percentage))%\(step)")
        lines.append("  server:   \(safe(server))")
        return lines.joined(separator: "\n") + "\nCancel it? [y/N] "
    }
}
