package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.security.ZapReply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Who decides what the application sees of a peer: ZAP's grants win over what the peer announced about itself. */
class ZapCheckTest {

    private static Metadata.Property p(String name, String value) {
        return new Metadata.Property(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPeerCannotShadowWhatZapGrantedNorZapTheSocketTypeOrIdentity() {
        Metadata announced = Metadata.of(List.of(p("Socket-Type", "DEALER"), p("Identity", "me"),
                p("x-role", "admin"), p("User-Id", "root"), p("X-Colour", "blue")));
        ZapReply reply = new ZapReply(200, "OK", "alice", Map.of("X-Role", "guest", "Identity", "evil"));
        Metadata seen = ZapCheck.peerMetadata(announced, reply);
        assertEquals("alice", seen.get("User-Id").orElseThrow());
        assertEquals("guest", seen.get("X-Role").orElseThrow());
        assertEquals(1, seen.properties().stream().filter(x -> x.name().equalsIgnoreCase("X-Role")).count());
        assertEquals("me", seen.get("Identity").orElseThrow(), "the identity stays the handshake's");
        assertEquals(1, seen.properties().stream().filter(x -> x.name().equalsIgnoreCase("Identity")).count());
        assertEquals("DEALER", seen.socketType().orElseThrow());
        assertEquals("blue", seen.get("X-Colour").orElseThrow(), "what ZAP does not set stays");
    }

    @Test
    void withoutZapOnlyAClaimedUserIdGoes() {
        Metadata seen = ZapCheck.peerMetadata(Metadata.of(List.of(p("User-Id", "root"), p("X-A", "1"))), null);
        assertEquals(List.of(p("X-A", "1")), seen.properties());
    }

    @Test
    void zapReplyMetadataNamesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ZapReply(200, "OK", "u", Map.of("", "x")));
        assertThrows(IllegalArgumentException.class, () -> new ZapReply(200, "OK", "u", Map.of("n".repeat(256), "x")));
        assertThrows(IllegalArgumentException.class, () -> new ZapReply(200, "OK", "u", Map.of("caf\u00e9", "x")));
    }
}
