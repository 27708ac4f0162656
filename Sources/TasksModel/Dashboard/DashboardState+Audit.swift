/// `a`: the audit screen. The loop reads the file (`DashboardEffect.readAuditLog`);
/// the state keeps what came back and the line under the cursor; Enter opens
/// that line's job, in the details pane when it is loaded, else by id as `:` does.
extension DashboardState {
    mutating func showAudit(_ effects: inout [DashboardEffect]) {
        screen = .audit(selected: 0)
        audit = nil
        effects.append(.readAuditLog)
    }

    /// The audit log came back: kept while the audit screen is open, dropped otherwise.
    mutating func auditArrived(_ read: AuditRead) {
        guard case .audit(let selected) = screen else { return }
        audit = read
        auditLines = nil
        screen = .audit(selected: min(selected, max(0, read.entries.count - 1)))
    }

    /// Lays the audit screen's table out again when the log or the width changed; lets it go off that screen.
    mutating func refreshAuditLines() {
        guard case .audit = screen, let entries = audit?.entries, !entries.isEmpty else {
            auditLines = nil
            return
        }
        guard auditLines?.width != width else { return }
        let tableWidth = max(1, width - AuditScreenView.markerWidth)
        auditLines = (width, AuditText.table(entries, width: tableWidth, profile: options.profile))
    }

    /// Moves the audit screen's cursor to `index`, clamped to the lines there are.
    mutating func moveAudit(to index: Int) {
        let last = max(0, (audit?.entries.count ?? 0) - 1)
        screen = .audit(selected: min(max(0, index), last))
    }

    /// Enter on a line: its job. The exact id recorded is the one opened.
    mutating func openAuditJob(_ effects: inout [DashboardEffect]) {
        guard case .audit(let selected) = screen, let entries = audit?.entries, entries.indices.contains(selected)
        else { return }
        let id = entries[selected].jobID
        if engine[id] != nil {
            table.select(id)
            screen = .details(id: id, scroll: 0)
            fetchDetailsIfDropped(id, &effects)
        } else {
            screen = .table
            open(id, &effects)
        }
    }
}
