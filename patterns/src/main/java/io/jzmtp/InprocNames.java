package io.jzmtp;

import io.jzmtp.transport.BindFailedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code inproc://} names of one Context: which socket has bound each, and which connects wait for a name not
 * bound yet (a connect may come first, as in libzmq 4.x). Its lock is held only to read or change the two maps,
 * never while a connection is made or ended.
 */
final class InprocNames {

    static final String SCHEME = "inproc://";

    private final Map<String, InprocBinding> bound = new HashMap<>();
    private final Map<String, Set<InprocDialer>> waiting = new HashMap<>();

    /** The name of {@code endpoint} ({@code inproc://name}); any non-empty text, as in libzmq. */
    static String name(String endpoint) {
        String name = endpoint.substring(SCHEME.length());
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': an inproc endpoint needs a name,"
                    + " e.g. inproc://workers");
        }
        return name;
    }

    /**
     * Binds {@code binding}'s name; returns the connects that waited for it, for the caller to accept once the
     * binding is registered.
     *
     * @throws BindFailedException if another socket of this Context has bound the name
     */
    List<InprocDialer> bind(InprocBinding binding) {
        List<InprocDialer> ready;
        synchronized (this) {
            InprocBinding owner = bound.get(binding.name());
            if (owner != null) {
                throw new BindFailedException(binding.endpoint().toString(), "address in use: the name is bound by "
                        + (owner.socket() == binding.socket() ? "this socket" : "another socket of this context")
                        + " already");
            }
            bound.put(binding.name(), binding);
            Set<InprocDialer> w = waiting.remove(binding.name());
            ready = w == null ? List.of() : new ArrayList<>(w);
        }
        return ready;
    }

    /** Whether a socket of this Context has bound {@code name}. */
    synchronized boolean isBound(String name) {
        return bound.containsKey(name);
    }

    /** Frees {@code binding}'s name (if it still owns it). */
    synchronized void unbind(InprocBinding binding) {
        bound.remove(binding.name(), binding);
    }

    /** Connects {@code dialer} to the socket bound at its name, or lets it wait for one. */
    void dial(InprocDialer dialer) {
        InprocBinding binding;
        synchronized (this) {
            binding = bound.get(dialer.name());
            if (binding == null) {
                waiting.computeIfAbsent(dialer.name(), n -> new LinkedHashSet<>()).add(dialer);
                return;
            }
        }
        binding.accept(dialer);
    }

    /** {@code dialer} no longer waits. */
    synchronized void forget(InprocDialer dialer) {
        Set<InprocDialer> w = waiting.get(dialer.name());
        if (w != null && w.remove(dialer) && w.isEmpty()) {
            waiting.remove(dialer.name());
        }
    }
}
