package io.loomcql.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pid file a node leaves in its directory, and the check that the pid still names that node:
 * a pid may be reused by another process after a reboot or a long time.
 */
final class NodePidFile {

    private NodePidFile() {
    }

    static void write(Path pidFile, long pid) throws IOException {
        Files.writeString(pidFile, pid + "\n");
    }

    /** The live Cassandra JVM whose pid {@code pidFile} holds and whose command line names {@code directory}. */
    static Optional<ProcessHandle> runningNode(Path pidFile, Path directory) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> commandLine(handle).map(line -> line.contains("CassandraDaemon")
                        && line.contains(directory.toString())).orElse(false));
    }

    /**
     * ProcessHandle.Info cuts command lines at 4096 bytes, before the main class of a JVM with a
     * long class path; /proc has all of it.
     */
    private static Optional<String> commandLine(ProcessHandle process) {
        Path procCmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            return Optional.of(new String(Files.readAllBytes(procCmdline), StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return process.info().commandLine();
        }
    }
}
