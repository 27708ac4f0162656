import Foundation
import TasksModel

extension LocalZone {
    /// A named zone as Foundation (with ICU, in the tests only) knows it: the reference the C library's answers are checked against.
    static func named(_ identifier: String) -> LocalZone? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        return LocalZone(identifier) { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0))) }
    }
}
