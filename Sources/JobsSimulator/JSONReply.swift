import Foundation
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

    func response(from request: Request, context: some RequestContext) -> Response { response }

    /// The body's length is the body's content length, which the stats and the request log count.
    var response: Response {
        var bytes = Array(value.encoded().utf8)
        Self.rawMarkers(&bytes)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Test hook: `<<RAW:hex>>` in a served string becomes those raw bytes, so a
    /// job injected through /_sim/jobs can carry invalid UTF-8 (JSON cannot).
    static func rawMarkers(_ bytes: inout [UInt8]) {
        let marker = Array("<<RAW:".utf8)
        guard bytes.count >= marker.count, Data(bytes).range(of: Data(marker)) != nil else { return }
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
