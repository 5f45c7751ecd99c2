package io.jzmtp.cli;

import io.jzmtp.SocketOption;
import io.jzmtp.security.Authenticator;
import io.jzmtp.security.Certificate;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.security.Z85;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The security options of one command line (PLAIN, CURVE, ZAP), taken in any order from the option table and checked
 * together by {@link #resolve()}, which also reads the files they name and returns the {@link Security} the session
 * applies. A key is checked as it is read, so its message names the option ("--curve-serverkey must be 40 Z85
 * characters, not 39"). No message quotes a password or a secret key.
 */
final class SecurityOptions {

    /** The SocketSetting text shown in place of a secret. */
    static final String HIDDEN = "(hidden)";
    private static final int MAX_TEXT_BYTES = 255;

    /** The PLAIN and CURVE options given, in command-line order, for the message when both kinds are mixed. */
    private final Set<String> plainFlags = new LinkedHashSet<>();
    private final Set<String> curveFlags = new LinkedHashSet<>();
    private String plainUsername;
    private String plainPassword;
    private boolean plainServer;
    private Path plainUsers;
    private boolean curveServer;
    private byte[] serverKey;
    private byte[] publicKey;
    private byte[] secretKey;
    private Path certificate;
    private String curveAllow;
    private String zapDomain;

    void plainUsername(String user) {
        plainFlags.add("--plain-username");
        if (user.isEmpty()) {
            throw new UsageException("--plain-username must not be empty");
        }
        plainUsername = text("--plain-username", user);
    }

    void plainPassword(String password) {
        plainFlags.add("--plain-password");
        plainPassword = text("--plain-password", password);
    }

    void plainServer() {
        plainFlags.add("--plain-server");
        plainServer = true;
    }

    void plainUsers(String file) {
        plainFlags.add("--plain-users");
        plainUsers = Path.of(file);
    }

    void curveServer() {
        curveFlags.add("--curve-server");
        curveServer = true;
    }

    void curveServerKey(String z85) {
        curveFlags.add("--curve-serverkey");
        serverKey = key("--curve-serverkey", z85, false);
    }

    void curvePublicKey(String z85) {
        curveFlags.add("--curve-publickey");
        publicKey = key("--curve-publickey", z85, false);
    }

    void curveSecretKey(String z85) {
        curveFlags.add("--curve-secretkey");
        secretKey = key("--curve-secretkey", z85, true);
    }

    void certificate(String file) {
        curveFlags.add("--cert");
        certificate = Path.of(file);
    }

    void curveAllow(String dirOrAny) {
        curveFlags.add("--curve-allow");
        curveAllow = dirOrAny;
    }

    void zapDomain(String domain) {
        zapDomain = text("--zap-domain", domain);
    }

    /** Checks the options against each other, reads the files they name, and says what the socket will use. */
    Security resolve() {
        if (!plainFlags.isEmpty() && !curveFlags.isEmpty()) {
            throw new UsageException(plainFlags.iterator().next() + " and " + curveFlags.iterator().next()
                    + " exclude each other: a socket uses PLAIN or CURVE, not both");
        }
        Security security = !plainFlags.isEmpty() ? plain() : !curveFlags.isEmpty() ? curve() : Security.NULL;
        if (zapDomain == null) {
            return security;
        }
        if (security.authenticator() == null) {
            throw new UsageException("--zap-domain needs --plain-server, or --curve-server with --curve-allow: it "
                    + "names the domain of the requests their authenticator answers");
        }
        return security.with(new Invocation.SocketSetting<>("--zap-domain", zapDomain, SocketOption.ZAP_DOMAIN,
                zapDomain), " in ZAP domain '" + zapDomain + "'");
    }

    private Security plain() {
        if (plainServer) {
            if (plainUsername != null || plainPassword != null) {
                throw new UsageException("--plain-server and " + (plainUsername != null ? "--plain-username"
                        : "--plain-password") + " exclude each other: a socket is a PLAIN server or a PLAIN client");
            }
            if (plainUsers == null) {
                throw new UsageException("--plain-server needs --plain-users FILE: the user=password lines that "
                        + "clients are checked against");
            }
            return new Security("PLAIN", true, List.of(new Invocation.SocketSetting<>("--plain-server", "",
                    SocketOption.PLAIN_SERVER, true)), passwords(), "PLAIN server, users from " + plainUsers,
                    List.of());
        }
        if (plainUsers != null) {
            throw new UsageException("--plain-users needs --plain-server (a PLAIN client logs in with "
                    + "--plain-username and --plain-password)");
        }
        if (plainUsername == null) {
            throw new UsageException("--plain-password needs --plain-username");
        }
        List<Invocation.SocketSetting<?>> settings = new ArrayList<>();
        settings.add(new Invocation.SocketSetting<>("--plain-username", plainUsername, SocketOption.PLAIN_USERNAME,
                plainUsername));
        if (plainPassword != null) {
            settings.add(new Invocation.SocketSetting<>("--plain-password", HIDDEN, SocketOption.PLAIN_PASSWORD,
                    plainPassword));
        }
        return new Security("PLAIN", false, settings, null, "PLAIN client, user '" + plainUsername + "'", List.of());
    }

    private Authenticator passwords() {
        requireFile("--plain-users", plainUsers);
        try {
            return new Authenticator().plainPasswords(plainUsers);
        } catch (UncheckedIOException e) {
            throw new UsageException("--plain-users " + plainUsers + ": cannot read it (" + e.getCause() + ")");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--plain-users: " + e.getMessage());
        }
    }

    private Security curve() {
        if (curveServer && serverKey != null) {
            throw new UsageException("--curve-server and --curve-serverkey exclude each other: a socket is a CURVE "
                    + "server or a client of one");
        }
        if (!curveServer && serverKey == null) {
            throw new UsageException(curveFlags.iterator().next() + " needs --curve-server (be a CURVE server) or "
                    + "--curve-serverkey KEY (be a client of the server with that public key)");
        }
        if (curveAllow != null && !curveServer) {
            throw new UsageException("--curve-allow needs --curve-server");
        }
        CurveKeyPair pair = keyPair(curveServer ? "--curve-server" : "--curve-serverkey");
        List<Invocation.SocketSetting<?>> settings = new ArrayList<>();
        if (curveServer) {
            settings.add(new Invocation.SocketSetting<>("--curve-server", "", SocketOption.CURVE_SERVER, true));
        } else {
            settings.add(new Invocation.SocketSetting<>("--curve-serverkey", Z85.encode(serverKey),
                    SocketOption.CURVE_SERVERKEY, serverKey));
        }
        settings.add(new Invocation.SocketSetting<>("--curve-publickey", pair.publicKeyZ85(),
                SocketOption.CURVE_PUBLICKEY, pair.publicKey()));
        settings.add(new Invocation.SocketSetting<>("--curve-secretkey", HIDDEN, SocketOption.CURVE_SECRETKEY,
                pair.secretKey()));
        pair.destroy();
        if (!curveServer) {
            return new Security("CURVE", false, settings, null, "CURVE client of server key "
                    + Z85.encode(serverKey) + ", our public key " + pair.publicKeyZ85(), List.of());
        }
        CurveClients clients = CurveClients.of(curveAllow);
        return new Security("CURVE", true, settings, clients.authenticator(), "CURVE server, public key "
                + pair.publicKeyZ85() + ", letting in " + clients.description(), clients.notes());
    }

    /** This socket's key pair, from --cert or --curve-secretkey; --curve-publickey, if given, must match it. */
    private CurveKeyPair keyPair(String role) {
        if (certificate != null && secretKey != null) {
            throw new UsageException("--cert and --curve-secretkey exclude each other: both give this socket's "
                    + "secret key");
        }
        CurveKeyPair pair;
        String source;
        if (certificate != null) {
            pair = certificatePair();
            source = "--cert " + certificate;
        } else if (secretKey != null) {
            pair = CurveKeyPair.fromSecretKey(secretKey);
            source = "--curve-secretkey";
        } else {
            throw new UsageException(role + " needs this socket's key pair: --curve-secretkey KEY or --cert FILE "
                    + "(jzmtp keygen makes one)");
        }
        if (publicKey != null && !Arrays.equals(publicKey, pair.publicKey())) {
            throw new UsageException("--curve-publickey is not the public key of " + source + " ("
                    + pair.publicKeyZ85() + " is)");
        }
        return pair;
    }

    private CurveKeyPair certificatePair() {
        requireFile("--cert", certificate);
        Certificate cert;
        try {
            cert = Certificate.load(certificate);
        } catch (UncheckedIOException e) {
            throw new UsageException("--cert " + certificate + ": cannot read it (" + e.getCause() + ")");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cert: " + e.getMessage());
        }
        return cert.keyPair().orElseThrow(() -> {
            Path secret = certificate.resolveSibling(certificate.getFileName() + "_secret");
            return new UsageException("--cert " + certificate + " is a public certificate: this socket needs its "
                    + "secret key" + (Files.isRegularFile(secret) ? ", in " + secret : ""));
        });
    }

    static void requireFile(String flag, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(flag + " " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(flag + " " + file + ": not readable");
        }
    }

    /** A key given as 40 Z85 characters; the message for a secret one does not quote any of it. */
    private static byte[] key(String flag, String z85, boolean secret) {
        if (z85.length() != CurveKeyPair.KEY_SIZE_Z85) {
            throw new UsageException(flag + " must be " + CurveKeyPair.KEY_SIZE_Z85 + " Z85 characters, not "
                    + z85.length());
        }
        try {
            return Z85.decode(z85);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " is not Z85: " + (secret ? "it has a character outside the Z85 "
                    + "alphabet, or a 5-character group above 2^32" : e.getMessage()));
        }
    }

    /** PLAIN credentials and ZAP domains travel with a one-byte length. */
    private static String text(String flag, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            throw new UsageException(flag + " must be at most " + MAX_TEXT_BYTES + " bytes (UTF-8), not " + bytes);
        }
        return value;
    }
}
