package io.loomcql.it.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Waits;
import io.loomcql.node.Host;
import io.loomcql.policies.ConstantReconnectionPolicy;
import io.loomcql.policies.DCAwareRoundRobinPolicy;
import io.loomcql.policies.HostDistance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * DC-aware routing on two data centers of two nodes (dc1 on 127.0.0.1-2, dc2 on 127.0.0.3-4): no
 * request leaves the local data center while it is up; with {@code usedHostsPerRemoteDc} they all
 * go remote once it is down. Skipped with -Dloomcql.it.multinode=false (the
 * 4-node cluster takes about a minute to start).
 */
@RealCassandra(nodes = 4, dataCenters = 2)
@EnabledIfSystemProperty(named = "loomcql.it.multinode", matches = "true")
class TwoDataCentersIT {

  @Test
  void requests_stay_in_the_local_dc_and_go_remote_only_when_it_is_down(TestCluster cassandra) {
    DCAwareRoundRobinPolicy policy = new DCAwareRoundRobinPolicy(null, 2);
    try (Cluster cluster =
            Cluster.builder()
                .contactPoints(cassandra.node(1).address())
                .port(cassandra.port())
                .loadBalancingPolicy(policy)
                .statusEventRefreshWindow(Duration.ZERO)
                .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(500), null))
                .build();
        Session session = cluster.connect(null, true)) {
      assertThat(policy.localDc()).isEqualTo("dc1");
      assertThat(cluster.hosts()).hasSize(4);
      for (Host host : cluster.hosts()) {
        assertThat(policy.distance(host))
            .isEqualTo("dc1".equals(host.datacenter()) ? HostDistance.LOCAL : HostDistance.REMOTE);
      }
      assertThat(coordinators(session, 20))
          .containsExactlyInAnyOrder(cassandra.node(1).address(), cassandra.node(2).address());

      try {
        cassandra.node(1).kill();
        cassandra.node(2).kill();
        Waits.until(
            Duration.ofSeconds(60),
            "dc1 marked down",
            () -> cluster.hosts().stream()
                .filter(h -> "dc1".equals(h.datacenter()))
                .allMatch(h -> Boolean.FALSE.equals(h.isUp())));

        // Remote nodes are tried in order, not rotated (as in Python): every request goes to the
        // first live remote node of the policy's plan.
        List<String> plan = new ArrayList<>();
        policy.newQueryPlan(null, null).forEachRemaining(h -> {
          if ("dc2".equals(h.datacenter())) {
            plan.add(h.address().getHostAddress());
          }
        });
        assertThat(plan).as("remote nodes of the plan")
            .containsExactlyInAnyOrder(cassandra.node(3).address(), cassandra.node(4).address());
        assertThat(coordinators(session, 20)).containsExactly(plan.get(0));
      } finally {
        cassandra.node(1).restart();
        cassandra.node(2).restart();
      }
      Waits.until(
          Duration.ofSeconds(90),
          "dc1 back up",
          () -> cluster.hosts().stream().filter(h -> "dc1".equals(h.datacenter())).allMatch(Host::isKnownUp));
      Waits.until(
          Duration.ofSeconds(30),
          "requests back in dc1",
          () -> coordinators(session, 10).equals(Set.of(cassandra.node(1).address(), cassandra.node(2).address())));
    }
  }

  private static Set<String> coordinators(Session session, int count) {
    Set<String> coordinators = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      coordinators.add(Nodes.coordinator(session, null));
    }
    return coordinators;
  }
}
