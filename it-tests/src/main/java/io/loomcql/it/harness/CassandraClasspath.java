package io.loomcql.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The class path of the Cassandra server, as written by the cassandra-server module's build
 * (target/cassandra.classpath). Reading it from a file keeps the server's jars off the class path
 * of the tests themselves.
 */
public record CassandraClasspath(Path file, List<Path> entries) {

    public static final String FILE_PROPERTY = "loomcql.cassandra.classpath.file";
    private static final Path RELATIVE_FILE = Path.of("cassandra-server", "target", "cassandra.classpath");

    /** From the system property, else from cassandra-server/target beside or above the working directory. */
    public static CassandraClasspath locate() {
        String configured = System.getProperty(FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw missing("-D" + FILE_PROPERTY + " points to " + file + ", which does not exist.");
            }
            return read(file);
        }
        return searchFrom(Path.of("").toAbsolutePath())
                .map(CassandraClasspath::read)
                .orElseThrow(() -> missing("No cassandra-server/target/cassandra.classpath found from "
                        + Path.of("").toAbsolutePath() + " or its parents, and -D" + FILE_PROPERTY + " is not set."));
    }

    static CassandraClasspath read(Path file) {
        try {
            String content = Files.readString(file).strip();
            List<Path> entries = Arrays.stream(content.split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .map(Path::of)
                    .toList();
            if (entries.isEmpty()) {
                throw missing(file + " is empty.");
            }
            return new CassandraClasspath(file, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Cassandra measures object sizes with jamm, which must be loaded as a java agent. */
    public Path jammJar() {
        return entries.stream()
                .filter(entry -> entry.getFileName().toString().matches("jamm-.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No jamm jar on the Cassandra class path in " + file));
    }

    public String asArgument() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static Optional<Path> searchFrom(Path start) {
        // Covers both the it-tests directory (surefire's working directory) and the repository root.
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_FILE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException missing(String why) {
        return new IllegalStateException(why + " Build it first: `mvn -pl cassandra-server -am install` "
                + "from the repository root.");
    }
}
