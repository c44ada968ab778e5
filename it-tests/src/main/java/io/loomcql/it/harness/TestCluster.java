package io.loomcql.it.harness;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A running Cassandra cluster as a test sees it, whichever backend runs it: nodes forked by this
 * harness, a Testcontainers container, or an external cluster named by CASSANDRA_CONTACT_POINTS.
 * Shared between test classes that ask for the same options: a test that stops, kills or pauses a
 * node must bring it back ({@link TestNode#restart()}, {@link TestNode#resume()}); the harness
 * also restarts stopped nodes before handing the cluster to the next test class.
 */
public interface TestCluster {

    /** One address per node, all on {@link #port()}. */
    List<InetSocketAddress> contactPoints();

    /** The CQL (native transport) port, the same on every node. */
    int port();

    List<? extends TestNode> nodes();

    /** 1-based, as in node names: {@code node(1)} is the first (seed) node. */
    default TestNode node(int number) {
        List<? extends TestNode> nodes = nodes();
        if (number < 1 || number > nodes.size()) {
            throw new IllegalArgumentException("Node numbers are 1-based; this cluster has nodes 1.."
                    + nodes.size() + ", not " + number);
        }
        return nodes.get(number - 1);
    }

    /** The data center of node 1: "datacenter1" for a single-DC cluster, "dc1" for a multi-DC one. */
    String localDataCenter();

    /** Which backend runs the cluster, for logs and messages. */
    String description();
}
