import Hummingbird
import TasksModel

/// The route a request counts under in `/_sim/stats`, and the job it names.
///
/// A matched route is named by its pattern, as Hummingbird's router reports it
/// (`GET /api/v1/jobs/{id}`); a request no route matched is `other /api` under
/// the jobs API, its own path under `/_sim`, and `other` anywhere else.
struct StatsRoute: Equatable {
    static let list = "GET /api/v1/jobs"
    static let job = "GET /api/v1/jobs/{id}"
    static let cancel = "POST /api/v1/jobs/{id}/cancel"

    var name: String
    /// The `:id` parameter, percent-decoded (nil when the path does not decode).
    var jobID: String?

    init(name: String, jobID: String? = nil) {
        self.name = name
        self.jobID = jobID
    }

    /// Must be read before the request goes on: only a matched route has set the endpoint path by then.
    init(_ request: Request, context: some RequestContext) {
        let method = request.method.rawValue
        if let endpoint = context.endpointPath {
            self.init(
                name: "\(method) \(endpoint)", jobID: context.parameters.get("id").flatMap(PercentDecoding.decode))
            return
        }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.count >= 3, parts[0] == "api", parts[1] == "v1", parts[2] == "jobs" {
            self.init(name: "other /api")
        } else if parts.first == "_sim" {
            self.init(name: "\(method) /\(parts.joined(separator: "/"))")
        } else {
            self.init(name: "other")
        }
    }
}
