import Foundation
import Testing

@testable import TasksModel

@Suite("Timestamps and Retry-After")
struct TimestampTests {
    @Test("format and parse agree across eras")
    func formatParse() {
        for epoch in [0.0, 1_705_312_800.25, 951_782_400, 4_102_444_799.999, 1_709_164_800] {
            let date = Date(timeIntervalSince1970: epoch)
            let text = Timestamp.format(date)
            #expect(abs(Timestamp.parse(text)!.timeIntervalSince1970 - epoch) < 0.001, "\(text)")
        }
        #expect(
            Timestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test("a date alone is midnight UTC; garbage is nil")
    func forms() {
        #expect(Timestamp.parse("2024-01-15") == Date(timeIntervalSince1970: 1_705_276_800))
        for bad in [
            "", "2024", "2024-01-15T", "2024-01-15T10", "15/01/2024", "2024-01-15T10:00:00+",
            "2024-02-30x",
        ] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("Retry-After as seconds, as an HTTP date, capped, or unreadable")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("7", now: now) == 7)
        #expect(RetryAfter.parse(" 2.5 ", now: now) == 2.5)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:50:07 GMT", now: now) == 30)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:40:00 GMT", now: now) == 0)
        #expect(RetryAfter.parse("99999", now: now) == RetryAfter.cap)
        #expect(RetryAfter.parse("-4", now: now) == 0)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
        #expect(RetryAfter.formatHTTPDate(now) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
