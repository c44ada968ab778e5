package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Plan invariants over random topologies and random sequences of host events. */
class QueryPlanPropertiesTest {

  /** An event: kind 0 up, 1 down, 2 add, 3 remove, on host (dc, n). */
  record Event(int kind, int dc, int n) {}

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Event> event = net.jqwik.api.Combinators.combine(
        Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(1, 5)).as(Event::new);
    return event.list().ofMaxSize(40);
  }

  private static Map<String, Host> hosts() {
    Map<String, Host> hosts = new HashMap<>();
    for (int dc = 1; dc <= 3; dc++) {
      for (int n = 1; n <= 5; n++) {
        hosts.put(dc + "/" + n, TestHosts.host(dc, n));
      }
    }
    return hosts;
  }

  /** Applies the events to the policy and to a model of the live set; returns the model. */
  private static Set<Host> apply(LoadBalancingPolicy policy, List<Event> events,
      Map<String, Host> hosts, int initialPerDc) {
    Set<Host> live = new LinkedHashSet<>();
    List<Host> initial = new ArrayList<>();
    for (int dc = 1; dc <= 3; dc++) {
      for (int n = 1; n <= initialPerDc; n++) {
        initial.add(hosts.get(dc + "/" + n));
      }
    }
    policy.populate(new FakeClusterView(), initial);
    live.addAll(initial);
    for (Event event : events) {
      Host host = hosts.get(event.dc() + "/" + event.n());
      switch (event.kind()) {
        case 0 -> {
          policy.onUp(host);
          live.add(host);
        }
        case 1 -> {
          policy.onDown(host);
          live.remove(host);
        }
        case 2 -> {
          policy.onAdd(host);
          live.add(host);
        }
        default -> {
          policy.onRemove(host);
          live.remove(host);
        }
      }
    }
    return live;
  }

  @Property(tries = 300)
  void round_robin_plans_hold_exactly_the_live_hosts(
      @ForAll("events") List<Event> events, @ForAll @IntRange(min = 0, max = 5) int initial) {
    RoundRobinPolicy policy = new RoundRobinPolicy();
    Set<Host> live = apply(policy, events, hosts(), initial);

    List<Host> plan = Plans.plan(policy);

    assertThat(plan).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(live);
  }

  @Property(tries = 300)
  void dc_aware_plans_hold_the_live_local_hosts_then_the_first_remote_ones(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 0, max = 5) int initial,
      @ForAll @IntRange(min = 0, max = 3) int usedPerRemote) {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy("dc2", usedPerRemote);
    Set<Host> live = apply(policy, events, hosts(), initial);

    List<Host> plan = Plans.plan(policy);

    List<Host> local = live.stream().filter(h -> h.datacenter().equals("dc2")).toList();
    assertThat(plan).doesNotHaveDuplicates();
    assertThat(plan.subList(0, local.size())).containsExactlyInAnyOrderElementsOf(local);
    List<Host> remote = plan.subList(local.size(), plan.size());
    for (String dc : List.of("dc1", "dc3")) {
      List<Host> liveInDc = live.stream().filter(h -> h.datacenter().equals(dc)).toList();
      List<Host> used = remote.stream().filter(h -> h.datacenter().equals(dc)).toList();
      assertThat(used).hasSize(Math.min(usedPerRemote, liveInDc.size()));
      assertThat(liveInDc).containsAll(used);
      for (Host host : liveInDc) {
        assertThat(policy.distance(host))
            .isEqualTo(used.contains(host) ? HostDistance.REMOTE : HostDistance.IGNORED);
      }
    }
  }

  @Property(tries = 100)
  void consecutive_plans_rotate_the_first_host_over_every_live_host(
      @ForAll @IntRange(min = 1, max = 12) int count) {
    RoundRobinPolicy policy = new RoundRobinPolicy();
    List<Host> hosts = List.of(TestHosts.dc(1, count));
    policy.populate(new FakeClusterView(), hosts);
    Set<Host> firsts = new LinkedHashSet<>();

    for (int i = 0; i < count; i++) {
      firsts.add(policy.newQueryPlan(null, null).next());
    }

    assertThat(firsts).containsExactlyInAnyOrderElementsOf(hosts);
  }
}
