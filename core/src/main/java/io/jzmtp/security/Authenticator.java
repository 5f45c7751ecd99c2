package io.jzmtp.security;

import io.netty.util.NetUtil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A ready-made {@link ZapHandler} for the common cases: client addresses to allow or deny, PLAIN users from a password
 * file, CURVE clients from a directory of public {@link Certificate}s or from anywhere.
 * <pre>{@code
 * Authenticator auth = new Authenticator()
 *         .allow("127.0.0.1")
 *         .curveCertificates(Path.of("/etc/myapp/clients"));
 * context.setZapHandler(auth);
 * ...
 * auth.reload();   // after adding a certificate to the directory
 * }</pre>
 *
 * <p>The rules, in order, for every mechanism (NULL included):
 * <ol>
 *   <li>Address: once any address is {@link #allow allowed}, only allowed addresses pass; otherwise a
 *       {@link #deny denied} address is refused. IP addresses are compared in their canonical form, so
 *       {@code ::1} and {@code 0:0::1} match; other text must match exactly. The ZAP domain is not looked at.</li>
 *   <li>NULL: passes, with no user id.</li>
 *   <li>PLAIN: the user must be in the {@link #plainPasswords password file} with that password; the user id is the
 *       user name.</li>
 *   <li>CURVE: the client's key must be in one of the {@link #curveCertificates directory's certificates} (the user
 *       id is the key in Z85 and the reply's metadata the certificate's), or {@link #curveAllowAny} was called.</li>
 * </ol>
 * A mechanism not configured (PLAIN with no password file, CURVE with neither) is refused, and the reply says so.
 * Refusals are status 400 with a reason for the log; no reason or {@link #toString()} shows a password.
 *
 * <p>Threads: {@link #authenticate} runs on I/O threads, so it only reads an immutable snapshot of the rules from a
 * volatile field: no locks, no file access, and a reply that is already complete. The configuration methods and
 * {@link #reload()} run on the caller's thread; they read the files there, build a new snapshot and publish it whole,
 * so a connection sees the rules from before a change or after it, never a mix. They are synchronized with each other
 * only.
 */
public final class Authenticator implements ZapHandler {

    private volatile Rules rules = Rules.NONE;

    /** Everything an authentication reads, replaced whole on every change. */
    private record Rules(Set<String> allowed, Set<String> denied, Path passwordFile, Map<String, byte[]> passwords,
                         Path certificateDir, CertificateDirectory.Contents certificates, boolean curveAny) {

        static final Rules NONE = new Rules(Set.of(), Set.of(), null, null, null, null, false);

        Rules withAddresses(Set<String> allowed, Set<String> denied) {
            return new Rules(allowed, denied, passwordFile, passwords, certificateDir, certificates, curveAny);
        }

        Rules withPasswords(Path file, Map<String, byte[]> read) {
            return new Rules(allowed, denied, file, read, certificateDir, certificates, curveAny);
        }

        Rules withCertificates(Path dir, CertificateDirectory.Contents read, boolean any) {
            return new Rules(allowed, denied, passwordFile, passwords, dir, read, any);
        }
    }

    /** An authenticator with no rules yet: NULL clients pass, PLAIN and CURVE clients are refused. */
    public Authenticator() {
    }

    /**
     * Adds client addresses (e.g. {@code 192.168.1.7}, {@code ::1}) to let in. Once any is allowed, every other
     * address is refused and the deny list no longer matters.
     *
     * @return this authenticator
     */
    public synchronized Authenticator allow(String... addresses) {
        Rules r = rules;
        rules = r.withAddresses(union(r.allowed(), addresses), r.denied());
        return this;
    }

    /**
     * Adds client addresses to refuse; used only while no address is {@link #allow allowed}.
     *
     * @return this authenticator
     */
    public synchronized Authenticator deny(String... addresses) {
        Rules r = rules;
        rules = r.withAddresses(r.allowed(), union(r.denied(), addresses));
        return this;
    }

    /**
     * Checks PLAIN clients against {@code file}, read now and again on {@link #reload()}: {@code username=password}
     * lines, with {@code #} comment lines and blank lines skipped. Replaces an earlier password file.
     *
     * @return this authenticator
     * @throws java.io.UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException     naming the file and line of a malformed entry (the rules stay as they were)
     */
    public synchronized Authenticator plainPasswords(Path file) {
        rules = rules.withPasswords(file, PasswordFile.read(file));
        return this;
    }

    /**
     * Lets in CURVE clients whose key has a certificate in {@code dir}, read now and again on {@link #reload()}.
     * Files that do not load as certificates are left out and listed by {@link #certificateProblems()}. Replaces an
     * earlier directory or {@link #curveAllowAny()}.
     *
     * @return this authenticator
     * @throws java.io.UncheckedIOException if the directory cannot be listed (the rules stay as they were)
     */
    public synchronized Authenticator curveCertificates(Path dir) {
        rules = rules.withCertificates(dir, CertificateDirectory.read(dir), false);
        return this;
    }

    /**
     * Lets in every CURVE client, whatever its key (the handshake still proves it holds that key's secret); the user
     * id is the key in Z85. Replaces an earlier certificate directory.
     *
     * @return this authenticator
     */
    public synchronized Authenticator curveAllowAny() {
        rules = rules.withCertificates(null, null, true);
        return this;
    }

    /**
     * Reads the password file and the certificate directory again, and only then switches to what they now say.
     *
     * @throws java.io.UncheckedIOException if one cannot be read; the rules stay as they were
     * @throws IllegalArgumentException     for a malformed password file; the rules stay as they were
     */
    public synchronized void reload() {
        Rules r = rules;
        Map<String, byte[]> passwords = r.passwordFile() == null ? null : PasswordFile.read(r.passwordFile());
        CertificateDirectory.Contents certificates =
                r.certificateDir() == null ? null : CertificateDirectory.read(r.certificateDir());
        rules = r.withPasswords(r.passwordFile(), passwords)
                .withCertificates(r.certificateDir(), certificates, r.curveAny());
    }

    /** The files of the certificate directory left out at the last read, each with its reason; empty if none. */
    public List<String> certificateProblems() {
        CertificateDirectory.Contents certificates = rules.certificates();
        return certificates == null ? List.of() : certificates.problems();
    }

    /** Decides at once from the current rules; the stage is already complete. */
    @Override
    public CompletionStage<ZapReply> authenticate(ZapRequest request) {
        return CompletableFuture.completedFuture(decide(rules, request));
    }

    private static ZapReply decide(Rules r, ZapRequest request) {
        String address = canonical(request.address());
        if (!r.allowed().isEmpty() && !r.allowed().contains(address)) {
            return ZapReply.deny("address " + request.address() + " is not allowed");
        }
        if (r.allowed().isEmpty() && r.denied().contains(address)) {
            return ZapReply.deny("address " + request.address() + " denied");
        }
        return switch (request.mechanism()) {
            case "NULL" -> ZapReply.allow("");
            case "PLAIN" -> plain(r, request);
            case "CURVE" -> curve(r, request);
            default -> ZapReply.deny("mechanism " + request.mechanism() + " is not supported");
        };
    }

    private static ZapReply plain(Rules r, ZapRequest request) {
        if (r.passwords() == null) {
            return ZapReply.deny("PLAIN is not configured: no password file");
        }
        String user = request.username();
        byte[] expected = r.passwords().get(user);
        if (expected == null) {
            return ZapReply.deny("unknown user " + user);
        }
        // Constant time, so the reply's timing does not reveal how much of a guess was right.
        byte[] given = request.password().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? ZapReply.allow(user)
                : ZapReply.deny("wrong password for user " + user);
    }

    private static ZapReply curve(Rules r, ZapRequest request) {
        String key = request.clientKeyZ85();
        if (r.curveAny()) {
            return ZapReply.allow(key);
        }
        if (r.certificates() == null) {
            return ZapReply.deny("CURVE is not configured: no certificate directory and not allow-any");
        }
        Certificate certificate = r.certificates().certificates().get(key);
        if (certificate == null) {
            return ZapReply.deny("no certificate for key " + key);
        }
        return new ZapReply(200, "OK", key, certificate.metadata());
    }

    private static Set<String> union(Set<String> have, String... more) {
        Set<String> all = new HashSet<>(have);
        for (String address : more) {
            all.add(canonical(address));
        }
        return Set.copyOf(all);
    }

    /** An IP literal in one spelling (IPv6 compressed, no brackets), as the engine reports addresses; else as is. */
    private static String canonical(String address) {
        if (address == null) {
            return "";
        }
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(bare);
        return ip == null ? address : NetUtil.bytesToIpAddress(ip);
    }

    /** The rules in brief: addresses, the files and how much they held; never a password. */
    @Override
    public String toString() {
        Rules r = rules;
        String plain = r.passwords() == null ? "off" : r.passwordFile() + " (" + r.passwords().size() + " users)";
        String curve = r.curveAny() ? "any key" : r.certificates() == null ? "off"
                : r.certificateDir() + " (" + r.certificates().certificates().size() + " certificates)";
        return "Authenticator[allow=" + r.allowed() + ", deny=" + r.denied() + ", plain=" + plain + ", curve="
                + curve + "]";
    }
}
