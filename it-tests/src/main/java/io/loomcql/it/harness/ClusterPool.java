package io.loomcql.it.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters of one test run, one per distinct {@link ClusterSpec}, each started on first request
 * and shared by every later one. Lives in JUnit's root store, which closes it (stopping every
 * cluster) when the run ends.
 *
 * <p>Memory and CPU are scarce (two cores, every node a JVM of about 1 GB), so besides the shared
 * single node at most {@code loomcql.it.maxExtraClusters} (default 1) other clusters stay up; a new
 * one stops the least recently requested. JUnit runs test classes one after another, so the class
 * that used the stopped cluster has finished (parallel class execution would need a higher limit).
 */
@SuppressWarnings("deprecation") // CloseableResource: for runs that turn off closing AutoCloseables
public final class ClusterPool implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    static final String MAX_EXTRA_CLUSTERS_PROPERTY = "loomcql.it.maxExtraClusters";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPool.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ClusterBackends backends;
    private final int maxExtraClusters;
    /** In access order: the first extra cluster is the least recently requested. */
    private final Map<ClusterSpec, PooledCluster> clusters = new LinkedHashMap<>(8, 0.75f, true);
    /** A cluster that failed to start is not tried again by every later class (each try can take minutes). */
    private final Map<ClusterSpec, RuntimeException> failedStarts = new HashMap<>();
    private boolean closed;

    public ClusterPool() {
        this(new ClusterBackends(), Integer.getInteger(MAX_EXTRA_CLUSTERS_PROPERTY, 1));
    }

    ClusterPool(ClusterBackends backends, int maxExtraClusters) {
        this.backends = backends;
        this.maxExtraClusters = maxExtraClusters;
    }

    /**
     * The running cluster for {@code spec}, started if needed. A forked cluster shared with earlier
     * test classes is healed first: nodes they left paused or down are brought back.
     */
    public TestCluster acquire(ClusterSpec spec) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The cluster pool is closed: the test run is ending");
            }
            Optional<TestCluster> external = backends.external();
            if (external.isPresent()) {
                return external.get();
            }
            RuntimeException failure = failedStarts.get(spec);
            if (failure != null) {
                throw new IllegalStateException("The cluster for " + spec + " failed to start earlier in this run", failure);
            }
            PooledCluster pooled = clusters.get(spec);
            if (pooled == null) {
                makeRoomForAnotherCluster(spec);
                int slot = spec.isDefaultSingleNode() ? 0 : lowestFreeExtraSlot();
                try {
                    pooled = new PooledCluster(slot, backends.start(spec, slot));
                } catch (RuntimeException e) {
                    failedStarts.put(spec, e);
                    throw e;
                }
                clusters.put(spec, pooled);
            } else if (pooled.cluster() instanceof CassandraCluster forked) {
                forked.heal();
            }
            return pooled.cluster();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<PooledCluster> all = new ArrayList<>(clusters.values());
            clusters.clear();
            // All nodes of all clusters shut down at once; each takes seconds to drain.
            all.stream().map(PooledCluster::cluster)
                    .filter(CassandraCluster.class::isInstance)
                    .forEach(cluster -> ((CassandraCluster) cluster).requestStop());
            all.forEach(ClusterPool::stopQuietly);
        } finally {
            lock.unlock();
        }
    }

    private void makeRoomForAnotherCluster(ClusterSpec incoming) {
        if (incoming.isDefaultSingleNode()) {
            return;
        }
        List<ClusterSpec> extras = clusters.keySet().stream().filter(spec -> !spec.isDefaultSingleNode()).toList();
        for (int i = 0; i <= extras.size() - Math.max(1, maxExtraClusters); i++) {
            ClusterSpec evicted = extras.get(i);
            LOG.info("Stopping the cluster for {} to make room for one for {}", evicted, incoming);
            stopQuietly(clusters.remove(evicted));
        }
    }

    private int lowestFreeExtraSlot() {
        TreeSet<Integer> used = new TreeSet<>();
        clusters.values().forEach(pooled -> used.add(pooled.slot()));
        int slot = 1;
        while (used.contains(slot)) {
            slot++;
        }
        return slot;
    }

    private static void stopQuietly(PooledCluster pooled) {
        if (pooled.cluster() instanceof AutoCloseable owned) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("Could not stop {}", pooled.cluster().description(), e);
            }
        }
    }

    private record PooledCluster(int slot, TestCluster cluster) {
    }
}
