/// `error_data`: why a job failed.
public struct JobError: Sendable, Hashable {
    public var message: String?
    public var details: JSONValue?

    public init(message: String? = nil, details: JSONValue? = nil) {
        self.message = message
        self.details = details
    }
}
