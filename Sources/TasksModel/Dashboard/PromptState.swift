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
        switch prompt {
        case .confirmCancel(let target)? where named == [target.id]: dialogPainted = true
        case .confirmMarkedCancel(let marked)? where named == marked.targets.map(\.id): dialogPainted = true
        default: break
        }
    }
}
