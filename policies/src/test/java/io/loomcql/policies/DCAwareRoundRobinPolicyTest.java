package io.loomcql.policies;

import static io.loomcql.policies.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DCAwareRoundRobinPolicyTest {

  private final Host[] dc1 = TestHosts.dc(1, 3);
  private final Host[] dc2 = TestHosts.dc(2, 3);
  private final Host[] dc3 = TestHosts.dc(3, 2);

  /** Hosts of the three datacenters, interleaved as a real peers table may list them. */
  private List<Host> interleaved() {
    return List.of(dc1[0], dc2[0], dc3[0], dc1[1], dc2[1], dc3[1], dc1[2], dc2[2]);
  }

  private FakeClusterView view() {
    return new FakeClusterView().hosts(interleaved().toArray(Host[]::new));
  }

  @Test
  void should_list_only_local_hosts_by_default() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1");
    policy.populate(view(), interleaved());

    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1);
  }

  @Test
  void should_group_interleaved_hosts_by_datacenter_without_losing_any() {
    // Python 3.25's groupby over unsorted hosts kept only the last run of each datacenter.
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1", 5);
    policy.populate(view(), interleaved());

    List<Host> plan = plan(policy);

    assertThat(plan.subList(0, 3)).containsExactlyInAnyOrder(dc1);
    assertThat(plan.subList(3, plan.size())).containsExactly(dc2[0], dc2[1], dc2[2], dc3[0], dc3[1]);
  }

  @Test
  void should_rotate_local_hosts_and_give_each_the_first_place_equally_often() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1", 1);
    policy.populate(view(), interleaved());
    Map<Host, Integer> firsts = new HashMap<>();
    List<List<Host>> plans = new ArrayList<>();

    for (int i = 0; i < 3_000; i++) {
      List<Host> plan = plan(policy);
      plans.add(plan);
      firsts.merge(plan.get(0), 1, Integer::sum);
    }

    assertThat(firsts).containsOnlyKeys(dc1).allSatisfy((h, n) -> assertThat(n).isEqualTo(1_000));
    List<Host> first = plans.get(0);
    List<Host> second = plans.get(1);
    assertThat(second.get(0)).isEqualTo(first.get(1));
    assertThat(second.get(2)).isEqualTo(first.get(0));
  }

  @Test
  void should_append_the_first_used_hosts_of_each_remote_datacenter_in_a_fixed_order() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1", 2);
    policy.populate(view(), interleaved());

    for (int i = 0; i < 4; i++) {
      List<Host> plan = plan(policy);
      assertThat(plan).hasSize(7);
      assertThat(plan.subList(0, 3)).containsExactlyInAnyOrder(dc1);
      assertThat(plan.subList(3, 7)).containsExactly(dc2[0], dc2[1], dc3[0], dc3[1]);
    }
  }

  @Test
  void should_call_local_hosts_local_used_remote_hosts_remote_and_the_rest_ignored() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1", 1);
    policy.populate(view(), interleaved());

    assertThat(policy.distance(dc1[2])).isEqualTo(HostDistance.LOCAL);
    assertThat(policy.distance(dc2[0])).isEqualTo(HostDistance.REMOTE);
    assertThat(policy.distance(dc2[1])).isEqualTo(HostDistance.IGNORED);
    assertThat(policy.distance(dc3[0])).isEqualTo(HostDistance.REMOTE);
    assertThat(policy.distance(dc3[1])).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_ignore_every_remote_host_when_no_remote_host_is_used() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1");
    policy.populate(view(), interleaved());

    assertThat(policy.usedHostsPerRemoteDc()).isZero();
    assertThat(policy.distance(dc2[0])).isEqualTo(HostDistance.IGNORED);
    assertThat(policy.distance(dc3[1])).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_count_hosts_without_a_datacenter_as_local() {
    Host unknown = TestHosts.unknown(1);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1");
    policy.populate(view().hosts(unknown), List.of(dc1[0], dc2[0], unknown));

    assertThat(policy.distance(unknown)).isEqualTo(HostDistance.LOCAL);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], unknown);
  }

  @Test
  void should_keep_a_local_host_local_while_it_is_down_but_leave_it_out_of_plans() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1");
    policy.populate(view(), interleaved());

    HostUpdater.markDown(dc1[0]);
    policy.onDown(dc1[0]);

    assertThat(policy.distance(dc1[0])).isEqualTo(HostDistance.LOCAL);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[1], dc1[2]);

    HostUpdater.markUp(dc1[0]);
    policy.onUp(dc1[0]);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1);
  }

  @Test
  void should_promote_the_next_remote_host_when_a_used_one_goes_down() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1", 1);
    policy.populate(view(), interleaved());

    policy.onDown(dc2[0]);

    assertThat(policy.distance(dc2[0])).isEqualTo(HostDistance.IGNORED);
    assertThat(policy.distance(dc2[1])).isEqualTo(HostDistance.REMOTE);
    List<Host> plan = plan(policy);
    assertThat(plan.subList(3, plan.size())).containsExactlyInAnyOrder(dc2[1], dc3[0]);

    policy.onUp(dc2[0]);
    // Back at the end of its datacenter's list: dc2[1] keeps the remote slot.
    assertThat(policy.distance(dc2[1])).isEqualTo(HostDistance.REMOTE);
    assertThat(policy.distance(dc2[0])).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_take_added_hosts_and_forget_removed_ones() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1");
    policy.populate(view(), List.of(dc1[0]));
    Host added = TestHosts.host(1, 42);

    policy.onAdd(added);
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], added);

    policy.onRemove(dc1[0]);
    assertThat(plan(policy)).containsExactly(added);
  }

  @Test
  void should_regroup_a_host_reported_again_after_its_datacenter_changed() {
    Host moving = TestHosts.unknown(7);
    HostUpdater.markUp(moving);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc1");
    policy.populate(view(), List.of(dc1[0], moving));
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc1[0], moving);

    HostUpdater.setLocation(moving, "dc2", "rack1");
    policy.onUp(moving);

    assertThat(plan(policy)).containsExactly(dc1[0]);
    assertThat(policy.distance(moving)).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_infer_the_local_datacenter_from_a_contact_point_at_populate() {
    FakeClusterView view = view().contactPoints(dc2[1]);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();

    policy.populate(view, interleaved());

    assertThat(policy.localDc()).isEqualTo("dc2");
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc2);
    assertThat(policy.inferenceWarning()).isNull();
  }

  @Test
  void should_treat_an_empty_local_datacenter_as_not_given() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("", 0);

    policy.populate(view().contactPoints(dc3[0]), interleaved());

    assertThat(policy.localDc()).isEqualTo("dc3");
  }

  @Test
  void should_prefer_a_contact_point_known_up_when_inferring_at_populate() {
    HostUpdater.markDown(dc1[0]);
    FakeClusterView view = view().contactPoints(dc1[0], dc3[0]);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();

    policy.populate(view, interleaved());

    assertThat(policy.localDc()).isEqualTo("dc3");
  }

  @Test
  void should_warn_when_the_contact_points_span_datacenters() {
    FakeClusterView view = view().contactPoints(dc1[0], dc2[0]);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();

    policy.populate(view, interleaved());

    assertThat(policy.localDc()).isEqualTo("dc1");
    assertThat(policy.inferenceWarning()).contains("[dc1, dc2]").contains("'dc1'");
  }

  @Test
  void should_infer_the_local_datacenter_when_a_contact_point_comes_up_with_its_datacenter() {
    Host contact = new Host(TestHosts.endpoint(2, 1));
    FakeClusterView view = new FakeClusterView().hosts(contact, dc1[0]).contactPoints(contact);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();
    policy.populate(view, List.of(contact, dc1[0]));
    assertThat(policy.localDc()).isNull();
    assertThat(plan(policy)).containsExactly(contact);

    HostUpdater.setLocation(contact, "dc2", "rack1");
    HostUpdater.markUp(contact);
    policy.onUp(contact);
    policy.onUp(dc2[1]);

    assertThat(policy.localDc()).isEqualTo("dc2");
    assertThat(plan(policy)).containsExactlyInAnyOrder(contact, dc2[1]);
    assertThat(policy.distance(dc1[0])).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_warn_when_a_contact_point_coming_up_is_one_of_several_datacenters() {
    Host first = new Host(TestHosts.endpoint(1, 1));
    Host second = new Host(TestHosts.endpoint(2, 1));
    FakeClusterView view =
        new FakeClusterView().hosts(first, second).contactPoints(first, second);
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();
    policy.populate(view, List.of(first, second));

    HostUpdater.setLocation(first, "dc1", "r1");
    HostUpdater.setLocation(second, "dc2", "r1");
    policy.onUp(second);
    policy.onUp(first);

    assertThat(policy.localDc()).isEqualTo("dc2");
    assertThat(policy.inferenceWarning()).contains("[dc2, dc1]").contains("'dc2'");
    assertThat(plan(policy)).containsExactly(second);
  }

  @Test
  void should_not_infer_from_a_host_that_is_not_a_contact_point() {
    FakeClusterView view = new FakeClusterView().contactPoint(TestHosts.endpoint(9, 9));
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();
    policy.populate(view, List.of(dc1[0]));

    policy.onUp(dc2[0]);

    assertThat(policy.localDc()).isNull();
    assertThat(plan(policy)).isEmpty();
    assertThat(policy.inferenceWarning()).contains("could not infer");
  }

  @Test
  void should_never_change_a_configured_local_datacenter() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc3");
    policy.populate(view().contactPoints(dc1[0]), interleaved());
    policy.onUp(dc1[0]);

    assertThat(policy.localDc()).isEqualTo("dc3");
    assertThat(plan(policy)).containsExactlyInAnyOrder(dc3);
  }

  @Test
  void should_list_the_datacenters_of_contact_points_in_order() {
    assertThat(DCAwareRoundRobinPolicy.contactPointDatacenters(interleaved(),
        Set.of(dc3[0].endpoint(), dc1[2].endpoint(), dc3[1].endpoint())))
        .containsExactly("dc3", "dc1");
  }

  @Test
  void should_list_remote_hosts_when_no_local_host_is_live() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc9", 1);
    policy.populate(view(), interleaved());

    assertThat(plan(policy)).containsExactly(dc1[0], dc2[0], dc3[0]);
  }

  @Test
  void should_refuse_a_negative_number_of_remote_hosts() {
    assertThatThrownBy(() -> new DCAwareRoundRobinPolicy("dc1", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usedHostsPerRemoteDc");
  }

  @Test
  void should_have_the_seed_defaults() {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy();

    assertThat(policy.localDc()).isNull();
    assertThat(policy.usedHostsPerRemoteDc()).isZero();
    assertThat(plan(policy)).isEmpty();
  }
}
