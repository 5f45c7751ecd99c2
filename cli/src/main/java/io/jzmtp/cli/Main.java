package io.jzmtp.cli;

import io.jzmtp.SocketInterruptedException;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code bin/jzmtp}: {@code TYPE [OPTIONS]} (netcat for ZeroMQ), {@code keygen}, {@code demo} and {@code bench}.
 * Expected failures end with one line on stderr and the documented {@link ExitStatus}, never a stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The library logs a dropped connection's reason through Netty's logger (java.util.logging here): one
        // "jzmtp: WARNING: …" line like every other note, instead of JUL's two-line default with a timestamp.
        System.setProperty("java.util.logging.SimpleFormatter.format", "jzmtp: %4$s: %5$s%6$s%n");
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        // Exit at once: Netty's global executor thread would otherwise keep the JVM up for another second.
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Console console = new Console(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), out,
                err);
        try {
            String first = args.length == 0 ? "" : args[0];
            switch (first) {
                case "-h", "--help", "help" -> {
                    out.print(Usage.text());
                    return ExitStatus.OK;
                }
                case "-V", "--version", "version" -> {
                    out.println(VersionInfo.line());
                    return ExitStatus.OK;
                }
                case "demo" -> {
                    if (args.length > 1) {
                        throw new UsageException("demo takes no arguments, got '" + args[1] + "'");
                    }
                    return Demo.run(out);
                }
                case "keygen" -> {
                    return Keygen.run(Arrays.copyOfRange(args, 1, args.length), out);
                }
                case "bench" -> {
                    return Bench.run(Arrays.copyOfRange(args, 1, args.length), out, err);
                }
                default -> {
                    if (Arrays.asList(args).contains("--help")) {
                        out.print(Usage.text());
                        return ExitStatus.OK;
                    }
                    return Session.run(CommandLine.parse(args), console);
                }
            }
        } catch (UsageException e) {
            console.note(e.getMessage());
            console.note("run 'jzmtp --help' for usage");
            return ExitStatus.USAGE;
        } catch (CliFailure e) {
            console.note(e.getMessage());
            return e.status();
        } catch (InterruptedException | SocketInterruptedException e) {
            console.note("interrupted");
            return ExitStatus.FAILURE;
        } catch (Exception e) {
            console.note("failed: " + e);
            if (System.getenv("JZMTP_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return ExitStatus.FAILURE;
        }
    }
}
