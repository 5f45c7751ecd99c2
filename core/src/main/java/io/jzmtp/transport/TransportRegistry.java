package io.jzmtp.transport;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The transports one {@code Context} uses, by scheme. Each registry holds instances of its own, found with
 * {@link ServiceLoader} when it is made, so a transport whose names live in one Context (inproc) keeps them in its
 * instance and two Contexts never see each other's names; a transport may also be added by the Context itself.
 * Thread-safe once built.
 */
public final class TransportRegistry {

    private final Map<String, Transport> transports;

    private TransportRegistry(Map<String, Transport> transports) {
        this.transports = Map.copyOf(transports);
    }

    /** A registry with a fresh instance of every transport on the class path (or module path). */
    public static TransportRegistry discover() {
        Map<String, Transport> m = new TreeMap<>();
        for (Transport t : ServiceLoader.load(Transport.class, TransportRegistry.class.getClassLoader())) {
            m.putIfAbsent(t.scheme(), t);
        }
        return new TransportRegistry(m);
    }

    /** This registry plus {@code transport}, which replaces any with the same scheme. */
    public TransportRegistry with(Transport transport) {
        Map<String, Transport> m = new TreeMap<>(transports);
        m.put(transport.scheme(), transport);
        return new TransportRegistry(m);
    }

    /**
     * Parses a full endpoint string with the transport its scheme names.
     *
     * @throws IllegalArgumentException quoting the endpoint when it is malformed or names no available transport
     */
    public Endpoint parse(String endpoint) {
        return transport(endpoint).parse(endpoint);
    }

    /** The transport serving {@code endpoint}'s scheme. */
    public Transport transport(String endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is null");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint
                    + "': expected transport://address, e.g. tcp://127.0.0.1:5555");
        }
        String scheme = endpoint.substring(0, sep);
        Transport t = transports.get(scheme);
        if (t == null) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': unsupported transport '"
                    + scheme + "' (available: " + String.join(", ", new TreeMap<>(transports).keySet()) + ")");
        }
        return t;
    }
}
