/// Short forms of job ids for the table's ID column: each the shortest
/// prefix, or the shortest suffix, that no other id shares (at least
/// `minimum` characters, the whole id when shorter). One direction for the
/// whole set, the one that needs fewer characters: server ids often share a
/// prefix (`job_…`), so their ends tell them apart. The full id is in the
/// details pane, and search matches it.
enum ShortID {
    static let minimum = 4

    /// The short form of each id of `ids`; no two are the same.
    /// Counted in Unicode scalars, not characters: ids that differ only in how
    /// an accent is spelled are two jobs (`JobID`), and their short forms differ too.
    static func forms(of ids: some Collection<JobID>, minimum: Int = Self.minimum) -> [JobID: String] {
        let unique = Array(Set(ids))
        let scalars = unique.map { Array($0.text.unicodeScalars) }
        let prefixes = lengths(scalars, minimum: minimum)
        let suffixes = lengths(scalars.map { Array($0.reversed()) }, minimum: minimum)
        let useSuffix = (suffixes.max() ?? 0) < (prefixes.max() ?? 0)
        var forms: [JobID: String] = [:]
        forms.reserveCapacity(unique.count)
        for (index, id) in unique.enumerated() {
            let kept = useSuffix ? scalars[index].suffix(suffixes[index]) : scalars[index].prefix(prefixes[index])
            forms[id] = String(String.UnicodeScalarView(kept))
        }
        return forms
    }

    /// For each key, in the order given, the length of its shortest prefix
    /// no other key shares: one more than its longest common prefix with a
    /// neighbour in sorted order.
    private static func lengths(_ keys: [[Unicode.Scalar]], minimum: Int) -> [Int] {
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) { $0.value < $1.value } }
        var result = [Int](repeating: 0, count: keys.count)
        for (rank, index) in order.enumerated() {
            var shared = 0
            if rank > 0 { shared = max(shared, commonPrefix(keys[index], keys[order[rank - 1]])) }
            if rank + 1 < order.count { shared = max(shared, commonPrefix(keys[index], keys[order[rank + 1]])) }
            result[index] = min(keys[index].count, max(minimum, shared + 1))
        }
        return result
    }

    private static func commonPrefix(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var count = 0
        while count < a.count, count < b.count, a[count] == b[count] { count += 1 }
        return count
    }
}
