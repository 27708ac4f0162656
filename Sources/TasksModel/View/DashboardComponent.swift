/// A part of the dashboard that draws itself into the region the layout
/// gives it. It never knows where on the screen the region is, nor how big
/// the screen is: the layout decides that, so a component can be tested alone.
protocol DashboardComponent {
    /// Exactly `region.height` rows, none wider than `region.width`.
    func rows(in region: DashboardLayout.Region) -> [FrameRow]
}

extension DashboardComponent {
    /// `lines` cut or padded with blank rows to the region's height.
    func fitted(_ lines: [FrameRow], to region: DashboardLayout.Region) -> [FrameRow] {
        var rows = Array(lines.prefix(region.height))
        while rows.count < region.height { rows.append(FrameRow()) }
        return rows
    }
}
