import FoundationEssentials

/// One background job, as read from the server.
///
/// Built from a `JSONValue` by `Job.decode(_:)`, which forgives the drift real
/// servers show and records in `decodeNotes` what it could not read, so a
/// details view can say "created_at: unreadable" instead of silently showing
/// nothing.
public struct Job: Sendable, Hashable, Identifiable {
    public var id: JobID
    public var status: JobStatus
    public var type: String
    public var title: String?
    public var createdAt: Date?
    public var startedAt: Date?
    public var updatedAt: Date?
    public var completedAt: Date?
    public var progress: JobProgress
    public var result: JSONValue?
    public var error: JobError?
    /// What the decoder could not read, one short line each.
    public var decodeNotes: [String]
    /// Details the server sent that this copy no longer holds (`dropDetails()`):
    /// a read of the job brings them back. Empty for a job as decoded.
    public internal(set) var droppedDetails: DroppedDetails = []
    /// A timestamp of this job had no zone (`2024-01-15T10:00:00`): read as
    /// UTC, and shifted by the engine when the server is seen (or set, with
    /// `timestamps_zone`) to write another zone's local time.
    public var naiveTimestamps = false

    public init(
        id: JobID, status: JobStatus, type: String, title: String? = nil, createdAt: Date? = nil,
        startedAt: Date? = nil, updatedAt: Date? = nil, completedAt: Date? = nil,
        progress: JobProgress = JobProgress(), result: JSONValue? = nil, error: JobError? = nil,
        decodeNotes: [String] = []
    ) {
        self.id = id
        self.status = status
        self.type = type
        self.title = title
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
        self.progress = progress
        self.result = result
        self.error = error
        self.decodeNotes = decodeNotes
    }
}

extension Job {
    /// The parts of a job a dashboard may let go of to stay light: the
    /// result (`result_data`) and the error's details (`error_data.details`).
    /// The error's message stays: the table shows it.
    public struct DroppedDetails: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let result = DroppedDetails(rawValue: 1)
        public static let errorDetails = DroppedDetails(rawValue: 2)
    }

    /// Whether the job holds a result or error details that `dropDetails()` would let go of.
    public var holdsDetails: Bool { result != nil || error?.details != nil }

    /// Lets go of the result and the error's details, remembering which were
    /// there (`droppedDetails`), so nothing says "no result" of a job that has one.
    public mutating func dropDetails() {
        if result != nil {
            result = nil
            droppedDetails.insert(.result)
        }
        if error?.details != nil {
            error?.details = nil
            droppedDetails.insert(.errorDetails)
        }
    }

    static func clampPercentage(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(100, max(0, value))
    }

    /// Reads a job from JSON, forgivingly. Only a missing id, or a value that
    /// is not an object, makes it fail: everything else degrades to a default
    /// and a note.
    public static func decode(_ value: JSONValue) throws(JobDecodeFailure) -> Job {
        guard case .object(let fields) = value else {
            throw JobDecodeFailure(reason: "job is not a JSON object")
        }
        var notes: [String] = []

        let id: JobID
        switch fields["job_id"] ?? fields["id"] {
        // The parser writes U+FFFD for bytes that are not UTF-8 and for lone
        // surrogates (`\ud800`): ids differing only there would become one id
        // and one row, and a cancel would go to `%EF%BF%BD`. Such a job is skipped.
        case .string(let text) where text.unicodeScalars.contains("\u{FFFD}"):
            throw JobDecodeFailure(reason: "job_id is not valid UTF-8 (or holds U+FFFD): it cannot be told apart")
        case .string(let text) where !text.isEmpty: id = JobID(text)
        case .number(let number) where number.isFinite: id = JobID(JSONValue.number(number).encoded())
        case nil, .null?: throw JobDecodeFailure(reason: "job_id is missing")
        default: throw JobDecodeFailure(reason: "job_id is not a string")
        }

        func text(_ key: String) -> String? {
            switch fields[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case .number, .bool:
                notes.append("\(key): expected text, got \(fields[key]!.encoded())")
                return fields[key]!.encoded()
            default:
                notes.append("\(key): expected text")
                return nil
            }
        }
        var naive = false
        func date(_ key: String) -> Date? {
            guard let raw = fields[key], !raw.isNull else { return nil }
            if let date = Timestamp.parse(raw) {
                if Timestamp.isNaive(raw) { naive = true }
                return date
            }
            notes.append("\(key): unreadable timestamp")
            return nil
        }

        let status: JobStatus
        if let statusText = text("status") {
            status = JobStatus(serverText: statusText)
        } else {
            notes.append("status: missing")
            status = .unknown("?")
        }

        var progress = JobProgress()
        switch fields["progress_data"] ?? fields["progress"] {
        case .object(let progressFields)?:
            if let raw = progressFields["percentage"] ?? progressFields["percent"], !raw.isNull {
                if let number = number(raw) {
                    progress.percentage = clampPercentage(number)
                } else {
                    notes.append("progress_data.percentage: not a number")
                }
            }
            switch progressFields["current_step"] ?? progressFields["message"] {
            case .string(let step)?: progress.currentStep = step
            case nil, .null?: break
            default: notes.append("progress_data.current_step: expected text")
            }
            if let raw = progressFields["estimated_time_remaining"], !raw.isNull {
                if let seconds = number(raw), seconds >= 0 {
                    progress.estimatedSecondsRemaining = seconds
                } else {
                    notes.append("progress_data.estimated_time_remaining: not a number of seconds")
                }
            }
        case .number(let number)?:
            progress.percentage = clampPercentage(number)
        case nil, .null?:
            break
        default:
            notes.append("progress_data: expected an object")
        }

        var result: JSONValue?
        for key in ["result_data", "result"] {
            if let raw = fields[key], !raw.isNull {
                result = raw
                break
            }
        }

        var error: JobError?
        switch fields["error_data"] ?? fields["error"] {
        case .object(let errorFields)?:
            var jobError = JobError()
            switch errorFields["message"] {
            case .string(let message)?: jobError.message = message
            case nil, .null?: break
            case let other?: jobError.message = other.encoded()
            }
            if let details = errorFields["details"], !details.isNull { jobError.details = details }
            error = jobError
        case .string(let message)?:
            error = JobError(message: message)
        case nil, .null?:
            break
        case let other?:
            error = JobError(message: nil, details: other)
        }

        // A job with `completed_at` is finished whatever its status word says.
        let completedAt = date("completed_at")
        var finalStatus = status
        if status.isActive, completedAt != nil { finalStatus = error == nil ? .completed : .failed }

        var job = Job(
            id: id,
            status: finalStatus,
            type: text("type") ?? text("job_type") ?? "unknown",
            title: text("title") ?? text("name"),
            createdAt: date("created_at"),
            startedAt: date("started_at"),
            updatedAt: date("updated_at"),
            completedAt: completedAt,
            progress: progress,
            result: result,
            error: error,
            decodeNotes: notes
        )
        job.naiveTimestamps = naive
        return job
    }

    /// Reads a single-job response: a Job, or one wrapped as `{"data": Job}` or `{"job": Job}`.
    public static func decodeResponse(_ value: JSONValue) throws(JobDecodeFailure) -> Job {
        if value["job_id"] == nil, value["id"] == nil {
            for key in ["data", "job"] {
                if let inner = value[key], case .object = inner { return try decode(inner) }
            }
        }
        return try decode(value)
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let number): return number.isFinite ? number : nil
        case .string(let text):
            let trimmed = text.trimmingSpaces()
            let withoutPercent = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed
            guard let number = Double(withoutPercent), number.isFinite else { return nil }
            return number
        default: return nil
        }
    }

    /// The job in the contract's JSON form: what the simulator serves and `--json` prints.
    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "job_id": .string(id.text),
            "status": .string(status.wireName),
            "type": .string(type),
            "created_at": createdAt.map { Timestamp.json($0) } ?? .null,
            "completed_at": completedAt.map { Timestamp.json($0) } ?? .null,
        ]
        var progressFields: [String: JSONValue] = ["percentage": .number(progress.percentage)]
        if let step = progress.currentStep { progressFields["current_step"] = .string(step) }
        if let eta = progress.estimatedSecondsRemaining {
            progressFields["estimated_time_remaining"] = .number(eta)
        }
        fields["progress_data"] = .object(progressFields)
        if let title { fields["title"] = .string(title) }
        if let startedAt { fields["started_at"] = Timestamp.json(startedAt) }
        if let updatedAt { fields["updated_at"] = Timestamp.json(updatedAt) }
        if let result { fields["result_data"] = result }
        if let error {
            var errorFields: [String: JSONValue] = [:]
            if let message = error.message { errorFields["message"] = .string(message) }
            if let details = error.details { errorFields["details"] = details }
            fields["error_data"] = .object(errorFields)
        }
        return .object(fields)
    }
}
