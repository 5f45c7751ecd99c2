package io.jzmtp.transport.tcp;

import io.jzmtp.transport.IoRuntime;
import io.jzmtp.transport.TransportOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failure on the listening channel (what an accept that runs out of file descriptors raises) is reported. */
class AcceptFailureTest {

    @Test
    void acceptFailureIsReportedAndTheListenerStaysOpen() throws Exception {
        try (IoRuntime io = IoRuntime.create(1)) {
            CompletableFuture<Throwable> reported = new CompletableFuture<>();
            TcpTransport.TcpBoundEndpoint bound = (TcpTransport.TcpBoundEndpoint) new TcpTransport().bind(
                    TcpEndpoint.parse("tcp://127.0.0.1:*"), io, new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                        }
                    }, TransportOptions.DEFAULTS, reported::complete);
            IOException emfile = new IOException("Too many open files");
            bound.server().pipeline().fireExceptionCaught(emfile);
            assertEquals(emfile, reported.get(5, TimeUnit.SECONDS));
            assertTrue(bound.server().isActive(), "the endpoint keeps listening");
            bound.close().syncUninterruptibly();
        }
    }
}
