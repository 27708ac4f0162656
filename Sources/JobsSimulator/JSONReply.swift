import FoundationEssentials
import Hummingbird
import TasksModel

/// Every answer the simulator gives: a status and a JSON body. As a
/// `ResponseGenerator` a route handler simply returns it.
struct JSONReply: ResponseGenerator {
    var status: HTTPResponse.Status
    var value: JSONValue

    init(_ status: HTTPResponse.Status, _ value: JSONValue) {
        self.status = status
        self.value = value
    }

    /// A successful GET carries an ETag of its body, and a request whose
    /// `If-None-Match` names it gets 304 with no body, as Express does by
    /// default. Express marks its tag weak (`W/`); the simulator's is strong,
    /// as a hash of the exact bytes is: the client trusts strong tags only
    /// (`ConditionalCache`), and the simulator is the load tests' server.
    func response(from request: Request, context: some RequestContext) -> Response {
        let bytes = bodyBytes
        var response = Self.response(status, bytes)
        guard request.method == .get || request.method == .head, (200..<300).contains(status.code) else {
            return response
        }
        let etag = String(Self.weakETag(of: bytes.count, bytes: bytes).dropFirst(2))
        response.headers[.eTag] = etag
        if Self.fresh(ifNoneMatch: request.headers[.ifNoneMatch], cacheControl: request.headers[.cacheControl], etag) {
            return Response(status: .notModified, headers: [.eTag: etag], body: .init())
        }
        return response
    }

    /// `W/"<length in hex>-<64-bit FNV-1a of the body in hex>"`: Express's shape, a cheaper hash.
    static func weakETag(of length: Int, bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "W/\"\(String(length, radix: 16))-\(String(hash, radix: 16))\""
    }

    /// Express's `fresh`: `Cache-Control: no-cache` is never fresh; `*` matches
    /// anything; otherwise any listed tag matches, W/ ignored (weak comparison).
    static func fresh(ifNoneMatch: String?, cacheControl: String?, _ etag: String) -> Bool {
        guard let ifNoneMatch, !ifNoneMatch.isEmpty else { return false }
        if let cacheControl, cacheControl.lowercased().contains("no-cache") { return false }
        if ifNoneMatch.trimmingSpaces() == "*" { return true }
        func opaque(_ tag: Substring) -> Substring {
            let trimmed = tag.trimmingSpaces()
            return Substring(trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed)
        }
        let mine = opaque(Substring(etag))
        return ifNoneMatch.split(separator: ",").contains { opaque($0) == mine }
    }

    private var bodyBytes: [UInt8] {
        var bytes = Array(value.encoded().utf8)
        Self.rawMarkers(&bytes)
        return bytes
    }

    /// The body's length is the body's content length, which the stats and the request log count.
    var response: Response { Self.response(status, bodyBytes) }

    private static func response(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Test hook: `<<RAW:hex>>` in a served string becomes those raw bytes, so a
    /// job injected through /_sim/jobs can carry invalid UTF-8 (JSON cannot).
    static func rawMarkers(_ bytes: inout [UInt8]) {
        let marker = Array("<<RAW:".utf8)
        guard bytes.count >= marker.count, bytes.firstRange(of: marker) != nil else { return }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == 0x3C, index + marker.count <= bytes.count,
                Array(bytes[index..<index + marker.count]) == marker,
                let end = bytes[(index + marker.count)...].firstIndex(of: 0x3E), end + 1 < bytes.count,
                bytes[end + 1] == 0x3E
            {
                let hex = String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self)
                var raw: [UInt8] = []
                var digits = hex.makeIterator()
                while let high = digits.next(), let low = digits.next(),
                    let byte = UInt8(String([high, low]), radix: 16)
                {
                    raw.append(byte)
                }
                output += raw
                index = end + 2
                changed = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        if changed { bytes = output }
    }
}
