package io.loomcql.it.harness;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * A cluster the harness does not own, named by {@code CASSANDRA_CONTACT_POINTS} (comma-separated
 * hosts) and {@code CASSANDRA_PORT} (default 9042); {@code CASSANDRA_LOCAL_DC} names its local data
 * center (default datacenter1). Its nodes cannot be stopped, killed or paused: tests that try are
 * skipped.
 */
final class ExternalCluster implements TestCluster {

    static final String CONTACT_POINTS_ENV = "CASSANDRA_CONTACT_POINTS";
    static final String PORT_ENV = "CASSANDRA_PORT";
    static final String LOCAL_DC_ENV = "CASSANDRA_LOCAL_DC";

    private final List<ExternalNode> nodes;
    private final int port;
    private final String localDataCenter;

    private ExternalCluster(List<String> hosts, int port, String localDataCenter) {
        List<ExternalNode> external = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            external.add(new ExternalNode(i + 1, hosts.get(i), port));
        }
        this.nodes = List.copyOf(external);
        this.port = port;
        this.localDataCenter = localDataCenter;
    }

    /** Present when CASSANDRA_CONTACT_POINTS is set. */
    static Optional<ExternalCluster> fromEnvironment(Map<String, String> env) {
        String contactPoints = env.get(CONTACT_POINTS_ENV);
        if (contactPoints == null || contactPoints.isBlank()) {
            return Optional.empty();
        }
        List<String> hosts = Arrays.stream(contactPoints.split(","))
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .toList();
        String port = env.getOrDefault(PORT_ENV, "9042").strip();
        String localDc = env.getOrDefault(LOCAL_DC_ENV, "datacenter1").strip();
        return Optional.of(new ExternalCluster(hosts, Integer.parseInt(port), localDc));
    }

    @Override
    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().map(TestNode::contactPoint).toList();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<ExternalNode> nodes() {
        return nodes;
    }

    @Override
    public String localDataCenter() {
        return localDataCenter;
    }

    @Override
    public String description() {
        return "external cluster at " + nodes.stream().map(ExternalNode::address).toList() + ":" + port
                + " (from " + CONTACT_POINTS_ENV + ")";
    }

    /** A node the harness only knows the address of. */
    record ExternalNode(int number, String address, int nativePort) implements TestNode {

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public void stop() {
            throw notOwned("stop");
        }

        @Override
        public void kill() {
            throw notOwned("kill");
        }

        @Override
        public void pause() {
            throw notOwned("pause");
        }

        @Override
        public void resume() {
            throw notOwned("resume");
        }

        @Override
        public void restart() {
            throw notOwned("restart");
        }

        private TestAbortedException notOwned(String action) {
            return new TestAbortedException("Cannot " + action + " node " + address + " of an external cluster ("
                    + CONTACT_POINTS_ENV + " is set); unset it to run this test on forked nodes.");
        }
    }
}
