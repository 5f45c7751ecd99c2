package io.jzmtp.netty;

import io.jzmtp.wire.Greeting;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Exchanges the 64-byte greeting in libzmq's three stages (ZMTP.md §2.2), accepting the peer's bytes in any
 * fragmentation. Checks the signature, the version (3.x only) and the mechanism, records the negotiated version, and
 * removes itself; bytes that arrived after the greeting flow on to the frame decoder without a copy.
 */
final class GreetingHandler extends ByteToMessageDecoder {

    private enum Stage { AWAIT_SIGNATURE, AWAIT_MAJOR, AWAIT_REST, DONE }

    private final String mechanism;
    private final boolean asServer;
    private final int routingIdLength;
    private final ConnectionState state;
    private Stage stage = Stage.AWAIT_SIGNATURE;

    GreetingHandler(String mechanism, boolean asServer, int routingIdLength, ConnectionState state) {
        this.mechanism = mechanism;
        this.asServer = asServer;
        this.routingIdLength = routingIdLength;
        this.state = state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ByteBuf signature = ctx.alloc().buffer(Greeting.SIGNATURE_LENGTH);
        Greeting.writeSignature(signature, routingIdLength);
        ctx.writeAndFlush(signature, ctx.voidPromise());
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (stage == Stage.DONE) {
            in.skipBytes(in.readableBytes());   // failed: the connection is closing, ignore what still arrives
            return;
        }
        int base = in.readerIndex();
        if (stage == Stage.AWAIT_SIGNATURE) {
            if (!in.isReadable()) {
                return;
            }
            if (in.getUnsignedByte(base) != 0xff) {
                throw fail(ZmtpError.BAD_GREETING, "first byte is 0x" + hex(in, base, 1)
                        + ", not 0xff: the peer is not a ZMTP 3 peer (unversioned ZMTP 1.0 or another protocol: "
                        + preview(in) + ")");
            }
            if (in.readableBytes() < Greeting.SIGNATURE_LENGTH) {
                return;
            }
            if (!Greeting.isVersionedSignature(in, base)) {
                throw fail(ZmtpError.BAD_GREETING, "signature " + hex(in, base, Greeting.SIGNATURE_LENGTH)
                        + " has bit 0 of byte 9 clear: an unversioned ZMTP 1.0 peer");
            }
            send(ctx, Stage.AWAIT_MAJOR);
        }
        if (stage == Stage.AWAIT_MAJOR) {
            if (in.readableBytes() <= Greeting.MAJOR_OFFSET) {
                return;
            }
            int major = in.getUnsignedByte(base + Greeting.MAJOR_OFFSET);
            if (major < 2) {
                // libzmq treats revision 2 as 3.x (ZMTP.md §2.3); 0 and 1 are ZMTP 1.0 and 2.0.
                throw fail(ZmtpError.UNSUPPORTED_VERSION, "peer speaks ZMTP " + (major == 0 ? "1.0" : "2.0")
                        + " (revision byte " + major + "); jzmtp speaks ZMTP 3.0 and 3.1");
            }
            send(ctx, Stage.AWAIT_REST);
        }
        if (stage == Stage.AWAIT_REST) {
            if (in.readableBytes() < Greeting.GREETING_LENGTH) {
                return;
            }
            int major = in.getUnsignedByte(base + Greeting.MAJOR_OFFSET);
            int minor = in.getUnsignedByte(base + Greeting.MINOR_OFFSET);
            if (!Greeting.mechanismMatches(in, base + Greeting.MECHANISM_OFFSET, mechanism)) {
                // Both greetings are complete, so an ERROR can say why before the close (ZmtpError.MECHANISM_MISMATCH).
                state.greetingCompleted(ZmtpVersion.negotiate(major, minor));
                throw fail(ZmtpError.MECHANISM_MISMATCH, "peer uses mechanism '"
                        + Greeting.mechanismText(in, base + Greeting.MECHANISM_OFFSET) + "', this socket uses '"
                        + mechanism + "'");
            }
            boolean peerAsServer = in.getUnsignedByte(base + Greeting.AS_SERVER_OFFSET) != 0;
            in.skipBytes(Greeting.GREETING_LENGTH);
            stage = Stage.DONE;
            ZmtpVersion version = ZmtpVersion.negotiate(major, minor);
            state.greetingCompleted(version);
            ctx.fireUserEventTriggered(new GreetingCompleted(version, peerAsServer));
            ctx.pipeline().remove(this);
        }
    }

    private void send(ChannelHandlerContext ctx, Stage next) {
        ByteBuf out = ctx.alloc().buffer(Greeting.REST_LENGTH);
        if (next == Stage.AWAIT_MAJOR) {
            Greeting.writeMajor(out);
        } else {
            Greeting.writeRest(out, mechanism, asServer);
        }
        ctx.writeAndFlush(out, ctx.voidPromise());
        stage = next;
    }

    private ZmtpProtocolException fail(ZmtpError reason, String detail) {
        stage = Stage.DONE;
        return new ZmtpProtocolException(reason, detail);
    }

    private static String hex(ByteBuf in, int from, int length) {
        return ByteBufUtil.hexDump(in, from, length);
    }

    private static String preview(ByteBuf in) {
        int n = Math.min(in.readableBytes(), 16);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            int b = in.getUnsignedByte(in.readerIndex() + i);
            sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return sb.append(n < in.readableBytes() ? "…\"" : "\"").toString();
    }

    /**
     * Fired once both greetings are complete.
     *
     * @param version      the negotiated version
     * @param peerAsServer the as-server flag of the peer's greeting, for its mechanism to judge
     */
    record GreetingCompleted(ZmtpVersion version, boolean peerAsServer) {
        /** A peer whose as-server flag is 0, as libzmq always sends it. */
        GreetingCompleted(ZmtpVersion version) {
            this(version, false);
        }
    }
}
