package io.loomcql.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDK that runs the Cassandra server: 11 or 17. Cassandra 5.0 does not start on 21+, while
 * the driver and its tests need 21+, so the harness always forks the server with a JDK of its own.
 *
 * <p>Found from {@code CASSANDRA_JAVA_HOME}, else by reading the {@code release} file of every
 * JDK under /usr/lib/jvm (17 preferred over 11).
 */
public record ServerJdk(Path home, int featureVersion) {

    static final String ENV_VARIABLE = "CASSANDRA_JAVA_HOME";
    static final Path DEFAULT_JVM_ROOT = Path.of("/usr/lib/jvm");
    private static final List<Integer> PREFERRED_VERSIONS = List.of(17, 11);

    public static ServerJdk find() {
        return find(System.getenv(), DEFAULT_JVM_ROOT);
    }

    static ServerJdk find(Map<String, String> env, Path jvmRoot) {
        String configured = env.get(ENV_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return fromConfiguredHome(Path.of(configured));
        }
        return scan(jvmRoot).orElseThrow(() -> new IllegalStateException(
                "No JDK 11 or 17 found to run Cassandra 5.0 (it does not run on JDK 21+). Install one, e.g. "
                        + "`apt-get install -y openjdk-17-jdk-headless`, or set " + ENV_VARIABLE
                        + " to the home of a JDK 11 or 17. Looked in " + jvmRoot + "."));
    }

    public Path javaExecutable() {
        return home.resolve("bin").resolve("java");
    }

    /** The flags of Cassandra's conf/jvm{11,17}-server.options for this JDK. */
    public List<String> serverJvmFlags() {
        return featureVersion == 11 ? ServerJvmFlags.JDK_11 : ServerJvmFlags.JDK_17;
    }

    private static ServerJdk fromConfiguredHome(Path home) {
        int version = featureVersionOf(home).orElseThrow(() -> new IllegalStateException(
                ENV_VARIABLE + "=" + home + " is not a JDK home (no readable release file with JAVA_VERSION)."));
        if (!PREFERRED_VERSIONS.contains(version)) {
            throw new IllegalStateException(ENV_VARIABLE + "=" + home + " is JDK " + version
                    + "; Cassandra 5.0 needs JDK 11 or 17 (e.g. `apt-get install -y openjdk-17-jdk-headless`).");
        }
        return new ServerJdk(home, version);
    }

    private static Optional<ServerJdk> scan(Path jvmRoot) {
        if (!Files.isDirectory(jvmRoot)) {
            return Optional.empty();
        }
        List<ServerJdk> candidates = new ArrayList<>();
        try (Stream<Path> homes = Files.list(jvmRoot)) {
            // Sorted so that the same machine always yields the same JDK.
            homes.sorted().forEach(home -> featureVersionOf(home)
                    .filter(PREFERRED_VERSIONS::contains)
                    .filter(version -> Files.isExecutable(home.resolve("bin/java")))
                    .ifPresent(version -> candidates.add(new ServerJdk(home, version))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + jvmRoot, e);
        }
        return candidates.stream().min(Comparator.comparingInt(jdk -> PREFERRED_VERSIONS.indexOf(jdk.featureVersion)));
    }

    /** JAVA_VERSION="17.0.16" gives 17; "1.8.0_402" gives 8. */
    static Optional<Integer> featureVersionOf(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = version.split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return Optional.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
