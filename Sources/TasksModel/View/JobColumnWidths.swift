/// The width of every job-table column at one screen width, from the rules
/// in `JobColumn.all`. Widths are computed left to right in one pass; a
/// dropped column has width 0.
struct JobColumnWidths: Sendable, Hashable {
    /// The selection marker ("▸ ") before the first column.
    static let markerWidth = 2
    /// One space between columns.
    static let gap = 1
    /// The last screen column stays empty, so a full row never touches the
    /// terminal's right edge.
    static let rightMargin = 1
    /// Columns the shared and rest columns (title and step) keep between them:
    /// an optional column is shown only if they still have this much.
    static let minimumFlexible = 28

    /// One width per column of `JobColumn.all`, in the same order; 0 when dropped.
    let widths: [Int]
    /// What each column shows, in the same order.
    let fields: [JobColumn.Field]

    /// Whether the column showing `field` has room at this width.
    func shows(_ field: JobColumn.Field) -> Bool {
        zip(fields, widths).contains { $0.0 == field && $0.1 > 0 }
    }

    init(width: Int, columns: [JobColumn] = JobColumn.all) {
        var widths = [Int](repeating: 0, count: columns.count)
        let alwaysShown = columns.indices.filter { columns[$0].dropPriority == nil }
        // What is left after the always-shown columns of known width, their gaps and the margins.
        var flexible = width - Self.markerWidth - Self.rightMargin - (alwaysShown.count - 1) * Self.gap
        for index in alwaysShown {
            if let fixed = Self.fixedWidth(columns[index].width, screen: width) {
                widths[index] = fixed
                flexible -= fixed
            }
        }
        // Optional columns, kept longest first (those of one drop priority together), while
        // the flexible columns keep their minimum. The first that does not fit ends the list:
        // a column is never shown while one that is dropped later is hidden, except a column
        // that stands in for others (TIME), which goes once they are all shown.
        let priorities = Set(columns.compactMap(\.dropPriority)).sorted(by: >)
        for priority in priorities {
            let group = columns.indices.filter { columns[$0].dropPriority == priority }
            let size = group.reduce(0) { $0 + (Self.fixedWidth(columns[$1].width, screen: width) ?? 0) + Self.gap }
            let shownFields = Set(columns.indices.filter { widths[$0] > 0 }.map { columns[$0].field })
                .union(group.map { columns[$0].field })
            let replaced = columns.indices.filter { index in
                widths[index] > 0 && !columns[index].standsInFor.isEmpty
                    && columns[index].standsInFor.isSubset(of: shownFields)
            }
            let freed = replaced.reduce(0) { $0 + widths[$1] + Self.gap }
            guard flexible - size + freed >= Self.minimumFlexible else { break }
            for index in replaced { widths[index] = 0 }
            for index in group { widths[index] = Self.fixedWidth(columns[index].width, screen: width) ?? 0 }
            flexible += freed - size
        }
        var shared = 0
        for index in alwaysShown {
            if case .share(let fifths, let minimum, let maximum) = columns[index].width {
                widths[index] = max(minimum, min(maximum, flexible * fifths / 5))
                shared += widths[index]
            }
        }
        for index in alwaysShown {
            if case .rest(let minimum) = columns[index].width { widths[index] = max(minimum, flexible - shared) }
        }
        self.widths = widths
        fields = columns.map(\.field)
    }

    /// The width of a fixed or stepped column at this screen width; nil for the flexible ones.
    static func fixedWidth(_ rule: JobColumn.WidthRule, screen: Int) -> Int? {
        switch rule {
        case .fixed(let width): width
        case .stepped(let narrow, let medium, let wide): screen >= 100 ? wide : screen >= 80 ? medium : narrow
        case .share, .rest: nil
        }
    }

    subscript(index: Int) -> Int { widths[index] }

    /// The width of the column showing `field`; 0 when it is dropped (or there is none).
    subscript(field: JobColumn.Field) -> Int {
        fields.firstIndex(of: field).map { widths[$0] } ?? 0
    }

    /// The column drawn over screen column `x`, titles and cells alike (laid
    /// out as `JobTableView` does: the marker, then each shown column and a
    /// gap); nil over the marker, a gap or the right margin.
    func column(at x: Int) -> Int? {
        var start = Self.markerWidth
        for (index, width) in widths.enumerated() where width > 0 {
            if x >= start, x < start + width { return index }
            start += width + Self.gap
        }
        return nil
    }
}
