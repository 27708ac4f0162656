/// Pinning from outside the engine: a watched job (`w`) is kept and polled
/// on its own until it finishes, like one opened by id.
extension PollingEngine {
    /// Pins job `id` (kept whatever the lists hold, polled even when overdue), or unpins it.
    public mutating func setPinned(_ id: JobID, _ pinned: Bool) {
        jobs[id]?.pinned = pinned
    }
}
