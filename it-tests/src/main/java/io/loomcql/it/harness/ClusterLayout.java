package io.loomcql.it.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link ClusterSpec} into node specs: node N on 127.0.0.N, and ports chosen by the
 * cluster's slot so that clusters in one JVM never collide. Slot 0, the shared single node, uses
 * storage port 17000 and CQL port 19042; slot k adds 100 * k (a 3-node cluster in slot 1: 17100
 * and 19142). JMX ports are per node: storage port + 50 + N. Stays clear of 7000/9042, which
 * belong to bin/demo's node or to a Cassandra the developer runs. {@code -Dloomcql.it.portOffset=N}
 * adds N to every port, so that two test runs (two checkouts of the repository) can share the machine.
 */
final class ClusterLayout {

    static final int BASE_STORAGE_PORT = 17000;
    static final int BASE_NATIVE_PORT = 19042;
    static final int PORTS_PER_SLOT = 100;
    private static final int MAX_NODES = 49;
    static final String PORT_OFFSET_PROPERTY = "loomcql.it.portOffset";

    private ClusterLayout() {
    }

    static List<NodeSpec> nodes(ClusterSpec cluster, int slot, Path clusterDirectory) {
        return nodes(cluster, slot, portOffset(), clusterDirectory);
    }

    static List<NodeSpec> nodes(ClusterSpec cluster, int slot, int portOffset, Path clusterDirectory) {
        return nodes(cluster, "loomcql-" + cluster.shape() + "-" + slot,
                portOffset + BASE_STORAGE_PORT + PORTS_PER_SLOT * slot,
                portOffset + BASE_NATIVE_PORT + PORTS_PER_SLOT * slot, clusterDirectory);
    }

    /** What {@code -Dloomcql.it.portOffset} adds to every port (0 when unset or blank). */
    static int portOffset() {
        String configured = System.getProperty(PORT_OFFSET_PROPERTY, "").strip();
        return configured.isEmpty() ? 0 : Integer.parseInt(configured);
    }

    static List<NodeSpec> nodes(ClusterSpec cluster, String clusterName, int storagePort, int nativePort,
                                Path clusterDirectory) {
        if (cluster.nodes() > MAX_NODES) {
            throw new IllegalArgumentException("At most " + MAX_NODES + " nodes per cluster");
        }
        List<String> seeds = new ArrayList<>();
        for (int dc = 0; dc < cluster.dataCenters(); dc++) {
            // The first node of each data center is a seed.
            seeds.add(address(dc * cluster.nodesPerDataCenter() + 1) + ":" + storagePort);
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (int number = 1; number <= cluster.nodes(); number++) {
            Optional<String> dataCenter = cluster.dataCenters() == 1
                    ? Optional.empty()
                    : Optional.of("dc" + ((number - 1) / cluster.nodesPerDataCenter() + 1));
            nodes.add(new NodeSpec(clusterName, number, address(number), storagePort, nativePort,
                    storagePort + 50 + number, seeds, dataCenter, cluster.effectiveHeap(), cluster.yaml(),
                    cluster.systemProperties(), clusterDirectory.resolve("node" + number)));
        }
        return nodes;
    }

    static String address(int nodeNumber) {
        return "127.0.0." + nodeNumber;
    }
}
