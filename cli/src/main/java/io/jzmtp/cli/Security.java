package io.jzmtp.cli;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.security.ZapHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * The security mechanism of a run's socket, as {@link SecurityOptions} resolved it: the socket options to set before
 * any endpoint, and the ZAP handler (our own {@link io.jzmtp.security.Authenticator}) a server installs on its
 * context. The description shows user names and public keys only, never a password or a secret key.
 *
 * @param mechanism     {@code NULL}, {@code PLAIN} or {@code CURVE}, as ZMTP names it
 * @param server        whether the socket is the mechanism's server
 * @param settings      socket options, in the order they are set
 * @param authenticator the context's ZAP handler, or {@code null} for none
 * @param description   for {@code --verbose}, e.g. "PLAIN client, user 'admin'"
 * @param notes         warnings to print at start, e.g. certificate files that were left out
 */
record Security(String mechanism, boolean server, List<Invocation.SocketSetting<?>> settings, ZapHandler authenticator,
                String description, List<String> notes) {

    /** No security options: ZMTP's NULL mechanism. */
    static final Security NULL = new Security("NULL", false, List.of(), null, "NULL", List.of());

    Security {
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
    }

    /** The same, plus {@code setting} and {@code more} at the end of the description. */
    Security with(Invocation.SocketSetting<?> setting, String more) {
        List<Invocation.SocketSetting<?>> all = new ArrayList<>(settings);
        all.add(setting);
        return new Security(mechanism, server, all, authenticator, description + more, notes);
    }

    /** Whether this socket is a PLAIN or CURVE client, whose server may refuse it. */
    boolean isClient() {
        return !server && !mechanism.equals("NULL");
    }

    /** Sets the options on {@code socket} and the ZAP handler on {@code context}; says what it did with --verbose. */
    void applyTo(Context context, Socket socket, Console console, boolean verbose) {
        for (Invocation.SocketSetting<?> setting : settings) {
            setting.applyTo(socket);
        }
        if (authenticator != null) {
            context.setZapHandler(verbose ? new ZapLog(authenticator, console) : authenticator);
        }
        notes.forEach(console::note);
        if (verbose && !mechanism.equals("NULL")) {
            console.note("security: " + description);
        }
    }

    /** The description: the settings hold a secret, so a record's default text is not shown. */
    @Override
    public String toString() {
        return "Security[" + description + "]";
    }
}
