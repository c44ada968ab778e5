package io.loomcql.policies;

import static io.loomcql.policies.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhiteListRoundRobinPolicyTest {

  private final Host[] dc1 = TestHosts.dc(1, 3);
  private final Host[] dc2 = TestHosts.dc(2, 2);

  private static String ip(Host host) {
    return host.address().getHostAddress();
  }

  @Test
  void should_list_only_allowed_live_hosts_in_rotation() {
    WhiteListRoundRobinPolicy policy =
        new WhiteListRoundRobinPolicy(List.of(ip(dc1[0]), ip(dc2[1])));
    policy.populate(new FakeClusterView(), List.of(dc1[0], dc1[1], dc1[2], dc2[0], dc2[1]));
    Map<Host, Integer> firsts = new HashMap<>();

    for (int i = 0; i < 100; i++) {
      List<Host> plan = plan(policy);
      assertThat(plan).containsExactlyInAnyOrder(dc1[0], dc2[1]);
      firsts.merge(plan.get(0), 1, Integer::sum);
    }

    assertThat(firsts).containsOnly(Map.entry(dc1[0], 50), Map.entry(dc2[1], 50));
  }

  @Test
  void should_call_allowed_hosts_local_and_the_others_ignored() {
    WhiteListRoundRobinPolicy policy = new WhiteListRoundRobinPolicy(List.of(ip(dc1[0])));

    assertThat(policy.distance(dc1[0])).isEqualTo(HostDistance.LOCAL);
    assertThat(policy.distance(dc1[1])).isEqualTo(HostDistance.IGNORED);
    assertThat(policy.isAllowed(new Host(new InetSocketAddress(dc1[0].address(), 19042))))
        .isTrue();
  }

  @Test
  void should_ignore_up_and_add_events_of_hosts_not_allowed() {
    WhiteListRoundRobinPolicy policy = new WhiteListRoundRobinPolicy(List.of(ip(dc1[0])));
    policy.populate(new FakeClusterView(), List.of());

    policy.onUp(dc1[1]);
    policy.onAdd(dc2[0]);
    policy.onAdd(dc1[0]);
    assertThat(plan(policy)).containsExactly(dc1[0]);

    policy.onDown(dc1[0]);
    assertThat(plan(policy)).isEmpty();
    policy.onUp(dc1[0]);
    policy.onRemove(dc1[0]);
    assertThat(plan(policy)).isEmpty();
  }

  @Test
  void should_match_endpoints_by_address_and_port() {
    Host otherPort = new Host(new InetSocketAddress(dc1[0].address(), 9043));
    WhiteListRoundRobinPolicy policy =
        WhiteListRoundRobinPolicy.ofEndpoints(List.of(dc1[0].endpoint()));
    policy.populate(new FakeClusterView(), List.of(dc1[0], otherPort, dc1[1]));

    assertThat(plan(policy)).containsExactly(dc1[0]);
    assertThat(policy.distance(otherPort)).isEqualTo(HostDistance.IGNORED);
  }

  @Test
  void should_resolve_host_names_at_construction() {
    Host local = new Host(new InetSocketAddress("127.0.0.1", 9042));
    WhiteListRoundRobinPolicy policy = new WhiteListRoundRobinPolicy(List.of("localhost"));

    assertThat(policy.distance(local)).isEqualTo(HostDistance.LOCAL);
  }

  @Test
  void should_refuse_an_empty_list_or_an_unresolvable_name() {
    assertThatThrownBy(() -> new WhiteListRoundRobinPolicy(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WhiteListRoundRobinPolicy.ofEndpoints(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WhiteListRoundRobinPolicy(List.of("no-such-host.invalid")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-host.invalid");
  }
}
