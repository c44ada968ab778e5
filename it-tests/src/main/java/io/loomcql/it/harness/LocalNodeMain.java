package io.loomcql.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops one local node for bin/demo, outside any test: the node is detached (it outlives
 * this JVM and has a session of its own) and listens on the usual ports, 7000 and 9042.
 *
 * <pre>
 * start --dir DIR [--port 9042] [--address 127.0.0.1] [--storage-port 7000] [--timeout-seconds 180]
 * stop  --dir DIR
 * </pre>
 *
 * The node keeps its files in DIR (so data survives a stop) and its pid in DIR/pid.
 */
public final class LocalNodeMain {

    private static final String USAGE = """
            usage: LocalNodeMain start --dir DIR [--port 9042] [--address 127.0.0.1] [--storage-port 7000] [--timeout-seconds 180]
                   LocalNodeMain stop --dir DIR""";
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private LocalNodeMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (RuntimeException | IOException e) {
            System.err.println("LocalNodeMain: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 == 0) {
            System.err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String dir = options.get("--dir");
        if (dir == null) {
            System.err.println(USAGE);
            return 2;
        }
        Path directory = Path.of(dir).toAbsolutePath().normalize();
        return switch (args[0]) {
            case "start" -> start(directory, options);
            case "stop" -> stop(directory);
            default -> {
                System.err.println(USAGE);
                yield 2;
            }
        };
    }

    private static int start(Path directory, Map<String, String> options) throws IOException {
        Optional<ProcessHandle> running = runningNode(directory);
        if (running.isPresent()) {
            System.out.println("Cassandra is already running from " + directory + " (pid " + running.get().pid() + ")");
            return 0;
        }
        String address = options.getOrDefault("--address", "127.0.0.1");
        int nativePort = Integer.parseInt(options.getOrDefault("--port", "9042"));
        int storagePort = Integer.parseInt(options.getOrDefault("--storage-port", "7000"));
        long timeoutSeconds = Long.parseLong(options.getOrDefault("--timeout-seconds", "180"));

        NodeSpec spec = new NodeSpec("loomcql-local", 1, address, storagePort, nativePort, storagePort + 51,
                List.of(address + ":" + storagePort), Optional.empty(), "1g", List.of(), Map.of(), directory);
        CassandraNode node = new CassandraNode(spec, ServerJdk.find(), CassandraClasspath.locate(), true);
        node.start();
        try {
            node.awaitReady(Duration.ofSeconds(timeoutSeconds));
        } catch (RuntimeException e) {
            node.kill();
            throw e;
        }
        System.out.println("Cassandra is ready on " + address + ":" + nativePort + " (pid " + node.pid() + ", log "
                + spec.logFile() + ")");
        return 0;
    }

    private static int stop(Path directory) throws IOException {
        Optional<ProcessHandle> running = runningNode(directory);
        if (running.isEmpty()) {
            System.out.println("No Cassandra running from " + directory);
            Files.deleteIfExists(directory.resolve("pid"));
            return 0;
        }
        ProcessHandle node = running.get();
        node.destroy();
        try {
            node.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.destroyForcibly();
            node.onExit().join();
        }
        Files.deleteIfExists(directory.resolve("pid"));
        System.out.println("Stopped Cassandra (pid " + node.pid() + ")");
        return 0;
    }

    private static Optional<ProcessHandle> runningNode(Path directory) throws IOException {
        return NodePidFile.runningNode(directory.resolve("pid"), directory);
    }
}
