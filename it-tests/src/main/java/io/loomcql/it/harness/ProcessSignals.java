package io.loomcql.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * POSIX signals Java has no API for. SIGTERM and SIGKILL go through {@link ProcessHandle}; SIGSTOP
 * and SIGCONT (a node that hangs without dying, then recovers) go through the kill command.
 */
final class ProcessSignals {

    private ProcessSignals() {
    }

    /** How long a stopped process may take until every one of its threads is stopped. */
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    /**
     * Sends SIGSTOP and returns once every thread of the process is stopped. {@code kill} returns when
     * the signal is queued; the group stop only reaches each thread when the kernel next schedules it,
     * which on a loaded machine can be many milliseconds later, and until then the node still answers.
     */
    static void stop(long pid) {
        send("STOP", pid);
        long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
        while (!allThreadsStopped(pid)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("pid " + pid + " still has running threads "
                        + STOP_DEADLINE.toSeconds() + " s after SIGSTOP");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** True when /proc shows every thread of {@code pid} stopped (state T or t), or the process gone. */
    static boolean allThreadsStopped(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        List<Path> threads;
        try (Stream<Path> listed = Files.list(tasks)) {
            threads = listed.toList();
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + tasks, e);
        }
        for (Path thread : threads) {
            String stat;
            try {
                stat = Files.readString(thread.resolve("stat"));
            } catch (NoSuchFileException exited) {
                continue;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + thread.resolve("stat"), e);
            }
            // "tid (comm) S ...": the command may hold spaces and parentheses, the state follows the last ')'.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state != 'T' && state != 't') {
                return false;
            }
        }
        return true;
    }

    static void resume(long pid) {
        send("CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid + " did not return");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes()).strip();
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + pid, e);
        }
    }
}
