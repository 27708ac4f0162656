/// Why a job could not be read at all.
public struct JobDecodeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
