package io.jzmtp.socket;

import io.jzmtp.SocketOption;

import java.util.HashMap;
import java.util.Map;

/**
 * Pattern options for unit tests: defaults until set, and changes apply at once, as on a real socket, whose
 * {@code set} tells its pattern ({@link Pattern#optionsChanged()}); here the pattern given to {@link #of} is told.
 */
final class MutableOptions implements PatternOptions {

    private final Map<SocketOption<?>, Object> values = new HashMap<>();
    private Pattern pattern;

    /** {@code pattern}, made with these options, hears of every later change. Returns it. */
    <P extends Pattern> P of(P pattern) {
        this.pattern = pattern;
        return pattern;
    }

    <T> MutableOptions set(SocketOption<T> option, T value) {
        values.put(option, value);
        if (pattern != null) {
            pattern.optionsChanged();
        }
        return this;
    }

    @Override
    public <T> T get(SocketOption<T> option) {
        Object v = values.get(option);
        return v == null ? option.defaultValue() : option.type().cast(v);
    }
}
