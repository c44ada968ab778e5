package io.loomcql.policies;

import static io.loomcql.policies.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HostFilterPolicyTest {

  private final Host[] dc1 = TestHosts.dc(1, 4);
  private final Host[] dc2 = TestHosts.dc(2, 2);

  @Test
  void should_leave_rejected_hosts_out_of_plans_and_keep_the_child_order() {
    RoundRobinPolicy child = new RoundRobinPolicy();
    HostFilterPolicy policy = new HostFilterPolicy(child, host -> !host.equals(dc1[1]));
    policy.populate(new FakeClusterView().hosts(dc1), List.of(dc1));

    for (int i = 0; i < 4; i++) {
      List<Host> filtered = plan(policy);
      assertThat(filtered).containsExactlyInAnyOrder(dc1[0], dc1[2], dc1[3]);
    }
    assertThat(plan(child)).containsExactlyInAnyOrder(dc1);
  }

  @Test
  void should_call_rejected_hosts_ignored_and_others_by_the_child_distance() {
    HostFilterPolicy policy =
        new HostFilterPolicy(new DCAwareRoundRobinPolicy("dc1", 1), host -> host != dc1[0]);
    policy.populate(new FakeClusterView(), List.of(dc1[0], dc1[1], dc2[0], dc2[1]));

    assertThat(policy.distance(dc1[0])).isEqualTo(HostDistance.IGNORED);
    assertThat(policy.distance(dc1[1])).isEqualTo(HostDistance.LOCAL);
    assertThat(policy.distance(dc2[0])).isEqualTo(HostDistance.REMOTE);
    assertThat(policy.distance(dc2[1])).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_pass_every_host_and_event_to_the_child_unfiltered() {
    TokenAwarePolicyTest.RecordingPolicy child = new TokenAwarePolicyTest.RecordingPolicy();
    HostFilterPolicy policy = new HostFilterPolicy(child, host -> false);

    policy.onUp(dc1[0]);
    policy.onDown(dc1[0]);
    policy.onAdd(dc1[1]);
    policy.onRemove(dc1[1]);
    policy.checkSupported();

    assertThat(child.events).containsExactly("up " + dc1[0], "down " + dc1[0], "add " + dc1[1],
        "remove " + dc1[1], "check");
  }

  @Test
  void should_follow_a_predicate_that_changes_its_mind() {
    Set<Host> banned = ConcurrentHashMap.newKeySet();
    Predicate<Host> predicate = host -> !banned.contains(host);
    HostFilterPolicy policy = new HostFilterPolicy(new RoundRobinPolicy(), predicate);
    policy.populate(new FakeClusterView(), List.of(dc1));

    banned.add(dc1[2]);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], dc1[1], dc1[3]);
    assertThat(policy.distance(dc1[2])).isEqualTo(HostDistance.IGNORED);

    banned.clear();
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1);
    assertThat(policy.predicate()).isSameAs(predicate);
  }

  @Test
  void should_filter_a_token_aware_plan_replicas_included() {
    FakeClusterView view = new FakeClusterView().hosts(dc1).replicas("ks", "k", dc1[3], dc1[0]);
    HostFilterPolicy policy = new HostFilterPolicy(
        new TokenAwarePolicy(new DCAwareRoundRobinPolicy("dc1")), host -> host != dc1[3]);
    policy.populate(view, view.hostList());

    List<Host> plan = plan(policy, null, Stmt.routed("ks", "k"));

    assertThat(plan.get(0)).isEqualTo(dc1[0]);
    assertThat(plan).containsExactlyInAnyOrder(dc1[0], dc1[1], dc1[2]);
  }

  @Test
  void should_give_an_empty_plan_when_every_host_is_rejected() {
    HostFilterPolicy policy = new HostFilterPolicy(new RoundRobinPolicy(), host -> false);
    policy.populate(new FakeClusterView(), List.of(dc1));

    assertThat(policy.newQueryPlan(null, null).hasNext()).isFalse();
  }
}
