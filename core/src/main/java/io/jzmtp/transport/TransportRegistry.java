package io.jzmtp.transport;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The transports on the class path, by scheme, found once with {@link ServiceLoader}. */
public final class TransportRegistry {

    private static final Map<String, Transport> TRANSPORTS = load();

    private TransportRegistry() {
    }

    /**
     * Parses a full endpoint string with the transport its scheme names.
     *
     * @throws IllegalArgumentException quoting the endpoint when it is malformed or names no available transport
     */
    public static Endpoint parse(String endpoint) {
        return transport(endpoint).parse(endpoint);
    }

    /** The transport serving {@code endpoint}'s scheme. */
    public static Transport transport(String endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is null");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint
                    + "': expected transport://address, e.g. tcp://127.0.0.1:5555");
        }
        String scheme = endpoint.substring(0, sep);
        Transport t = TRANSPORTS.get(scheme);
        if (t == null) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': unsupported transport '"
                    + scheme + "' (available: " + String.join(", ", TRANSPORTS.keySet()) + ")");
        }
        return t;
    }

    private static Map<String, Transport> load() {
        Map<String, Transport> m = new TreeMap<>();
        for (Transport t : ServiceLoader.load(Transport.class, TransportRegistry.class.getClassLoader())) {
            m.putIfAbsent(t.scheme(), t);
        }
        return Map.copyOf(m);
    }
}
