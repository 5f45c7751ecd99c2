package io.jzmtp.pipe;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.ZmtpVersion;

import java.util.Objects;

/**
 * What we know about the peer at the far end of a pipe once its handshake is complete.
 *
 * @param metadata      the properties the peer announced, plus {@code Peer-Address}
 * @param version       the ZMTP revision spoken on the connection
 * @param remoteAddress the peer's address as text (e.g. {@code 127.0.0.1:5555})
 */
public record PeerInfo(Metadata metadata, ZmtpVersion version, String remoteAddress) {

    public PeerInfo {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /** The peer's socket type, or an empty string when it announced none. */
    public String socketType() {
        return metadata.socketType().orElse("");
    }
}
