/// The prompt open at the bottom of the screen, and whether a cancel dialog
/// may be answered yet.
///
/// The rule that keeps a `y` on the job the user saw lives here alone: a
/// dialog is answerable only once a frame painted at the current size named
/// exactly its jobs, whole (`FrameJobs.dialog`); opening it, or any resize,
/// takes that back. Fields are read-only outside; these methods change them.
public struct PromptState: Sendable, Hashable {
    public private(set) var prompt: Prompt?
    /// The open cancel dialog has been on the screen, whole, at the current size.
    public private(set) var dialogPainted = false

    public init() {}

    /// Opens `prompt` (or edits the open one's draft). A dialog opened so is
    /// not yet seen, even one equal to the dialog that was open.
    mutating func show(_ prompt: Prompt) {
        self.prompt = prompt
        dialogPainted = false
    }

    /// Edits what is typed into the open prompt: a dialog whose jobs are
    /// unchanged stays seen (the count typed into the view cancel's box).
    mutating func editDraft(_ prompt: Prompt) {
        let sameJobs = Self.jobs(of: prompt) != nil && Self.jobs(of: prompt) == Self.jobs(of: self.prompt)
        if !sameJobs { dialogPainted = false }
        self.prompt = prompt
    }

    /// The jobs a cancel dialog names, in order; nil for any other prompt.
    static func jobs(of prompt: Prompt?) -> [JobID]? {
        switch prompt {
        case .confirmCancel(let target)?: [target.id]
        case .confirmMarkedCancel(let marked)?: marked.targets.map(\.id)
        case .confirmViewCancel(let view, _)?: view.targets.map(\.id)
        default: nil
        }
    }

    mutating func close() {
        prompt = nil
        dialogPainted = false
    }

    /// The terminal changed size: what was painted before no longer stands.
    mutating func sizeChanged() {
        dialogPainted = false
    }

    /// A frame reached the terminal: the dialog is answerable when the frame
    /// was drawn at the current size and named exactly the dialog's jobs.
    mutating func painted(_ shown: FrameJobs, width: Int, height: Int) {
        guard shown.width == width, shown.height == height, let named = shown.dialog else { return }
        if let jobs = Self.jobs(of: prompt), named == jobs { dialogPainted = true }
    }
}
