import FoundationEssentials

/// Watching: `w` on a job watches it; when it ends (completed, failed,
/// cancelled, or gone: a 404) the footer says how, and a `.notify` effect
/// rings the bell and sends a desktop notification through the terminal. A
/// network error is no ending: the job stays watched, its data kept.
extension DashboardState {
    /// One watched job.
    public struct Watch: Sendable, Hashable {
        /// When `w` was pressed.
        public internal(set) var since: Date
        /// Pinned before it was watched (`:`): unwatching leaves it pinned.
        public internal(set) var wasPinned: Bool
    }

    /// `w`: watches the job in the details pane or under the cursor, or stops watching it.
    /// A watched job is pinned (kept and polled until it ends, even past its maximum duration).
    mutating func toggleWatch(_ effects: inout [DashboardEffect]) {
        let id: JobID?
        if case .details(let shown, _) = screen { id = shown } else { id = selectedID }
        guard let id, let tracked = engine[id] else {
            say("no job selected", &effects)
            return
        }
        let name = TerminalText.sanitize(shortIDs[id] ?? id.text, profile: options.profile)
        if let watch = watched.removeValue(forKey: id) {
            if !watch.wasPinned { engine.setPinned(id, false) }
            say("stopped watching \(name)", &effects)
            return
        }
        if tracked.gone || tracked.job.status.isFinal {
            let status =
                tracked.gone ? "gone" : TerminalText.sanitize(tracked.job.status.wireName, profile: options.profile)
            say("\(name) has already ended (\(status)): nothing to watch", &effects)
            return
        }
        watched[id] = Watch(since: now, wasPinned: tracked.pinned)
        engine.setPinned(id, true)
        let how =
            options.notifier.isSilent
            ? "the footer will say when it ends (notify: off)"
            : options.notifier.desktop == nil
                ? "bell when it ends" : "bell and desktop notification when it ends"
        say("watching \(name): \(how); \(Keymap.key(for: .toggleWatch, in: keyContext)) again stops", &effects)
    }

    /// After the engine's news: each watched job that ended is told once, in
    /// the footer, the log and (unless `notify: off`) the terminal, and is no
    /// longer watched. It stays pinned, so its row shows how it ended.
    mutating func tellEndedWatches(_ effects: inout [DashboardEffect]) {
        guard !watched.isEmpty else { return }
        for id in watched.keys.sorted() {
            guard let tracked = engine[id] else {
                watched[id] = nil
                continue
            }
            guard
                let ending = JobEnding(
                    job: tracked.job, gone: tracked.gone, shownID: shortIDs[id], duration: jobRow(tracked).elapsed,
                    profile: options.profile)
            else { continue }
            watched[id] = nil
            effects.append(.log(ending.footer))
            if !options.notifier.isSilent {
                effects.append(
                    .notify(
                        TerminalNotification(
                            title: ending.notificationTitle, body: ending.notificationBody, via: options.notifier,
                            profile: options.profile)))
            }
            say(ending.footer, as: ending.isWarning ? .warning : .info, &effects)
        }
    }
}
