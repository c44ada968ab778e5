package io.loomcql.it.harness;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses what runs a requested cluster, in this order: an external cluster when
 * CASSANDRA_CONTACT_POINTS is set; a Testcontainers container for a plain single node when a Docker
 * engine answers; otherwise nodes forked by the harness. {@code -Dloomcql.it.backend=forked}
 * (or {@code docker}) skips the choice; the default is {@code auto}.
 */
final class ClusterBackends {

    static final String BACKEND_PROPERTY = "loomcql.it.backend";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBackends.class);

    private final Optional<TestCluster> external;
    private final String backend;

    ClusterBackends() {
        this.external = ExternalCluster.fromEnvironment(System.getenv()).map(TestCluster.class::cast);
        this.backend = System.getProperty(BACKEND_PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        external.ifPresent(cluster -> LOG.info("Cassandra backend: {}; every test class uses it, whatever "
                + "cluster options it asks for", cluster.description()));
    }

    Optional<TestCluster> external() {
        return external;
    }

    TestCluster start(ClusterSpec spec, int slot) {
        if (useContainer(spec)) {
            LOG.info("Cassandra backend for {}: Testcontainers", spec);
            return ContainerCluster.start(spec);
        }
        CassandraCluster cluster = CassandraCluster.start(spec, slot);
        LOG.info("Cassandra backend for {}: {}", spec, cluster.description());
        return cluster;
    }

    private boolean useContainer(ClusterSpec spec) {
        switch (backend) {
            case "forked":
                return false;
            case "docker":
                if (!ContainerCluster.canServe(spec)) {
                    throw new IllegalStateException("-D" + BACKEND_PROPERTY + "=docker serves single nodes without "
                            + "extra yaml only, not " + spec);
                }
                return true;
            case "auto":
                break;
            default:
                throw new IllegalStateException("-D" + BACKEND_PROPERTY + "=" + backend
                        + " is not one of auto, forked, docker");
        }
        if (!ContainerCluster.canServe(spec)) {
            LOG.info("Not using Testcontainers for {}: it serves single nodes without extra yaml only", spec);
            return false;
        }
        DockerProbe.Result docker = DockerProbe.result();
        if (!docker.available()) {
            LOG.info("Not using Testcontainers: {}; forking Cassandra nodes instead", docker.reason());
        }
        return docker.available();
    }
}
