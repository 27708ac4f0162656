import FoundationEssentials
import NIOCore
import NIOPosix
import NIOSSL

/// After a handshake fails, connects once more with verification off, only to
/// read the certificate the server presents and say what is wrong with it.
/// Nothing is sent on that connection; it is closed at once.
enum TLSProbe {
    /// The server's leaf certificate (DER), or nil when the handshake fails even
    /// without verification (the server refused it) or nothing answers in time.
    static func leafCertificate(host: String, port: Int, timeout: TimeAmount = .seconds(3)) async -> [UInt8]? {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        guard let context = try? NIOSSLContext(configuration: tls) else { return nil }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let seen = Once(loop.makePromise(of: [UInt8]?.self))
        let serverName = isAddress(host) ? nil : host
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(
                        context: context, serverHostname: serverName,
                        customVerificationCallback: { certificates, result in
                            seen.succeed(certificates.first.flatMap { try? $0.toDERBytes() })
                            result.succeed(.certificateVerified)
                        })
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let timer = loop.scheduleTask(in: timeout) { seen.succeed(nil) }
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else {
            timer.cancel()
            seen.succeed(nil)
            return nil
        }
        channel.closeFuture.whenComplete { _ in seen.succeed(nil) }
        let der = try? await seen.future.get()
        timer.cancel()
        try? await channel.close()
        return der ?? nil
    }

    /// Whether the server answers a plain `HEAD / HTTP/1.0` with `HTTP/`: an
    /// `https://` URL pointed at a plain-HTTP port. Asked only after a
    /// handshake failed and no certificate could be read; nothing else (no
    /// token, no path) is sent, and the connection is closed at once.
    static func speaksPlainHTTP(host: String, port: Int, timeout: TimeAmount = .seconds(3)) async -> Bool {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let seen = Once(loop.makePromise(of: [UInt8]?.self))
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FirstBytes(count: 5, seen: seen))
                }
            }
        let timer = loop.scheduleTask(in: timeout) { seen.succeed(nil) }
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else {
            timer.cancel()
            seen.succeed(nil)
            return false
        }
        channel.closeFuture.whenComplete { _ in seen.succeed(nil) }
        let request = "HEAD / HTTP/1.0\r\nHost: \(isAddress(host) && host.contains(":") ? "[\(host)]" : host)\r\n\r\n"
        channel.writeAndFlush(ByteBuffer(string: request), promise: nil)
        let first = try? await seen.future.get()
        timer.cancel()
        try? await channel.close()
        return (first ?? nil) == Array("HTTP/".utf8)
    }

    /// Hands on the first `count` bytes the server sends.
    private final class FirstBytes: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let count: Int
        let seen: Once
        private var bytes: [UInt8] = []

        init(count: Int, seen: Once) {
            self.count = count
            self.seen = seen
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
            if bytes.count >= count { seen.succeed(Array(bytes.prefix(count))) }
        }
    }

    private static func isAddress(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }

    /// A promise completed by the first of several racing callers.
    private final class Once: @unchecked Sendable {
        private let promise: EventLoopPromise<[UInt8]?>
        private let done = Locked(false)
        init(_ promise: EventLoopPromise<[UInt8]?>) { self.promise = promise }
        var future: EventLoopFuture<[UInt8]?> { promise.futureResult }
        func succeed(_ value: [UInt8]?) {
            let first = done.withLock { done in
                defer { done = true }
                return !done
            }
            if first { promise.succeed(value) }
        }
    }
}
