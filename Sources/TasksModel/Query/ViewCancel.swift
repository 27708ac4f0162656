/// `C`: the cancel of every active job the view shows (its filter, search
/// and `!`), fixed when `C` was pressed: the jobs, how many of each type,
/// the view in words and the server. The dialog shows the first five; the
/// count typed (`CountConfirmation`) confirms them all.
public struct ViewCancel: Sendable, Hashable {
    /// The active jobs of the view, in its order.
    public var targets: [CancelTarget]
    /// The view as the dialog names it: `filter active, search "shop", attention`.
    public var view: String
    /// The API host (and profile) the cancels go to.
    public var server: String

    /// How many jobs of each type, most first: `scraping 40, ocr 2`.
    public var byType: String {
        var counts: [String: Int] = [:]
        for target in targets { counts[target.type, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    public var confirmation: CountConfirmation { CountConfirmation(count: targets.count) }
}
