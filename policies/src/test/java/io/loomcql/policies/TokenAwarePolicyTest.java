package io.loomcql.policies;

import static io.loomcql.policies.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenAwarePolicyTest {

  private final Host[] dc1 = TestHosts.dc(1, 4);
  private final Host[] dc2 = TestHosts.dc(2, 3);

  private FakeClusterView view() {
    return new FakeClusterView()
        .hosts(dc1)
        .hosts(dc2)
        // Replicas in ring order, across both datacenters.
        .replicas("ks", "k1", dc1[2], dc2[0], dc1[0])
        .replicas("ks", "k2", dc2[1], dc2[2])
        .replicas("other", "k1", dc1[3]);
  }

  private TokenAwarePolicy populated(TokenAwarePolicy policy) {
    FakeClusterView view = view();
    policy.populate(view, view.hostList());
    return policy;
  }

  private TokenAwarePolicy overDcAware(boolean shuffle) {
    return populated(new TokenAwarePolicy(new DCAwareRoundRobinPolicy("dc1", 1), shuffle));
  }

  @Test
  void should_list_local_replicas_in_ring_order_then_the_rest_of_the_child_plan() {
    TokenAwarePolicy policy = overDcAware(false);

    for (int i = 0; i < 8; i++) {
      List<Host> plan = plan(policy, null, Stmt.routed("ks", "k1"));

      assertThat(plan.subList(0, 2)).containsExactly(dc1[2], dc1[0]);
      assertThat(plan.subList(2, 4)).containsExactlyInAnyOrder(dc1[1], dc1[3]);
      // The remote replica keeps its place in the child's plan: after all local hosts.
      assertThat(plan.subList(4, 5)).containsExactly(dc2[0]);
      assertThat(plan).doesNotHaveDuplicates().hasSize(5);
    }
  }

  @Test
  void should_rotate_the_non_replicas_as_the_child_does() {
    TokenAwarePolicy policy = overDcAware(false);
    Map<Host, Integer> thirds = new HashMap<>();

    for (int i = 0; i < 1_000; i++) {
      thirds.merge(plan(policy, null, Stmt.routed("ks", "k1")).get(2), 1, Integer::sum);
    }

    assertThat(thirds).containsOnlyKeys(dc1[1], dc1[3]);
    assertThat(thirds.values()).allSatisfy(n -> assertThat(n).isBetween(400, 600));
  }

  @Test
  void should_skip_replicas_that_are_not_up() {
    TokenAwarePolicy policy = overDcAware(false);
    HostUpdater.markDown(dc1[2]);

    List<Host> plan = plan(policy, null, Stmt.routed("ks", "k1"));

    assertThat(plan.get(0)).isEqualTo(dc1[0]);
    // Still live for the child (no onDown yet): it keeps its place in the child's part.
    assertThat(plan).contains(dc1[2]).doesNotHaveDuplicates();
  }

  @Test
  void should_skip_replicas_the_child_does_not_call_local() {
    TokenAwarePolicy policy = overDcAware(false);

    List<Host> plan = plan(policy, null, Stmt.routed("ks", "k2"));

    assertThat(plan.subList(0, 4)).containsExactlyInAnyOrder(dc1);
    assertThat(plan.subList(4, plan.size())).containsExactly(dc2[0]);
  }

  @Test
  void should_use_the_working_keyspace_when_the_statement_has_none() {
    TokenAwarePolicy policy = overDcAware(false);
    RoutingInfo noKeyspace = new Stmt(null, Stmt.routed("x", "k1").routingKey(), false);

    assertThat(plan(policy, "other", noKeyspace).get(0)).isEqualTo(dc1[3]);
    assertThat(plan(policy, "ks", noKeyspace).subList(0, 2)).containsExactly(dc1[2], dc1[0]);
  }

  @Test
  void should_prefer_the_statement_keyspace_over_the_working_keyspace() {
    TokenAwarePolicy policy = overDcAware(false);

    assertThat(plan(policy, "other", Stmt.routed("ks", "k1")).get(0)).isEqualTo(dc1[2]);
  }

  @Test
  void should_fall_back_to_the_child_plan_without_statement_routing_key_keyspace_or_replicas() {
    RecordingPolicy child = new RecordingPolicy(dc1[1], dc1[3]);
    TokenAwarePolicy policy = populated(new TokenAwarePolicy(child));

    assertThat(plan(policy, "ks", null)).containsExactly(dc1[1], dc1[3]);
    assertThat(plan(policy, "ks", new Stmt("ks", null, true))).containsExactly(dc1[1], dc1[3]);
    assertThat(plan(policy, null, new Stmt(null, Stmt.routed("ks", "k1").routingKey(), true)))
        .containsExactly(dc1[1], dc1[3]);
    assertThat(plan(policy, null, Stmt.routed("ks", "unknown-key")))
        .containsExactly(dc1[1], dc1[3]);
    assertThat(child.keyspaces).containsExactly("ks", "ks", null, "ks");
  }

  @Test
  void should_create_the_child_plan_only_once_the_replicas_are_exhausted() {
    RecordingPolicy child = new RecordingPolicy(dc1[0], dc1[1], dc1[2]);
    TokenAwarePolicy policy = populated(new TokenAwarePolicy(child));

    // This child calls every node local, so all three replicas come first.
    Iterator<Host> plan = policy.newQueryPlan(null, Stmt.routed("ks", "k1"));
    assertThat(plan.next()).isEqualTo(dc1[2]);
    assertThat(plan.next()).isEqualTo(dc2[0]);
    assertThat(plan.next()).isEqualTo(dc1[0]);
    assertThat(child.plans.get()).isZero();

    assertThat(plan.next()).isEqualTo(dc1[1]);
    assertThat(plan.hasNext()).isFalse();
    assertThat(child.plans.get()).isEqualTo(1);
  }

  @Test
  void should_shuffle_local_replicas_into_every_order_when_asked() {
    Host[] owners = {dc1[0], dc1[1], dc1[2]};
    FakeClusterView view = view().replicas("ks", "three", owners);
    TokenAwarePolicy policy = new TokenAwarePolicy(new DCAwareRoundRobinPolicy("dc1"), true);
    policy.populate(view, view.hostList());
    Set<List<Host>> orders = new HashSet<>();

    for (int i = 0; i < 600; i++) {
      List<Host> plan = plan(policy, null, Stmt.routed("ks", "three"));
      assertThat(plan.subList(0, 3)).containsExactlyInAnyOrder(owners);
      assertThat(plan.get(3)).isEqualTo(dc1[3]);
      orders.add(plan.subList(0, 3));
    }

    assertThat(orders).hasSize(6);
  }

  @Test
  void should_shuffle_with_the_given_generator_and_not_touch_the_cluster_replica_list() {
    SplittableRandom seeded = new SplittableRandom(7);
    FakeClusterView view = view();
    TokenAwarePolicy policy =
        new TokenAwarePolicy(new DCAwareRoundRobinPolicy("dc1"), true, seeded::nextLong);
    policy.populate(view, view.hostList());

    plan(policy, null, Stmt.routed("ks", "k1"));

    assertThat(view.replicas("ks", Stmt.routed("ks", "k1").routingKey()))
        .containsExactly(dc1[2], dc2[0], dc1[0]);
  }

  @Test
  void should_not_move_the_routing_key() {
    TokenAwarePolicy policy = overDcAware(false);
    Stmt stmt = Stmt.routed("ks", "k1");
    ByteBuffer key = stmt.routingKey();
    int position = key.position();

    plan(policy, null, stmt);

    assertThat(key.position()).isEqualTo(position);
  }

  @Test
  void should_delegate_distance_state_changes_and_checks_to_the_child() {
    RecordingPolicy child = new RecordingPolicy();
    TokenAwarePolicy policy = new TokenAwarePolicy(child);

    policy.onUp(dc1[0]);
    policy.onDown(dc1[1]);
    policy.onAdd(dc1[2]);
    policy.onRemove(dc1[3]);
    policy.checkSupported();

    assertThat(policy.distance(dc1[0])).isEqualTo(HostDistance.REMOTE);
    assertThat(child.events).containsExactly("up " + dc1[0], "down " + dc1[1], "add " + dc1[2],
        "remove " + dc1[3], "check");
    assertThat(policy.child()).isSameAs(child);
    assertThat(policy.shuffleReplicas()).isFalse();
  }

  @Test
  void should_be_token_aware_over_dc_aware_by_default() {
    LoadBalancingPolicy policy = LoadBalancingPolicy.defaultPolicy();

    assertThat(policy).isInstanceOf(TokenAwarePolicy.class);
    TokenAwarePolicy tokenAware = (TokenAwarePolicy) policy;
    assertThat(tokenAware.shuffleReplicas()).isFalse();
    assertThat(tokenAware.child()).isInstanceOf(DCAwareRoundRobinPolicy.class);
    DCAwareRoundRobinPolicy child = (DCAwareRoundRobinPolicy) tokenAware.child();
    assertThat(child.localDc()).isNull();
    assertThat(child.usedHostsPerRemoteDc()).isZero();
    assertThat(LoadBalancingPolicy.defaultPolicy()).isNotSameAs(policy);
  }

  @Test
  void should_route_to_the_inferred_local_datacenter_by_default() {
    FakeClusterView view = view().contactPoints(dc2[2]);
    LoadBalancingPolicy policy = LoadBalancingPolicy.defaultPolicy();
    policy.populate(view, view.hostList());

    assertThat(plan(policy, null, Stmt.routed("ks", "k2")).subList(0, 2))
        .containsExactly(dc2[1], dc2[2]);
    assertThat(plan(policy, null, Stmt.routed("ks", "k1"))).containsExactlyInAnyOrder(dc2)
        .startsWith(dc2[0]);
  }

  /** A child with a fixed plan that records what it is asked. */
  static final class RecordingPolicy implements LoadBalancingPolicy {
    final List<Host> planHosts;
    final List<String> keyspaces = new java.util.ArrayList<>();
    final List<String> events = new java.util.ArrayList<>();
    final AtomicInteger plans = new AtomicInteger();

    RecordingPolicy(Host... planHosts) {
      this.planHosts = List.of(planHosts);
    }

    @Override
    public void populate(ClusterView cluster, Collection<Host> hosts) {}

    @Override
    public HostDistance distance(Host host) {
      return planHosts.isEmpty() ? HostDistance.REMOTE : HostDistance.LOCAL;
    }

    @Override
    public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
      plans.incrementAndGet();
      keyspaces.add(workingKeyspace);
      return planHosts.iterator();
    }

    @Override
    public void checkSupported() {
      events.add("check");
    }

    @Override
    public void onUp(Host host) {
      events.add("up " + host);
    }

    @Override
    public void onDown(Host host) {
      events.add("down " + host);
    }

    @Override
    public void onAdd(Host host) {
      events.add("add " + host);
    }

    @Override
    public void onRemove(Host host) {
      events.add("remove " + host);
    }
  }
}
