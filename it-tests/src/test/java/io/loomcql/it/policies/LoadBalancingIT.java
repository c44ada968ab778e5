package io.loomcql.it.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.policies.DCAwareRoundRobinPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.HostFilterPolicy;
import io.loomcql.policies.RoundRobinPolicy;
import io.loomcql.policies.WhiteListRoundRobinPolicy;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Query plans and host distances of the load-balancing policies, on a real 3-node cluster. */
@RealCassandra(nodes = 3)
class LoadBalancingIT {

  @Test
  void round_robin_spreads_requests_evenly_over_every_node(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).loadBalancingPolicy(new RoundRobinPolicy()).build();
        Session session = cluster.connect(null, true)) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < 30; i++) {
        counts.merge(Nodes.coordinator(session, null), 1, Integer::sum);
      }

      assertThat(counts).containsOnlyKeys(addresses(cassandra, 1, 2, 3));
      assertThat(counts.values()).allSatisfy(count -> assertThat(count).isEqualTo(10));
    }
  }

  @Test
  void dc_aware_with_a_wrong_local_dc_ignores_every_node(TestCluster cassandra) {
    try (Cluster cluster =
        Clusters.builder(cassandra).loadBalancingPolicy(new DCAwareRoundRobinPolicy("no-such-dc")).build()) {
      assertThatThrownBy(cluster::connect)
          .isInstanceOf(NoHostAvailableException.class)
          .hasMessageContaining("Unable to connect to any servers");
    }
  }

  @Test
  void dc_aware_with_a_wrong_local_dc_uses_remote_nodes_per_used_hosts_per_remote_dc(
      TestCluster cassandra) {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("no-such-dc", 2);
    try (Cluster cluster =
            Clusters.builder(cassandra)
                .loadBalancingPolicy(policy)
                .connectionsPerHost(HostDistance.REMOTE, 2, 2)
                .metricsEnabled(true)
                .build();
        Session session = cluster.connect(null, true)) {
      Set<String> coordinators = new TreeSet<>();
      for (int i = 0; i < 20; i++) {
        coordinators.add(Nodes.coordinator(session, null));
      }

      // Remote nodes are tried in a fixed order, not rotated (as in Python): the first one answers.
      List<String> remote =
          cluster.hosts().stream()
              .filter(h -> policy.distance(h) == HostDistance.REMOTE)
              .map(h -> h.address().getHostAddress())
              .toList();
      assertThat(remote).hasSize(2);
      assertThat(coordinators).hasSize(1).isSubsetOf(remote);
      // Two pools of two connections (REMOTE sizing), no pool to the ignored node, plus the control connection.
      assertThat(cluster.metrics().snapshot()).containsEntry("open_connections", 5).containsEntry("connected_to", 2);
    }
  }

  @Test
  void a_profile_with_its_own_policy_routes_only_to_its_nodes(TestCluster cassandra) {
    ExecutionProfile onlyNode2 =
        ExecutionProfile.builder()
            .loadBalancingPolicy(new WhiteListRoundRobinPolicy(List.of(cassandra.node(2).address())))
            .build();
    try (Cluster cluster =
            Clusters.builder(cassandra)
                .loadBalancingPolicy(new WhiteListRoundRobinPolicy(List.of(cassandra.node(1).address())))
                .executionProfile("node2", onlyNode2)
                .metricsEnabled(true)
                .build();
        Session session = cluster.connect(null, true)) {
      Set<String> byDefault = new TreeSet<>();
      Set<String> byProfile = new TreeSet<>();
      for (int i = 0; i < 10; i++) {
        byDefault.add(Nodes.coordinator(session, null));
        byProfile.add(Nodes.coordinator(session, "node2"));
      }

      assertThat(byDefault).containsExactly(cassandra.node(1).address());
      assertThat(byProfile).containsExactly(cassandra.node(2).address());
      assertThat(cluster.metrics().snapshot()).containsEntry("connected_to", 2);
    }
  }

  @Test
  void adding_a_profile_opens_pools_to_the_nodes_it_makes_reachable(TestCluster cassandra) {
    try (Cluster cluster =
            Clusters.builder(cassandra)
                .loadBalancingPolicy(new WhiteListRoundRobinPolicy(List.of(cassandra.node(1).address())))
                .metricsEnabled(true)
                .build();
        Session session = cluster.connect(null, true)) {
      assertThat(cluster.metrics().snapshot()).containsEntry("connected_to", 1);

      cluster.addExecutionProfile(
          "everywhere",
          ExecutionProfile.builder().loadBalancingPolicy(new RoundRobinPolicy()).build(),
          Duration.ofSeconds(10));

      assertThat(cluster.metrics().snapshot()).containsEntry("connected_to", 3);
      Set<String> coordinators = new TreeSet<>();
      for (int i = 0; i < 9; i++) {
        coordinators.add(Nodes.coordinator(session, "everywhere"));
      }
      assertThat(coordinators).containsExactlyInAnyOrder(addresses(cassandra, 1, 2, 3));
      // An instance clone-updated from a registered profile plans with the same policy.
      ExecutionProfile clone =
          session.executionProfileCloneUpdate("everywhere", b -> b.requestTimeout(Duration.ofSeconds(3)));
      assertThat(clone.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
      Set<String> byClone = new TreeSet<>();
      for (int i = 0; i < 9; i++) {
        byClone.add(
            session.execute(new SimpleStatement("SELECT rpc_address FROM system.local"), clone)
                .one().get("rpc_address", java.net.InetAddress.class).getHostAddress());
      }
      assertThat(byClone).hasSize(3);
    }
  }

  @Test
  void a_default_profile_with_its_own_policy_keeps_pools_away_from_the_nodes_it_ignores(
      TestCluster cassandra) {
    String node1 = cassandra.node(1).address();
    ExecutionProfile onlyNode1 =
        ExecutionProfile.builder()
            .loadBalancingPolicy(
                new HostFilterPolicy(new RoundRobinPolicy(), host -> host.address().getHostAddress().equals(node1)))
            .build();
    try (Cluster cluster =
            Clusters.builder(cassandra).executionProfile(Cluster.EXEC_PROFILE_DEFAULT, onlyNode1).build();
        Session session = cluster.connect(null, true)) {
      assertThat(cluster.hosts()).hasSize(3);
      assertThat(pooledAddresses(session)).containsExactly(node1);

      // The new profile admits nodes 2 and 3, whose pools cannot be open after a nanosecond.
      ExecutionProfile otherNodes =
          ExecutionProfile.builder()
              .loadBalancingPolicy(
                  new HostFilterPolicy(
                      new RoundRobinPolicy(), host -> !host.address().getHostAddress().equals(node1)))
              .build();
      assertThatThrownBy(() -> cluster.addExecutionProfile("others", otherNodes, Duration.ofNanos(1)))
          .isInstanceOf(OperationTimedOutException.class)
          .hasMessageContaining("Failed to create all new connection pools");

      // the profile stays registered and its pools finish opening
      assertThat(cluster.executionProfiles()).containsKey("others");
      session.updateCreatedPools().join();
      assertThat(pooledAddresses(session)).containsExactlyInAnyOrder(addresses(cassandra, 1, 2, 3));
    }
  }

  @Test
  void update_created_pools_follows_a_host_filter_whose_predicate_changed(TestCluster cassandra) {
    Set<String> admitted = ConcurrentHashMap.newKeySet();
    admitted.add(cassandra.node(1).address());
    HostFilterPolicy filter =
        new HostFilterPolicy(new RoundRobinPolicy(), host -> admitted.contains(host.address().getHostAddress()));
    try (Cluster cluster = Clusters.builder(cassandra).loadBalancingPolicy(filter).build();
        Session session = cluster.connect(null, true)) {
      assertThat(pooledAddresses(session)).containsExactly(cassandra.node(1).address());

      admitted.add(cassandra.node(2).address());
      session.updateCreatedPools().join();
      assertThat(pooledAddresses(session)).containsExactlyInAnyOrder(addresses(cassandra, 1, 2));

      admitted.remove(cassandra.node(1).address());
      session.updateCreatedPools().join();
      assertThat(pooledAddresses(session)).containsExactly(cassandra.node(2).address());
      assertThat(Nodes.coordinator(session, null)).isEqualTo(cassandra.node(2).address());
    }
  }

  private static Set<String> pooledAddresses(Session session) {
    Set<String> addresses = new TreeSet<>();
    session.getPoolState().keySet().forEach(host -> addresses.add(host.address().getHostAddress()));
    return addresses;
  }

  @Test
  void an_unknown_profile_name_is_refused_with_the_valid_names(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).build();
        Session session = cluster.connect(null, true)) {
      assertThatThrownBy(() -> session.execute(new SimpleStatement("SELECT * FROM system.local"), "nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nope")
          .hasMessageContaining(Cluster.EXEC_PROFILE_DEFAULT);
    }
  }

  static String[] addresses(TestCluster cassandra, int... nodes) {
    String[] addresses = new String[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      addresses[i] = cassandra.node(nodes[i]).address();
    }
    return addresses;
  }
}
