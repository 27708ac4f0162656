import FoundationEssentials
import Hummingbird
import TasksModel

/// The test hooks under `/_sim/`, never part of the real API: stats, faults,
/// and jobs added or removed by hand.
struct SimHooksController<Context: RequestContext> {
    let simulation: Simulation
    let state: SimulatorState

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("stats", use: stats)
            .post("stats/reset", use: resetStats)
            .get("faults", use: faults)
            .post("faults", use: setFaults)
            .delete("faults", use: setFaults)
            .post("jobs", use: addJobs)
            .delete("jobs", use: removeJobs)
    }

    /// `GET /_sim/stats[?freshness]`
    @Sendable func stats(_ request: Request, context: Context) async throws -> JSONReply {
        JSONReply(.ok, state.statsJSON(withFreshness: request.uri.queryParameters.get("freshness") != nil))
    }

    /// `POST /_sim/stats/reset`
    @Sendable func resetStats(_ request: Request, context: Context) async throws -> JSONReply {
        state.reset()
        return JSONReply(.ok, ["reset": true])
    }

    /// `GET /_sim/faults`
    @Sendable func faults(_ request: Request, context: Context) async throws -> JSONReply {
        JSONReply(.ok, state.faults.withLock { $0.json })
    }

    /// `POST /_sim/faults` sets them all (keys absent are off); `DELETE` (or `{}`) clears them.
    /// A body that is not JSON, an unknown key or a value out of range: 400, nothing changed.
    @Sendable func setFaults(_ request: Request, context: Context) async throws -> JSONReply {
        let buffer = try await request.body.collect(upTo: 64 * 1_048_576)
        let data = Data(buffer.readableBytesView)
        // An empty body clears the faults; a body that is not JSON is refused, never read as "no faults".
        let body: JSONValue
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            body = [:]
        } else if let parsed = try? JSONValue.parse(data) {
            body = parsed
        } else {
            return JSONReply(
                .badRequest, ["error": "body must be a JSON object of faults (see GET /_sim/faults); nothing changed"])
        }
        let faults: Faults
        do {
            faults = try Faults(json: body)
        } catch {
            return JSONReply(.badRequest, ["error": .string(error.description)])
        }
        state.faults.withLock { $0 = faults }
        return JSONReply(.ok, faults.json)
    }

    /// `POST /_sim/jobs`: a Job or an array of Jobs in the contract's form, each
    /// with an optional `"_sim": {"advance_seconds": N, "cancel": "ignore" | SECONDS}`.
    @Sendable func addJobs(_ request: Request, context: Context) async throws -> JSONReply {
        guard let body = try await Self.readJSON(request) else {
            return JSONReply(
                .badRequest, ["error": "body must be a Job or an array of Jobs in the contract's JSON form"])
        }
        let elements: [JSONValue]
        if case .array(let array) = body { elements = array } else { elements = [body] }
        var ids: [JSONValue] = []
        for element in elements {
            do {
                let job = try Job.decode(element)
                let control = element["_sim"]
                var advance: Double?
                if case .number(let seconds)? = control?["advance_seconds"] { advance = seconds }
                var cancel = CancelBehaviour.honour
                switch control?["cancel"] {
                case .string("ignore")?: cancel = .ignore
                case .number(let delay)?: cancel = .afterDelay(delay)
                default: break
                }
                simulation.inject(job, advanceSeconds: advance, cancel: cancel)
                ids.append(.string(job.id.text))
            } catch {
                return JSONReply(.badRequest, ["error": .string("job \(ids.count): \(error.reason)")])
            }
        }
        return JSONReply(.created, ["created": .array(ids)])
    }

    /// `DELETE /_sim/jobs`
    @Sendable func removeJobs(_ request: Request, context: Context) async throws -> JSONReply {
        simulation.removeAll()
        return JSONReply(.ok, ["removed": true])
    }

    /// The body as JSON; nil when empty or not JSON.
    static func readJSON(_ request: Request) async throws -> JSONValue? {
        let buffer = try await request.body.collect(upTo: 64 * 1_048_576)
        let data = Data(buffer.readableBytesView)
        if data.isEmpty { return nil }
        return try? JSONValue.parse(data)
    }
}
