package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.cluster.internal.ControlConnection;
import io.loomcql.node.Host;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.ConvictionPolicy;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.FallthroughRetryPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.HostStateListener;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.policies.TokenAwarePolicy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Execution profiles, distances and node events at the cluster level, without a server. */
class ClusterPoliciesTest {

  private static final Host NODE1 = new Host(new InetSocketAddress("127.0.0.1", 9042));
  private static final Host NODE2 = new Host(new InetSocketAddress("127.0.0.2", 9042));
  private static final Host NODE3 = new Host(new InetSocketAddress("127.0.0.3", 9042));

  @Test
  void should_fill_the_default_profile_with_the_clusters_policies() {
    FixedDistancePolicy lbp = new FixedDistancePolicy(Map.of());
    FallthroughRetryPolicy retry = new FallthroughRetryPolicy();
    try (Cluster cluster = Cluster.builder().loadBalancingPolicy(lbp).defaultRetryPolicy(retry).build()) {
      ExecutionProfile profile = cluster.executionProfile(Cluster.EXEC_PROFILE_DEFAULT);

      assertThat(profile.loadBalancingPolicy()).isSameAs(lbp);
      assertThat(profile.retryPolicy()).isSameAs(retry);
      assertThat(profile.consistencyLevel()).isEqualTo(ConsistencyLevel.LOCAL_ONE);
    }
  }

  @Test
  void should_default_to_token_aware_dc_aware_and_the_default_retry_policy() {
    try (Cluster cluster = Cluster.builder().build()) {
      assertThat(cluster.loadBalancingPolicy()).isInstanceOf(TokenAwarePolicy.class);
      assertThat(cluster.loadBalancingPolicy().toString()).contains("DCAwareRoundRobinPolicy");
      assertThat(cluster.defaultRetryPolicy()).isInstanceOf(DefaultRetryPolicy.class);
    }
  }

  @Test
  void should_register_named_profiles_and_replace_the_default_one() {
    ExecutionProfile all = ExecutionProfile.builder().consistencyLevel(ConsistencyLevel.ALL).build();
    ExecutionProfile quorum = ExecutionProfile.builder().consistencyLevel(ConsistencyLevel.QUORUM).build();
    Map<String, ExecutionProfile> profiles = new LinkedHashMap<>();
    profiles.put(Cluster.EXEC_PROFILE_DEFAULT, quorum);
    profiles.put("all", all);
    try (Cluster cluster = Cluster.builder().executionProfiles(profiles).build()) {
      assertThat(cluster.executionProfile(Cluster.EXEC_PROFILE_DEFAULT).consistencyLevel())
          .isEqualTo(ConsistencyLevel.QUORUM);
      assertThat(cluster.executionProfile("all").consistencyLevel()).isEqualTo(ConsistencyLevel.ALL);
      assertThat(cluster.executionProfile("all").loadBalancingPolicy()).isSameAs(cluster.loadBalancingPolicy());
      assertThat(cluster.executionProfiles()).containsOnlyKeys(Cluster.EXEC_PROFILE_DEFAULT, "all");
      assertThatThrownBy(() -> cluster.executionProfile("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid execution profile: 'nope'");
    }
  }

  @Test
  void should_refuse_a_second_profile_of_the_same_name() {
    try (Cluster cluster = Cluster.builder().build()) {
      cluster.addExecutionProfile("olap", ExecutionProfile.defaults());

      assertThatThrownBy(() -> cluster.addExecutionProfile("olap", ExecutionProfile.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already exists");
      assertThat(cluster.executionProfile("olap").retryPolicy()).isSameAs(cluster.defaultRetryPolicy());
    }
  }

  @Test
  void should_give_a_node_the_closest_distance_of_all_profiles_policies() {
    FixedDistancePolicy ignoresAll = new FixedDistancePolicy(Map.of());
    FixedDistancePolicy remote2 = new FixedDistancePolicy(Map.of(NODE2, HostDistance.REMOTE));
    FixedDistancePolicy local2 =
        new FixedDistancePolicy(Map.of(NODE2, HostDistance.LOCAL, NODE3, HostDistance.REMOTE));
    try (Cluster cluster =
        Cluster.builder()
            .loadBalancingPolicy(ignoresAll)
            .executionProfile("remote", ExecutionProfile.builder().loadBalancingPolicy(remote2).build())
            .build()) {
      assertThat(cluster.poolsView().distance(NODE1)).isEqualTo(HostDistance.IGNORED);
      assertThat(cluster.poolsView().distance(NODE2)).isEqualTo(HostDistance.REMOTE);

      cluster.addExecutionProfile("local", ExecutionProfile.builder().loadBalancingPolicy(local2).build());

      assertThat(cluster.poolsView().distance(NODE1)).isEqualTo(HostDistance.IGNORED);
      assertThat(cluster.poolsView().distance(NODE2)).isEqualTo(HostDistance.LOCAL);
      assertThat(cluster.poolsView().distance(NODE3)).isEqualTo(HostDistance.REMOTE);
    }
  }

  @Test
  void should_tell_policies_then_listeners_about_nodes_added_and_removed() {
    List<String> events = new CopyOnWriteArrayList<>();
    FixedDistancePolicy policy = new FixedDistancePolicy(Map.of(), events);
    HostStateListener listener =
        new HostStateListener() {
          @Override
          public void onAdd(Host host) {
            events.add("listener add " + host.address().getHostAddress());
          }

          @Override
          public void onRemove(Host host) {
            events.add("listener remove " + host.address().getHostAddress());
          }
        };
    try (Cluster cluster = Cluster.builder().loadBalancingPolicy(policy).build()) {
      cluster.registerListener(listener);
      cluster.registerListener(listener);

      cluster.hostRegistry().update(nodes("127.0.0.1", "127.0.0.2"), NODE1.endpoint());
      cluster.hostRegistry().update(nodes("127.0.0.1"), NODE1.endpoint());
      cluster.unregisterListener(listener);
      cluster.hostRegistry().update(nodes("127.0.0.1", "127.0.0.3"), NODE1.endpoint());

      assertThat(events)
          .containsExactly(
              "policy add 127.0.0.1", "listener add 127.0.0.1",
              "policy add 127.0.0.2", "listener add 127.0.0.2",
              "policy remove 127.0.0.2", "listener remove 127.0.0.2",
              "policy add 127.0.0.3");
    }
  }

  @Test
  void should_convict_a_node_only_when_its_conviction_policy_says_so() {
    List<Throwable> failures = new ArrayList<>();
    Function<Host, ConvictionPolicy> never =
        host ->
            new ConvictionPolicy() {
              @Override
              public boolean addFailure(Throwable error) {
                failures.add(error);
                return false;
              }

              @Override
              public void reset() {}
            };
    try (Cluster cluster = Cluster.builder().convictionPolicyFactory(never).build()) {
      cluster.hostRegistry().update(nodes("127.0.0.1"), NODE1.endpoint());
      Host host = cluster.hosts().iterator().next();

      cluster.poolsView().connectionFailed(host, new io.loomcql.ConnectionException("gone", host.endpoint()));

      assertThat(failures).hasSize(1);
      assertThat(host.isKnownUp()).isTrue();
    }
  }

  private static Map<InetSocketAddress, ControlConnection.NodeInfo> nodes(String... addresses) {
    Map<InetSocketAddress, ControlConnection.NodeInfo> nodes = new LinkedHashMap<>();
    for (String address : addresses) {
      InetSocketAddress endpoint = new InetSocketAddress(address, 9042);
      nodes.put(
          endpoint,
          new ControlConnection.NodeInfo(
              endpoint, "dc1", "r1", "5.0.6", UUID.randomUUID(), Set.of(), null,
              new Host.Addresses(endpoint.getAddress(), 7000, 9042, null, null)));
    }
    return nodes;
  }

  /** A policy with fixed distances (IGNORED unless listed) that records node events. */
  private static final class FixedDistancePolicy implements LoadBalancingPolicy {
    private final Map<Host, HostDistance> distances;
    private final List<String> events;

    FixedDistancePolicy(Map<Host, HostDistance> distances) {
      this(distances, new ArrayList<>());
    }

    FixedDistancePolicy(Map<Host, HostDistance> distances, List<String> events) {
      this.distances = distances;
      this.events = events;
    }

    @Override
    public void populate(ClusterView cluster, Collection<Host> hosts) {}

    @Override
    public HostDistance distance(Host host) {
      return distances.getOrDefault(host, HostDistance.IGNORED);
    }

    @Override
    public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
      return Collections.emptyIterator();
    }

    @Override
    public void onAdd(Host host) {
      events.add("policy add " + host.address().getHostAddress());
    }

    @Override
    public void onRemove(Host host) {
      events.add("policy remove " + host.address().getHostAddress());
    }
  }
}
