package org.zeromq;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.zeromq.util.ZMetadata;

/**
 * Authentication for every PLAIN, CURVE (and, with a ZAP domain, NULL) server socket of a context: an actor that
 * answers ZAP requests (RFC 27) on {@code inproc://zeromq.zap.01}, where jzmtp's handshakes ask them. Addresses can be
 * allowed or denied: a denied address is refused; once any address is allowed, only allowed ones get in. Then the
 * mechanism's {@link Auth} decides: PLAIN checks a password file of {@code name=password} lines (reloaded when it
 * changes), CURVE accepts any key ({@link #CURVE_ALLOW_ANY}) or those of the public certificates in a directory (a
 * {@link ZCertStore}), NULL lets everyone in. Until configured, PLAIN and CURVE clients are refused. With
 * {@link #replies(boolean) replies(true)}, each decision is also handed to {@link #nextReply()}.
 *
 * <p>Each configuration call returns once the actor has applied it. The actor runs on its own thread, so a slow
 * password file or certificate directory never holds up a jzmtp I/O thread.
 *
 * <p>Differs from JeroMQ: a request for a mechanism with no {@link Auth} is refused (status 500) instead of stopping
 * the actor, the password file is reloaded as soon as its modification time changes, and
 * {@link ZapReply#metadata} holds the properties sent (JeroMQ's is empty or garbled).
 */
// Over the house size limit: JeroMQ's binary names fix ZAuth.Auth, ZapRequest, ZapReply and the three Simple*Auth
// classes as members of this class; the actor itself is a small part.
public class ZAuth implements Closeable {

    /** A mechanism's policy, configured and consulted on the ZAuth actor's thread. */
    public interface Auth {
        /** Applies a configuration message (PLAIN: domain and password file; CURVE: directory or "*"). */
        boolean configure(ZMsg msg, boolean verbose);

        /** Whether {@code request} may come in; may set its {@code userId} and {@code metadata}. */
        boolean authorize(ZapRequest request, boolean verbose);
    }

    /** PLAIN: user names and passwords from a properties file ({@code name=password} lines). */
    public static class SimplePlainAuth implements Auth {
        private final Properties passwords = new Properties();
        private File passwordsFile;
        private long loadedModified;

        /** Takes the domain (not used: one file serves every domain) and the password file's name. */
        @Override
        public boolean configure(ZMsg msg, boolean verbose) {
            msg.popString();
            passwordsFile = new File(msg.popString());
            if (verbose) {
                System.out.printf("ZAuth: activated plain-mechanism with password-file: %s%n",
                        passwordsFile.getAbsolutePath());
            }
            load();
            return true;
        }

        /** Lets the user in, as user id {@code username}, when the file has that user with that password. */
        @Override
        public boolean authorize(ZapRequest request, boolean verbose) {
            if (passwordsFile != null && passwordsFile.lastModified() != loadedModified) {
                load();
            }
            String password = request.username == null ? null : passwords.getProperty(request.username);
            boolean allowed = password != null && password.equals(request.password);
            if (allowed) {
                request.userId = request.username;
            }
            if (verbose) {
                System.out.printf("ZAuth: %s (PLAIN) username=%s%n", allowed ? "Allowed" : "Denied",
                        request.username);
            }
            return allowed;
        }

        private void load() {
            passwords.clear();
            loadedModified = passwordsFile.lastModified();
            try (Reader reader = Files.newBufferedReader(passwordsFile.toPath(), StandardCharsets.UTF_8)) {
                passwords.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                // no readable file: nobody gets in until it appears
            }
        }
    }

    /** CURVE: any client key, or the keys of the certificates in a directory. */
    public static class SimpleCurveAuth implements Auth {
        private final ZCertStore.Fingerprinter fingerprinter;
        private ZCertStore certificates;
        private boolean allowAny;

        /** Watches the certificate directory by content ({@link ZCertStore.Hasher}). */
        public SimpleCurveAuth() {
            this(new ZCertStore.Hasher());
        }

        /** Watches the certificate directory for changes with {@code fingerprinter}. */
        public SimpleCurveAuth(ZCertStore.Fingerprinter fingerprinter) {
            this.fingerprinter = fingerprinter;
        }

        /** Takes {@link ZAuth#CURVE_ALLOW_ANY} or the directory of the certificates to accept. */
        @Override
        public boolean configure(ZMsg configuration, boolean verbose) {
            String location = configuration.popString();
            allowAny = CURVE_ALLOW_ANY.equals(location);
            if (verbose) {
                System.out.println(allowAny ? "ZAuth: Allowing all clients"
                        : "ZAuth: Using " + location + " as certificates directory");
            }
            certificates = allowAny ? null : new ZCertStore(location, fingerprinter);
            return true;
        }

        /** Lets a known key in, as user id its Z85 text and with its certificate's metadata; any key if so told. */
        @Override
        public boolean authorize(ZapRequest request, boolean verbose) {
            if (allowAny) {
                return true;
            }
            boolean allowed = certificates != null && request.clientKey != null
                    && certificates.containsPublicKey(request.clientKey);
            if (allowed) {
                request.userId = request.clientKey;
                request.metadata = certificates.getMetadata(request.clientKey);
            }
            if (verbose) {
                System.out.printf("ZAuth: %s (CURVE) client_key=%s%n", allowed ? "Allowed" : "Denied",
                        request.clientKey);
            }
            return allowed;
        }
    }

    /** NULL: everyone. */
    public static class SimpleNullAuth implements Auth {
        @Override
        public boolean configure(ZMsg configuration, boolean verbose) {
            return true;
        }

        @Override
        public boolean authorize(ZapRequest request, boolean verbose) {
            return true;
        }
    }

    /** A decision as {@link #nextReply()} hands it over: the ZAP reply, plus who it was about. */
    public static class ZapReply {
        /** Always "1.0". */
        public final String version;
        /** The request id, echoed from the request. */
        public final String sequence;
        /** 200 admitted, 400 refused. */
        public final int statusCode;
        /** The reason given with the status code. */
        public final String statusText;
        /** The user id given to the connection; "" when none. */
        public final String userId;
        /** The metadata given to the connection, or null. */
        public final ZMetadata metadata;
        /** The client's address (not part of ZAP). */
        public final String address;
        /** The server socket's identity (not part of ZAP). */
        public final String identity;

        private ZapReply(ZMsg msg) {
            this.version = msg.popString();
            this.sequence = msg.popString();
            this.statusCode = Integer.parseInt(msg.popString());
            this.statusText = msg.popString();
            this.userId = msg.popString();
            ZFrame properties = msg.pop();
            // parsed from the frame's bytes: JeroMQ parses the frame's printable form, hex for binary data, and so
            // loses the properties
            this.metadata = ZMetadata.read(new String(properties.getData(), StandardCharsets.UTF_8));
            this.address = msg.popString();
            this.identity = msg.popString();
        }

        @Override
        public String toString() {
            return "ZapReply [" + (version != null ? "version=" + version + ", " : "")
                    + (sequence != null ? "sequence=" + sequence + ", " : "") + "statusCode=" + statusCode + ", "
                    + (statusText != null ? "statusText=" + statusText + ", " : "")
                    + (userId != null ? "userId=" + userId + ", " : "")
                    + (metadata != null ? "metadata=" + metadata : "") + "]";
        }
    }

    /** One ZAP request, as an {@link Auth} sees it; the Auth may set {@link #userId} and {@link #metadata}. */
    public static class ZapRequest {
        /** The ZAP version: "1.0". */
        public final String version;
        /** The request id, which the reply echoes. */
        public final String sequence;
        /** The server socket's ZAP domain; "" when none. */
        public final String domain;
        /** The client's address. */
        public final String address;
        /** The server socket's routing id, as text. */
        public final String identity;
        /** NULL, PLAIN or CURVE. */
        public final String mechanism;
        /** PLAIN only. */
        public final String username;
        /** PLAIN only, in clear text. */
        public final String password;
        /** CURVE only: the client's public key in Z85. */
        public final String clientKey;
        /** GSSAPI only (which jzmtp does not speak): always null. */
        public final String principal;
        /** The user id for the reply; null gives "". */
        public String userId;
        /** Metadata for the reply, or null. */
        public ZMetadata metadata;

        private ZapRequest(ZMsg request) {
            version = request.popString();
            sequence = request.popString();
            domain = request.popString();
            address = request.popString();
            identity = request.popString();
            mechanism = request.popString();
            boolean plain = "PLAIN".equals(mechanism);
            username = plain ? request.popString() : null;
            password = plain ? request.popString() : null;
            ZFrame key = "CURVE".equals(mechanism) ? request.pop() : null;
            clientKey = key == null ? null : ZMQ.Curve.z85Encode(key.getData());
            principal = null;
        }

        /** The ZAP reply frames: version, sequence, status code and text, user id, metadata. */
        private ZMsg reply(int statusCode, String statusText) {
            ZMsg msg = new ZMsg();
            msg.add(version);
            msg.add(sequence);
            msg.add(Integer.toString(statusCode));
            msg.add(statusText);
            msg.add(userId == null ? "" : userId);
            msg.add(metadata == null ? new byte[0] : metadata.bytes());
            return msg;
        }
    }

    /** The {@link #configureCurve} location that accepts every client key. */
    public static final String CURVE_ALLOW_ANY = "*";

    private static final String OK = "OK";
    private static final String VERBOSE = "VERBOSE";
    private static final String REPLIES = "REPLIES";
    private static final String ALLOW = "ALLOW";
    private static final String DENY = "DENY";
    private static final String TERMINATE = "TERMINATE";

    private final ZAgent agent;
    private final ZStar.Exit exit;
    private final ZAgent replies;
    private volatile boolean repliesEnabled;

    /** Starts authentication on {@code ctx}, with the default policies. */
    public ZAuth(ZContext ctx) {
        this(ctx, "ZAuth");
    }

    /** As {@link #ZAuth(ZContext)}, watching CURVE certificate directories with {@code fingerprinter}. */
    public ZAuth(ZContext ctx, ZCertStore.Fingerprinter fingerprinter) {
        this(ctx, "ZAuth", policies(new SimpleCurveAuth(fingerprinter)));
    }

    /** As {@link #ZAuth(ZContext)}, the actor's thread named {@code actorName}. */
    public ZAuth(ZContext ctx, String actorName) {
        this(ctx, actorName, policies(new SimpleCurveAuth()));
    }

    /** Starts authentication on {@code ctx} with {@code auths}, one per mechanism name (NULL, PLAIN, CURVE). */
    public ZAuth(ZContext ctx, String actorName, Map<String, Auth> auths) {
        Objects.requireNonNull(ctx, "ZAuth works only with a provided ZContext");
        Objects.requireNonNull(actorName, "Actor name shall be defined");
        Objects.requireNonNull(auths, "Authenticators shall be supplied as non-null map");
        Guard guard = new Guard(actorName, auths);
        ZActor actor = new ZActor(ctx, guard, UUID.randomUUID().toString());
        this.agent = actor.agent();
        this.exit = actor.exit();
        ZMsg started = agent.recv();   // the handler is bound (or could not be) once this comes
        if (started != null) {
            started.destroy();
        }
        ZMQ.Socket pipe = ctx.createSocket(SocketType.PAIR);
        pipe.connect(guard.repliesAddress);
        this.replies = new ZAgent.SimpleAgent(pipe, guard.repliesAddress);
    }

    private static Map<String, Auth> policies(SimpleCurveAuth curve) {
        Map<String, Auth> auths = new HashMap<>();
        auths.put("PLAIN", new SimplePlainAuth());
        auths.put("CURVE", curve);
        auths.put("NULL", new SimpleNullAuth());
        return auths;
    }

    /** Traces commands and decisions on standard output. */
    public ZAuth setVerbose(boolean verbose) {
        return verbose(verbose);
    }

    /** Traces commands and decisions on standard output. */
    public ZAuth verbose(boolean verbose) {
        return send(VERBOSE, Boolean.toString(verbose));
    }

    /** Allows {@code address} (e.g. 127.0.0.1); once any address is allowed, the others are refused. */
    public ZAuth allow(String address) {
        Objects.requireNonNull(address, "Address has to be supplied for allowance");
        return send(ALLOW, address);
    }

    /** Refuses {@code address} whatever its credentials (ignored once any address is allowed). */
    public ZAuth deny(String address) {
        Objects.requireNonNull(address, "Address has to be supplied for denial");
        return send(DENY, address);
    }

    /** PLAIN: checks user names and passwords against {@code filename} ({@code name=password} lines). */
    public ZAuth configurePlain(String domain, String filename) {
        Objects.requireNonNull(domain, "Domain has to be supplied");
        Objects.requireNonNull(filename, "File name has to be supplied");
        return send("PLAIN", domain, filename);
    }

    /** CURVE: accepts the keys of the certificates in directory {@code location}, or any key for "*". */
    public ZAuth configureCurve(String location) {
        Objects.requireNonNull(location, "Location has to be supplied");
        return send("CURVE", location);
    }

    /** Whether each decision is also handed to {@link #nextReply()}. */
    public ZAuth replies(boolean enable) {
        repliesEnabled = enable;
        return send(REPLIES, Boolean.toString(enable));
    }

    /** The next decision, waiting for it; null when replies are off or ZAuth is closed. */
    public ZapReply nextReply() {
        return nextReply(true);
    }

    /** The next decision, or null at once when {@code wait} is false and there is none yet. */
    public ZapReply nextReply(boolean wait) {
        return repliesEnabled() ? parse(replies.recv(wait)) : null;
    }

    /** The next decision, waiting at most {@code timeout} ms; null on timeout. */
    public ZapReply nextReply(int timeout) {
        return repliesEnabled() ? parse(replies.recv(timeout)) : null;
    }

    private boolean repliesEnabled() {
        if (!repliesEnabled) {
            System.out.println("ZAuth: replies are disabled. Please use replies(true);");
        }
        return repliesEnabled;
    }

    private static ZapReply parse(ZMsg msg) {
        return msg == null ? null : new ZapReply(msg);
    }

    /** Stops authentication: the handler unbinds, and later handshakes get no ZAP answer. */
    @Override
    public void close() {
        destroy();
    }

    /** The same as {@link #close()}. */
    public void destroy() {
        send(TERMINATE);
        exit.awaitSilent();
        agent.close();
        replies.close();
    }

    /** Sends a command to the actor and waits for its acknowledgement. */
    protected ZAuth send(String command, String... datas) {
        ZMsg msg = new ZMsg();
        msg.add(command);
        for (String data : datas) {
            msg.add(data);
        }
        if (agent.send(msg)) {
            agent.recv();
        }
        return this;
    }

    /** The actor: answers ZAP requests on its REP socket and commands on its pipe. */
    private static final class Guard extends ZActor.SimpleActor {
        private final String name;
        private final Map<String, Auth> auths;
        private final Set<String> allowed = ConcurrentHashMap.newKeySet();
        private final Set<String> denied = ConcurrentHashMap.newKeySet();
        private final String repliesAddress = "inproc://zauth-replies-" + UUID.randomUUID();
        private ZMQ.Socket replies;
        private boolean repliesEnabled;
        private boolean verbose;

        Guard(String name, Map<String, Auth> auths) {
            this.name = name;
            this.auths = new HashMap<>(auths);
        }

        @Override
        public String premiere(ZMQ.Socket pipe) {
            return name;
        }

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... args) {
            replies = ctx.createSocket(SocketType.PAIR);
            return Arrays.asList(ctx.createSocket(SocketType.REP), replies);
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            try {
                replies.bind(repliesAddress);
                ZMQ.Socket handler = sockets.get(0);
                handler.bind("inproc://zeromq.zap.01");
                poller.register(handler, ZPoller.POLLIN);
                pipe.send(OK);
            } catch (ZMQException e) {
                // e.g. another ZAuth already serves this context
                System.out.println("ZAuth: Error " + e);
                pipe.send("ERROR");
            }
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            ZMsg msg = ZMsg.recvMsg(pipe);
            String command = msg.popString();
            if (command == null) {
                return false;
            }
            switch (command) {
                case ALLOW -> allowed.add(msg.popString());
                case DENY -> denied.add(msg.popString());
                case VERBOSE -> verbose = Boolean.parseBoolean(msg.popString());
                case REPLIES -> repliesEnabled = Boolean.parseBoolean(msg.popString());
                case TERMINATE -> {
                    if (repliesEnabled) {
                        replies.send(repliesAddress);   // the replies agent's lock word: no more replies
                    }
                    pipe.send(OK);
                    return false;
                }
                default -> {
                    Auth auth = auths.get(command);
                    if (auth == null) {
                        System.out.printf("ZAuth: Invalid command %s%n", command);
                        return true;
                    }
                    return pipe.send(auth.configure(msg, verbose) ? OK : "ERROR");
                }
            }
            return pipe.send(OK);
        }

        @Override
        public boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events) {
            ZMsg msg = ZMsg.recvMsg(socket);
            if (msg == null) {
                return false;
            }
            ZapRequest request = new ZapRequest(msg);
            ZMsg reply;
            if (!admitted(request.address)) {
                reply = request.reply(400, "NO ACCESS");
            } else {
                Auth auth = auths.get(request.mechanism);
                if (auth == null) {
                    reply = request.reply(500, "no policy for " + request.mechanism);
                } else if (auth.authorize(request, verbose)) {
                    reply = request.reply(200, OK);
                } else {
                    request.metadata = null;
                    reply = request.reply(400, "NO ACCESS");
                }
            }
            if (repliesEnabled) {
                ZMsg copy = reply.duplicate();
                copy.add(request.address);
                copy.add(request.identity);
                copy.send(replies);
            }
            reply.send(socket);
            return true;
        }

        /** The address lists: an allow list, if any, decides alone; else a denied address is refused. */
        private boolean admitted(String address) {
            boolean admitted = allowed.isEmpty() ? !denied.contains(address) : allowed.contains(address);
            if (verbose) {
                System.out.printf("ZAuth: %s address=%s%n", admitted ? "Passed" : "Denied", address);
            }
            return admitted;
        }
    }
}
