package io.jzmtp.examples;

import java.io.PrintStream;

/**
 * The shape every example program has besides its {@code main}: run once, print a short report to {@code out}, and
 * say whether every check held. The demo and the tests call examples through it.
 */
@FunctionalInterface
public interface Example {

    /** Runs the example, printing its report; returns {@code true} only if it verified its result. */
    boolean run(PrintStream out) throws Exception;
}
