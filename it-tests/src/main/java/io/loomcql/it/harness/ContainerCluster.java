package io.loomcql.it.harness;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single node in a Testcontainers container, for machines with a Docker engine. Used only for
 * single-node requests without extra yaml; the image's own cassandra.yaml gets the features the
 * forked nodes have (UDFs, views, SASI), and system properties go in through JVM_EXTRA_OPTS.
 * Faults (kill, pause, restart) are not offered: tests that need them are skipped.
 */
final class ContainerCluster implements TestCluster, AutoCloseable {

    static final String IMAGE_PROPERTY = "loomcql.it.docker.image";
    private static final String DEFAULT_IMAGE = "cassandra:5.0.6";
    private static final String ENABLE_FEATURES = "sed -i -E "
            + "'s/^(user_defined_functions_enabled|materialized_views_enabled|sasi_indexes_enabled):.*/\\1: true/' "
            + "/etc/cassandra/cassandra.yaml && exec docker-entrypoint.sh cassandra -f";

    private final CassandraContainer container;
    private final ContainerNode node;

    private ContainerCluster(CassandraContainer container) {
        this.container = container;
        InetSocketAddress contactPoint = container.getContactPoint();
        this.node = new ContainerNode(contactPoint.getHostString(), contactPoint.getPort());
    }

    static boolean canServe(ClusterSpec spec) {
        return spec.nodes() == 1 && spec.yaml().isEmpty();
    }

    static ContainerCluster start(ClusterSpec spec) {
        DockerImageName image = DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))
                .asCompatibleSubstituteFor("cassandra");
        String extraOptions = spec.systemProperties().entrySet().stream()
                .map(entry -> "-D" + entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
        String heap = spec.effectiveHeap().toUpperCase(Locale.ROOT);
        CassandraContainer container = new CassandraContainer(image)
                .withEnv("JVM_EXTRA_OPTS", extraOptions)
                .withEnv("MAX_HEAP_SIZE", heap)
                .withCommand("bash", "-c", ENABLE_FEATURES);
        container.start();
        return new ContainerCluster(container);
    }

    @Override
    public List<InetSocketAddress> contactPoints() {
        return List.of(node.contactPoint());
    }

    @Override
    public int port() {
        return node.nativePort();
    }

    @Override
    public List<ContainerNode> nodes() {
        return List.of(node);
    }

    @Override
    public String localDataCenter() {
        return "datacenter1";
    }

    @Override
    public String description() {
        return "Testcontainers " + container.getDockerImageName() + " at " + node.address() + ":" + node.nativePort();
    }

    @Override
    public void close() {
        container.stop();
    }

    record ContainerNode(String address, int nativePort) implements TestNode {

        @Override
        public int number() {
            return 1;
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public void stop() {
            throw unsupported("stop");
        }

        @Override
        public void kill() {
            throw unsupported("kill");
        }

        @Override
        public void pause() {
            throw unsupported("pause");
        }

        @Override
        public void resume() {
            throw unsupported("resume");
        }

        @Override
        public void restart() {
            throw unsupported("restart");
        }

        private static TestAbortedException unsupported(String action) {
            return new TestAbortedException("Cannot " + action + " a Testcontainers node; run with "
                    + "-Dloomcql.it.backend=forked for node faults.");
        }
    }
}
