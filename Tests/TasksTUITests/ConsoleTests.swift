import Testing

@testable import TasksTUI

#if canImport(Glibc)
    import Glibc
#endif

/// Everything written to the write end of a fresh pipe, read back once it is closed.
private func captured(_ body: (Int32) -> Void) -> [UInt8] {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return [] }
    body(fds[1])
    close(fds[1])
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(fds[0], &buffer, buffer.count)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    close(fds[0])
    return bytes
}

@Suite struct ConsoleTests {
    /// Exactly the text's UTF-8 bytes: nothing added, nothing transcoded.
    @Test func writesEveryByteAsUTF8() {
        let text = "job j-1 cancelled: héllo 界 😀\n"
        #expect(captured { Console.write(fd: $0, text) } == Array(text.utf8))
    }
}
