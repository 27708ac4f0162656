/// A frame being composed: each component's rows go to its region's rows,
/// later components over earlier ones (the dialog over the body).
struct FrameCanvas {
    let width: Int
    private(set) var rows: [FrameRow]

    init(width: Int, height: Int) {
        self.width = width
        rows = [FrameRow](repeating: FrameRow(), count: height)
    }

    mutating func draw(_ component: some DashboardComponent, in region: DashboardLayout.Region) {
        for (offset, row) in component.rows(in: region).prefix(region.height).enumerated()
        where rows.indices.contains(region.top + offset) {
            rows[region.top + offset] = row
        }
    }

    var frame: Frame { Frame(width: width, height: rows.count, rows: rows) }
}
