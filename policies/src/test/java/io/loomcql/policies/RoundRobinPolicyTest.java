package io.loomcql.policies;

import static io.loomcql.policies.Plans.drain;
import static io.loomcql.policies.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class RoundRobinPolicyTest {

  private final Host[] dc1 = TestHosts.dc(1, 3);
  private final Host[] dc2 = TestHosts.dc(2, 2);

  private RoundRobinPolicy populated(Host... hosts) {
    RoundRobinPolicy policy = new RoundRobinPolicy();
    policy.populate(new FakeClusterView().hosts(hosts), List.of(hosts));
    return policy;
  }

  @Test
  void should_list_every_live_host_once_whatever_its_datacenter() {
    RoundRobinPolicy policy = populated(dc1[0], dc1[1], dc1[2], dc2[0], dc2[1]);

    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], dc1[1], dc1[2], dc2[0], dc2[1]);
  }

  @Test
  void should_start_each_plan_one_position_further_and_wrap_around() {
    RoundRobinPolicy policy = populated(dc1);

    List<Host> first = plan(policy);
    List<Host> second = plan(policy);
    List<Host> third = plan(policy);
    List<Host> fourth = plan(policy);

    int start = List.of(dc1).indexOf(first.get(0));
    for (int i = 0; i < 3; i++) {
      assertThat(first.get(i)).isEqualTo(dc1[(start + i) % 3]);
      assertThat(second.get(i)).isEqualTo(dc1[(start + 1 + i) % 3]);
      assertThat(third.get(i)).isEqualTo(dc1[(start + 2 + i) % 3]);
    }
    assertThat(fourth).isEqualTo(first);
  }

  @Test
  void should_give_each_host_the_first_place_equally_often_over_many_plans() {
    RoundRobinPolicy policy = populated(dc1[0], dc1[1], dc1[2], dc2[0], dc2[1]);
    Map<Host, Integer> firsts = new HashMap<>();

    for (int i = 0; i < 5_000; i++) {
      firsts.merge(policy.newQueryPlan(null, null).next(), 1, Integer::sum);
    }

    assertThat(firsts).hasSize(5).allSatisfy((host, count) -> assertThat(count).isEqualTo(1_000));
  }

  @Test
  void should_call_every_host_local() {
    RoundRobinPolicy policy = populated(dc1[0], dc2[0]);

    assertThat(policy.distance(dc1[0])).isEqualTo(HostDistance.LOCAL);
    assertThat(policy.distance(dc2[0])).isEqualTo(HostDistance.LOCAL);
    assertThat(policy.distance(TestHosts.unknown(1))).isEqualTo(HostDistance.LOCAL);
  }

  @Test
  void should_drop_a_host_that_goes_down_and_take_it_back_when_it_comes_up() {
    RoundRobinPolicy policy = populated(dc1);

    policy.onDown(dc1[1]);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], dc1[2]);

    policy.onUp(dc1[1]);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1);
  }

  @Test
  void should_add_and_remove_hosts_without_duplicates() {
    RoundRobinPolicy policy = populated(dc1[0]);

    policy.onAdd(dc1[1]);
    policy.onAdd(dc1[1]);
    policy.onUp(dc1[1]);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], dc1[1]);

    policy.onRemove(dc1[0]);
    policy.onRemove(dc1[0]);
    assertThat(plan(policy)).containsExactly(dc1[1]);
  }

  @Test
  void should_leave_out_hosts_known_down_at_populate_but_keep_unknown_ones() {
    Host down = TestHosts.host(1, 9);
    HostUpdater.markDown(down);
    Host unknown = TestHosts.unknown(1);

    RoundRobinPolicy policy = populated(dc1[0], down, unknown);

    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], unknown);
  }

  @Test
  void should_give_an_empty_plan_when_no_host_is_live() {
    RoundRobinPolicy policy = new RoundRobinPolicy();

    assertThat(policy.newQueryPlan(null, null).hasNext()).isFalse();
    policy.populate(new FakeClusterView(), List.of());
    assertThat(plan(policy)).isEmpty();
  }

  @Test
  void should_keep_walking_the_hosts_it_saw_when_a_host_goes_down_mid_plan() {
    RoundRobinPolicy policy = populated(dc1);
    Iterator<Host> plan = policy.newQueryPlan(null, null);

    Host first = plan.next();
    policy.onDown(dc1[0]);
    policy.onDown(dc1[1]);

    assertThat(1 + drain(plan).size()).isEqualTo(3);
    assertThat(first).isIn((Object[]) dc1);
  }

  @Test
  void should_throw_no_such_element_past_the_end_of_a_plan() {
    RoundRobinPolicy policy = populated(dc1[0]);
    Iterator<Host> plan = policy.newQueryPlan(null, null);
    plan.next();

    assertThatThrownBy(plan::next).isInstanceOf(NoSuchElementException.class);
  }
}
