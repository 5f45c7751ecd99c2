package io.jzmtp.cli;

import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The option parser: every option lands where the session reads it, and each mistake is named. */
class CommandLineTest {

    @Test
    void everyTypeIsKnownByItsLowerCaseName() {
        for (SocketType type : SocketType.values()) {
            Invocation inv = CommandLine.parse(new String[] {type.name().toLowerCase(), "--connect", "tcp://h:1"});
            assertEquals(type, inv.type());
        }
    }

    @Test
    void repeatableOptionsKeepTheirOrder() {
        Invocation inv = CommandLine.parse(new String[] {"sub", "--bind", "tcp://*:1", "--connect", "tcp://a:2",
            "--connect=tcp://b:3", "--subscribe", "x", "--subscribe", ""});
        assertEquals(List.of("tcp://*:1"), inv.binds());
        assertEquals(List.of("tcp://a:2", "tcp://b:3"), inv.connects());
        assertEquals(List.of("x", ""), inv.subscriptions());
    }

    @Test
    void behaviourOptionsAreRead() {
        Invocation inv = CommandLine.parse(new String[] {"rep", "--bind", "tcp://*:1", "--count", "7", "--timeout",
            "250", "--delimiter", "\\t|", "--hex", "--quiet", "--reply", "00", "--verbose"});
        assertEquals(7, inv.count());
        assertEquals(Duration.ofMillis(250), inv.timeout());
        assertEquals("\t|", inv.format().delimiter());
        assertTrue(inv.format().isHex());
        assertTrue(inv.quiet());
        assertEquals("00", inv.reply());
        assertTrue(inv.verbose());
    }

    @Test
    void intervalAndLimitsForSenders() {
        Invocation inv = CommandLine.parse(new String[] {"push", "--connect", "tcp://h:1", "--interval", "25",
            "--count", "3"});
        assertEquals(Duration.ofMillis(25), inv.interval());
        assertTrue(inv.wantsMore(2));
        assertFalse(inv.wantsMore(3));
        assertTrue(CommandLine.parse(new String[] {"push", "--connect", "tcp://h:1"}).wantsMore(Long.MAX_VALUE - 1),
                "no --count: no limit");
    }

    @Test
    void defaultsAreTabTextForeverAndNoLimit() {
        Invocation inv = CommandLine.parse(new String[] {"pull", "--bind", "tcp://*:1"});
        assertEquals(0, inv.count());
        assertNull(inv.timeout());
        assertEquals("\t", inv.format().delimiter());
        assertEquals(Duration.ZERO, inv.interval());
        assertEquals(List.of(), inv.settings());
    }

    @Test
    void socketOptionsBecomeTypedSettingsInCommandLineOrder() {
        Invocation inv = CommandLine.parse(new String[] {"dealer", "--connect", "tcp://h:1", "--identity", "me",
            "--heartbeat-ivl", "200", "--reconnect-ivl", "-1", "--linger", "-1", "--sndhwm", "5", "--maxmsgsize",
            "-1", "--handshake-ivl", "750"});
        List<Invocation.SocketSetting<?>> s = inv.settings();
        assertEquals(List.of(SocketOption.ROUTING_ID, SocketOption.HEARTBEAT_IVL, SocketOption.RECONNECT_IVL,
                SocketOption.LINGER, SocketOption.SNDHWM, SocketOption.MAXMSGSIZE, SocketOption.HANDSHAKE_IVL),
                s.stream().map(Invocation.SocketSetting::option).toList());
        assertEquals("me", new String((byte[]) s.get(0).value()));
        assertEquals(Duration.ofMillis(200), s.get(1).value());
        assertEquals(SocketOption.INFINITE, s.get(2).value());
        assertEquals(SocketOption.INFINITE, s.get(3).value());
        assertEquals(5, s.get(4).value());
        assertEquals(-1L, ((Number) s.get(5).value()).longValue());
        assertEquals(Duration.ofMillis(750), s.get(6).value());
    }

    @Test
    void optionsForOtherTypesAreRefusedByName() {
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLine.parse(new String[] {"push", "--connect", "tcp://h:1", "--quiet"}));
        assertTrue(e.getMessage().startsWith("--quiet does not apply to push"), e.getMessage());
        e = assertThrows(UsageException.class,
                () -> CommandLine.parse(new String[] {"req", "--connect", "tcp://h:1", "--echo"}));
        assertEquals("--echo does not apply to req (only to rep router)", e.getMessage());
    }

    @Test
    void negativeDurationsAreRefusedWhereMinusOneMeansNothing() {
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLine.parse(new String[] {"sub", "--connect", "tcp://h:1", "--heartbeat-ivl", "-1"}));
        assertEquals("--heartbeat-ivl must not be negative, got '-1'", e.getMessage());
        e = assertThrows(UsageException.class,
                () -> CommandLine.parse(new String[] {"sub", "--connect", "tcp://h:1", "--linger", "-2"}));
        assertEquals("--linger must be -1 or more, got '-2'", e.getMessage());
    }
}
