package io.jzmtp.msg;

/**
 * The one place that knows the shape of a subscription message (RFC 29): a single frame
 * {@code [1][prefix]} to subscribe or {@code [0][prefix]} to cancel. Publishers read it, subscribers write it.
 * The methods only read the messages they are given, which stay with the caller.
 */
public final class SubscriptionMessages {

    private SubscriptionMessages() {
    }

    /** The frame body for subscribing ({@code true}) or cancelling {@code prefix}. */
    public static byte[] body(boolean subscribe, byte[] prefix) {
        byte[] body = new byte[prefix.length + 1];
        body[0] = (byte) (subscribe ? 1 : 0);
        System.arraycopy(prefix, 0, body, 1, prefix.length);
        return body;
    }

    /** Whether {@code m} has that shape: one frame whose first byte is 0 or 1. */
    public static boolean isSubscription(Message m) {
        Frame first = m.first();
        return m.size() == 1 && first.size() >= 1 && first.byteAt(0) <= 1;
    }

    /** For a message that {@link #isSubscription}: whether it subscribes (else it cancels). */
    public static boolean subscribes(Message m) {
        return m.first().byteAt(0) == 1;
    }

    /** For a message that {@link #isSubscription}: the prefix, as a new array. */
    public static byte[] prefix(Message m) {
        byte[] body = m.first().toBytes();
        byte[] prefix = new byte[body.length - 1];
        System.arraycopy(body, 1, prefix, 0, prefix.length);
        return prefix;
    }
}
