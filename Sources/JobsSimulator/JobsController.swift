import Hummingbird
import TasksModel

/// The contract of docs/api.md: list, get and cancel, one handler per route.
struct JobsController<Context: RequestContext> {
    let simulation: Simulation
    let state: SimulatorState

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(use: list)
            .get(":id", use: show)
            .post(":id/cancel", use: cancel)
    }

    /// `GET /api/v1/jobs?status=&limit=`: newest first.
    @Sendable func list(_ request: Request, context: Context) async throws -> JSONReply {
        let parameters = request.uri.queryParameters
        let statusText = parameters.get("status") ?? "all"
        guard let status = StatusFilter(rawValue: statusText) else {
            return JSONReply(.badRequest, ["error": .string("unknown status filter: \(statusText)")])
        }
        let limitText = parameters.get("limit") ?? "50"
        guard let limit = Int(limitText), limit >= 1 else {
            return JSONReply(.badRequest, ["error": "limit must be a positive integer"])
        }
        let ignoresFilter = state.faults.withLock { $0.ignoreStatusFilter }
        let listed = simulation.list(status: ignoresFilter ? .all : status, limit: min(limit, 100_000))
        state.served(listed)
        var jobs = listed.map(\.json)
        if state.faults.withLock({ $0.malformedListElement }) {
            jobs.insert(["status": "processing", "type": "malformed_by_fault"], at: min(1, jobs.count))
        }
        return JSONReply(.ok, ["jobs": .array(jobs)])
    }

    /// `GET /api/v1/jobs/:id`
    @Sendable func show(_ request: Request, context: Context) async throws -> JSONReply {
        guard let id = Self.jobID(context), let job = simulation.job(id: id) else {
            return JSONReply(.notFound, ["error": "job not found"])
        }
        state.served([job])
        return JSONReply(.ok, job.json)
    }

    /// `POST /api/v1/jobs/:id/cancel`: 200 when accepted (it may not say cancelled yet), 409 when finished.
    @Sendable func cancel(_ request: Request, context: Context) async throws -> JSONReply {
        switch simulation.cancel(id: Self.jobID(context) ?? "") {
        case .accepted(let job): JSONReply(.ok, job.json)
        case .alreadyFinished(let job):
            JSONReply(.conflict, ["error": .string("job already \(job.status.wireName)"), "job": job.json])
        case .notFound: JSONReply(.notFound, ["error": "job not found"])
        }
    }

    /// The `:id` parameter, percent-decoded: the router hands it over as it appears in the path.
    static func jobID(_ context: Context) -> String? {
        context.parameters.get("id").flatMap(PercentDecoding.decode)
    }
}
