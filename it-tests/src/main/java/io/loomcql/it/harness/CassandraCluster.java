package io.loomcql.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes forked by this harness, forming one cluster on 127.0.0.1..N (see {@link ClusterLayout}
 * for the ports). Nodes start one after another, seed first, each waiting for the previous one to
 * take CQL clients: two cores do not start nodes faster side by side, and a node joins more
 * reliably once its seed is up. The cluster is handed out once every node sees every other UP.
 */
public final class CassandraCluster implements TestCluster, AutoCloseable {

    public static final String NODES_DIRECTORY_PROPERTY = "loomcql.cassandra.nodes.dir";
    private static final Logger LOG = LoggerFactory.getLogger(CassandraCluster.class);

    private final ClusterSpec spec;
    private final Path directory;
    private final List<CassandraNode> nodes;

    private CassandraCluster(ClusterSpec spec, Path directory, List<CassandraNode> nodes) {
        this.spec = spec;
        this.directory = directory;
        this.nodes = nodes;
    }

    /**
     * Starts a cluster in {@code slot} (which fixes its ports) with fresh files under
     * {@link #nodesDirectory()}, and returns once every node takes CQL clients. On failure the nodes
     * already started are killed.
     */
    public static CassandraCluster start(ClusterSpec spec, int slot) {
        Path directory = nodesDirectory().resolve("cluster" + slot + "-" + spec.shape());
        return start(spec, ClusterLayout.nodes(spec, slot, directory), directory);
    }

    static CassandraCluster start(ClusterSpec spec, List<NodeSpec> nodeSpecs, Path directory) {
        ServerJdk jdk = ServerJdk.find();
        CassandraClasspath classpath = CassandraClasspath.locate();
        for (NodeSpec node : nodeSpecs) {
            killLeftoverOfEarlierRun(node);
        }
        deleteRecursively(directory);
        List<CassandraNode> nodes = nodeSpecs.stream()
                .map(node -> new CassandraNode(node, jdk, classpath, false))
                .toList();
        nodes.forEach(node -> node.joinedWith(nodes));
        CassandraCluster cluster = new CassandraCluster(spec, directory, nodes);
        LOG.info("Starting {} in {} with JDK {} ({})", cluster.description(), directory, jdk.featureVersion(),
                jdk.home());
        long begin = System.nanoTime();
        try {
            for (CassandraNode node : nodes) {
                node.start();
                node.awaitReady(CassandraNode.DEFAULT_START_TIMEOUT);
            }
            GossipSightings.await(GossipSightings.allPairs(nodes), GossipSightings.TIMEOUT);
            PeerTables.await(nodes, nodes.size(), GossipSightings.TIMEOUT);
        } catch (RuntimeException e) {
            nodes.forEach(CassandraNode::kill);
            throw e;
        }
        LOG.info("{} is up after {} s", cluster.description(), (System.nanoTime() - begin) / 1_000_000_000);
        return cluster;
    }

    /** From -Dloomcql.cassandra.nodes.dir (set by the it-tests build), else target/cassandra-nodes. */
    public static Path nodesDirectory() {
        String configured = System.getProperty(NODES_DIRECTORY_PROPERTY);
        Path directory = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("target", "cassandra-nodes");
        return directory.toAbsolutePath().normalize();
    }

    public ClusterSpec spec() {
        return spec;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public List<CassandraNode> nodes() {
        return nodes;
    }

    @Override
    public CassandraNode node(int number) {
        return (CassandraNode) TestCluster.super.node(number);
    }

    @Override
    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().map(CassandraNode::contactPoint).toList();
    }

    @Override
    public int port() {
        return nodes.getFirst().nativePort();
    }

    @Override
    public String localDataCenter() {
        return nodes.getFirst().spec().dataCenter().orElse("datacenter1");
    }

    @Override
    public String description() {
        return "forked Cassandra cluster of " + spec.nodes() + " node(s) in " + spec.dataCenters()
                + " DC(s) on " + nodes.getFirst().address() + ".." + nodes.getLast().address() + ":" + port();
    }

    /** Resumes paused nodes and restarts stopped or killed ones, so the next test gets a whole cluster. */
    public void heal() {
        for (CassandraNode node : nodes) {
            if (node.isPaused()) {
                LOG.info("Resuming {}, left paused by an earlier test", node);
                node.resume();
            }
            if (!node.isRunning()) {
                LOG.info("Restarting {}, left down by an earlier test", node);
                node.restart();
            }
        }
    }

    /** Stops every node, side by side (SIGTERM to all, then wait for each). */
    public void stop() {
        requestStop();
        nodes.forEach(CassandraNode::stop);
    }

    /** SIGTERM to every node, without waiting; {@link #stop()} then waits for them. */
    void requestStop() {
        nodes.forEach(CassandraNode::requestStop);
    }

    @Override
    public void close() {
        stop();
    }

    private static void killLeftoverOfEarlierRun(NodeSpec node) {
        try {
            CassandraNode.killLeftoverOfEarlierRun(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the files of an earlier run in " + directory, e);
        }
    }
}
