package io.jzmtp.socket;

import io.jzmtp.SocketOption;

import java.util.HashMap;
import java.util.Map;

/** Pattern options for unit tests: defaults until set, and changes apply at once, as on a real socket. */
final class MutableOptions implements PatternOptions {

    private final Map<SocketOption<?>, Object> values = new HashMap<>();

    <T> MutableOptions set(SocketOption<T> option, T value) {
        values.put(option, value);
        return this;
    }

    @Override
    public <T> T get(SocketOption<T> option) {
        Object v = values.get(option);
        return v == null ? option.defaultValue() : option.type().cast(v);
    }
}
