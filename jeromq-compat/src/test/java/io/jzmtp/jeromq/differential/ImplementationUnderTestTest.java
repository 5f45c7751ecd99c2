package io.jzmtp.jeromq.differential;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the differential runs themselves: each must really load the {@code org.zeromq} it claims to test (JeroMQ's
 * jar, or the drop-in), or a green run would prove nothing. The build names the implementation in
 * {@code differential.implementation}; without it (the drop-in module's own run) the drop-in is expected.
 */
class ImplementationUnderTestTest {

    @Test
    void theClassPathHoldsTheImplementationTheRunIsFor() {
        String expected = System.getProperty("differential.implementation", "jzmtp-jeromq");
        String location = ZMQ.class.getProtectionDomain().getCodeSource().getLocation().toString();
        if (expected.equals("jeromq")) {
            assertTrue(location.endsWith("jeromq-0.6.0.jar"), "expected JeroMQ 0.6.0's jar, loaded " + location);
        } else {
            assertTrue(location.contains("jeromq-compat") || location.contains("jzmtp-jeromq"),
                    "expected the drop-in, loaded " + location);
        }
    }

    @Test
    void inlinedConstantsHaveJeromqsValues() {
        // javac copied these into this class file when it compiled it; the loaded ZMQ must agree at run time
        assertEquals(1, readAtRunTime("DONTWAIT"));
        assertEquals(2, readAtRunTime("SNDMORE"));
        assertEquals(ZMQ.DONTWAIT, readAtRunTime("DONTWAIT"));
        assertEquals(ZMQ.EVENT_ALL, readAtRunTime("EVENT_ALL"));
        assertEquals(ZMQ.HANDSHAKE_FAILED_AUTH, readAtRunTime("HANDSHAKE_FAILED_AUTH"));
        assertEquals(ZMQ.XSUB, readAtRunTime("XSUB"));
        assertEquals(156384765, ZMQ.Error.ETERM.getCode());
        assertEquals(35, ZMQ.Error.EAGAIN.getCode());
        assertEquals(65, ZMQ.Error.EHOSTUNREACH.getCode());
    }

    /** A constant of the loaded ZMQ read by reflection, so not the value javac inlined. */
    private static int readAtRunTime(String name) {
        try {
            return ZMQ.class.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("ZMQ." + name + " is missing", e);
        }
    }
}
