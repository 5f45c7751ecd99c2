package io.jzmtp.interop;

/** Which side of a scenario binds; the other connects. Every scenario runs both ways. */
enum Binder {
    /** Our jzmtp socket binds, their socket connects. */
    OURS("we bind, they connect"),
    /** Their socket binds, our jzmtp socket connects. */
    THEIRS("they bind, we connect");

    private final String label;

    Binder(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
