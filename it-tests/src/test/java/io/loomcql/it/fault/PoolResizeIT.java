package io.loomcql.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.Session;
import io.loomcql.it.support.Waits;
import io.loomcql.node.Host;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.RoutingInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A node whose distance changes gets a pool of its new distance's core size: LOCAL (2
 * connections) to REMOTE (1) closes one connection once idle, back to LOCAL opens one, IGNORED
 * closes the pool. The change reaches the pools as every pool update does (a node event, a new
 * execution profile).
 */
class PoolResizeIT {

  @Test
  void a_pool_follows_its_nodes_distance() throws Exception {
    Map<String, HostDistance> distances = new ConcurrentHashMap<>();
    SwitchablePolicy policy = new SwitchablePolicy(distances);
    try (FakeCluster fake = FakeCluster.start(2);
        Cluster cluster =
            fake.builder()
                .connectionsPerHost(HostDistance.LOCAL, 2, 2)
                .connectionsPerHost(HostDistance.REMOTE, 1, 1)
                .loadBalancingPolicy(policy)
                .build();
        Session session = cluster.connect(null, true)) {
      Host second = cluster.hosts().stream()
          .filter(h -> h.endpoint().equals(fake.endpoint(2)))
          .findFirst()
          .orElseThrow();
      Waits.until(
          Duration.ofSeconds(10),
          "2 connections to node 2",
          () -> openCount(session, second) == 2 && fake.node(2).openConnections() == 2);

      distances.put("127.0.0.2", HostDistance.REMOTE);
      cluster.addExecutionProfile("remote", ExecutionProfile.builder().loadBalancingPolicy(policy).build());
      Waits.until(
          Duration.ofSeconds(10),
          "1 connection to node 2",
          () -> openCount(session, second) == 1 && fake.node(2).openConnections() == 1);

      // Requests still reach it.
      session.execute(RetryDecisionsIT.insert(true).setHost(second));

      distances.put("127.0.0.2", HostDistance.LOCAL);
      cluster.addExecutionProfile("local", ExecutionProfile.builder().loadBalancingPolicy(policy).build());
      Waits.until(
          Duration.ofSeconds(10),
          "2 connections again",
          () -> openCount(session, second) == 2 && fake.node(2).openConnections() == 2);

      distances.put("127.0.0.2", HostDistance.IGNORED);
      cluster.addExecutionProfile("ignored", ExecutionProfile.builder().loadBalancingPolicy(policy).build());
      Waits.until(
          Duration.ofSeconds(10),
          "no pool to node 2",
          () -> !session.getPoolState().containsKey(second) && fake.node(2).openConnections() == 0);
      assertThat(openCount(session, cluster.hosts().stream()
          .filter(h -> h.endpoint().equals(fake.endpoint(1))).findFirst().orElseThrow())).isEqualTo(2);
    }
  }

  private static int openCount(Session session, Host host) {
    Map<String, Object> pool = session.getPoolState().get(host);
    return pool == null ? 0 : (Integer) pool.get("open_count");
  }

  /** Plans nodes by address; each node's distance is whatever the test last put in the map (LOCAL by default). */
  private static final class SwitchablePolicy implements LoadBalancingPolicy {
    private final Map<String, HostDistance> distances;
    private volatile ClusterView cluster;

    SwitchablePolicy(Map<String, HostDistance> distances) {
      this.distances = distances;
    }

    @Override
    public void populate(ClusterView cluster, Collection<Host> hosts) {
      this.cluster = cluster;
    }

    @Override
    public HostDistance distance(Host host) {
      return distances.getOrDefault(host.address().getHostAddress(), HostDistance.LOCAL);
    }

    @Override
    public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
      return cluster.hosts().stream()
          .filter(host -> distance(host) != HostDistance.IGNORED)
          .sorted(java.util.Comparator.comparing(host -> host.address().getHostAddress()))
          .toList()
          .iterator();
    }
  }
}
