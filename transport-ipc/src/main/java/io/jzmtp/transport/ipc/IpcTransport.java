package io.jzmtp.transport.ipc;

import io.jzmtp.msg.Metadata;
import io.jzmtp.transport.AcceptFailureHandler;
import io.jzmtp.transport.BindFailedException;
import io.jzmtp.transport.BoundEndpoint;
import io.jzmtp.transport.Endpoint;
import io.jzmtp.transport.IoRuntime;
import io.jzmtp.transport.StreamSocketOptions;
import io.jzmtp.transport.Transport;
import io.jzmtp.transport.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.PeerCredentials;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code ipc://} transport: Unix domain stream sockets, with Netty's epoll domain-socket channels when the I/O
 * threads run on epoll and NIO's (JDK 16+) otherwise. Binding clears a stale socket file a dead process left, but
 * never a file that is not a socket or that a live listener owns ({@link SocketFiles}); unbinding removes the file it
 * made. The peer's credentials become connection metadata: {@value #PEER_UID}, {@value #PEER_GID} and
 * {@value #PEER_PID} on epoll ({@code SO_PEERCRED}), {@value #PEER_USER} and {@value #PEER_GROUP} (names, no pid) on
 * NIO, so an application can authorise a peer by who runs it.
 */
public final class IpcTransport implements Transport {

    /** The peer process's user id (epoll). */
    public static final String PEER_UID = "Peer-Uid";
    /** The peer process's group id (epoll). */
    public static final String PEER_GID = "Peer-Gid";
    /** The peer process's id (epoll). */
    public static final String PEER_PID = "Peer-Pid";
    /** The peer process's user name (NIO). */
    public static final String PEER_USER = "Peer-User";
    /** The peer process's group name (NIO). */
    public static final String PEER_GROUP = "Peer-Group";


    @Override
    public String scheme() {
        return "ipc";
    }

    @Override
    public Endpoint parse(String endpoint) {
        return IpcEndpoint.parse(endpoint);
    }

    @Override
    public BoundEndpoint bind(Endpoint endpoint, IoRuntime io, ChannelInitializer<Channel> initializer,
                              TransportOptions options, Consumer<Throwable> acceptFailed) {
        IpcEndpoint requested = (IpcEndpoint) endpoint;
        Path temporaryDirectory = null;
        IpcEndpoint ep = requested;
        if (requested.isWildcard()) {
            try {
                temporaryDirectory = Files.createTempDirectory("jzmtp-ipc-");
            } catch (IOException e) {
                throw new BindFailedException(requested.toString(), e);
            }
            ep = new IpcEndpoint(temporaryDirectory.resolve("socket").toString());
        } else if (!requested.isAbstract()) {
            SocketFiles.clearStale(requested.path(), requested.toString());
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(io.group())
                .channel(serverChannelType(io))
                .option(ChannelOption.SO_BACKLOG,
                        options.get(StreamSocketOptions.BACKLOG, StreamSocketOptions.DEFAULT_BACKLOG))
                .handler(new AcceptFailureHandler(acceptFailed))
                .childHandler(initializer);
        StreamSocketOptions.apply(b, options);
        ChannelFuture f = b.bind(address(ep, io)).awaitUninterruptibly();
        if (!f.isSuccess()) {
            SocketFiles.deleteQuietly(temporaryDirectory);
            throw new BindFailedException(requested.toString(), f.cause());
        }
        Path file = ep.isAbstract() ? null : ep.path();
        return new IpcBoundEndpoint(ep, f.channel(), file, temporaryDirectory);
    }

    @Override
    public ChannelFuture connect(Endpoint endpoint, EventLoop loop, IoRuntime io,
                                 ChannelInitializer<Channel> initializer, TransportOptions options) {
        IpcEndpoint ep = (IpcEndpoint) endpoint;
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType(io))
                .handler(initializer);
        StreamSocketOptions.apply(b, options);
        return b.connect(address(ep, io));
    }

    @Override
    public List<Metadata.Property> peerProperties(Channel channel) {
        List<Metadata.Property> props = new ArrayList<>(3);
        try {
            if (channel instanceof EpollDomainSocketChannel epoll) {
                PeerCredentials c = epoll.peerCredentials();
                props.add(property(PEER_UID, Integer.toString(c.uid())));
                if (c.gids().length > 0) {
                    props.add(property(PEER_GID, Integer.toString(c.gids()[0])));
                }
                props.add(property(PEER_PID, Integer.toString(c.pid())));
            } else if (channel instanceof NioDomainSocketChannel) {
                UnixDomainPrincipal p = channel.config().getOption(
                        NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
                if (p != null) {
                    props.add(property(PEER_USER, p.user().getName()));
                    props.add(property(PEER_GROUP, p.group().getName()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no credentials for this peer (the OS would not say): the connection goes on without them
        }
        return props;
    }

    private static Metadata.Property property(String name, String value) {
        return new Metadata.Property(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The socket address for {@code ep} on {@code io}'s kind of channel. */
    static SocketAddress address(IpcEndpoint ep, IoRuntime io) {
        if (ep.isAbstract()) {
            if (!io.isEpoll()) {
                throw new IllegalArgumentException("invalid endpoint '" + ep + "': the abstract namespace (ipc://@name)"
                        + " needs the native epoll transport; the JDK's Unix domain sockets (NIO) have no abstract"
                        + " names");
            }
            return new DomainSocketAddress("\0" + ep.abstractName());
        }
        String path = ep.path().toString();
        return io.isEpoll() ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
    }

    /** The client channel class that registers on {@code io}'s event loops. */
    static Class<? extends Channel> channelType(IoRuntime io) {
        return io.isEpoll() ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    /** The server channel class that registers on {@code io}'s event loops. */
    static Class<? extends ServerChannel> serverChannelType(IoRuntime io) {
        return io.isEpoll() ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    /** A listening ipc endpoint: closing it stops listening and removes the socket file (and directory) it made. */
    record IpcBoundEndpoint(IpcEndpoint endpoint, Channel server, Path file, Path temporaryDirectory)
            implements BoundEndpoint {
        @Override
        public Future<?> close() {
            Promise<Void> done = server.eventLoop().newPromise();
            server.close().addListener(f -> {
                SocketFiles.deleteQuietly(file);
                SocketFiles.deleteQuietly(temporaryDirectory);
                done.setSuccess(null);
            });
            return done;
        }
    }

}
