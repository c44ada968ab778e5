package io.loomcql.it.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that makes one node what it is: where it listens, where it keeps its files, and the
 * configuration a test asked for. Immutable; a restarted node reuses its spec.
 *
 * @param number 1-based; node N of a cluster listens on 127.0.0.N
 * @param dataCenter empty for a single-DC cluster (SimpleSnitch: datacenter1 / rack1)
 * @param heap a JVM size such as "1g" or "512m", used for both -Xms and -Xmx
 * @param extraYaml lines appended to cassandra.yaml as they are
 * @param systemProperties extra -D properties of the server JVM
 */
public record NodeSpec(
        String clusterName,
        int number,
        String address,
        int storagePort,
        int nativePort,
        int jmxPort,
        List<String> seeds,
        Optional<String> dataCenter,
        String heap,
        List<String> extraYaml,
        Map<String, String> systemProperties,
        Path directory) {

    public NodeSpec {
        seeds = List.copyOf(seeds);
        extraYaml = List.copyOf(extraYaml);
        systemProperties = Map.copyOf(systemProperties);
    }

    public String name() {
        return clusterName + "/node" + number;
    }

    public Path confDirectory() {
        return directory.resolve("conf");
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public Path logFile() {
        return directory.resolve("node.log");
    }

    public Path pidFile() {
        return directory.resolve("pid");
    }
}
