package io.loomcql.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Waits;
import io.loomcql.node.Host;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

@RealCassandra(nodes = 3)
class ClusterAwarenessIT {

  private static Cluster.Builder builder(TestCluster cassandra) {
    // One contact point: the other nodes must be discovered.
    return Cluster.builder()
        .contactPoints(cassandra.node(1).address())
        .port(cassandra.port())
        .statusEventRefreshWindow(Duration.ZERO)
        .reconnectionPolicy(
            new io.loomcql.policies.ConstantReconnectionPolicy(Duration.ofMillis(500), null));
  }

  @Test
  void discovers_every_node_from_one_contact_point(TestCluster cassandra) {
    try (Cluster cluster = builder(cassandra).build();
        Session session = cluster.connect()) {
      Collection<Host> hosts = cluster.hosts();

      assertThat(hosts).extracting(Host::endpoint).containsExactlyInAnyOrderElementsOf(cassandra.contactPoints());
      assertThat(hosts).allSatisfy(host -> {
        assertThat(host.datacenter()).isEqualTo(cassandra.localDataCenter());
        assertThat(host.rack()).isNotBlank();
        assertThat(host.releaseVersion()).startsWith("5.0.");
        assertThat(host.hostId()).isNotNull();
        assertThat(host.isKnownUp()).isTrue();
      });
      assertThat(cluster.clusterName()).isNotBlank();
      // Requests spread over all three nodes' pools.
      assertThat(coordinators(session, 30))
          .containsExactlyInAnyOrder(
              cassandra.node(1).address(), cassandra.node(2).address(), cassandra.node(3).address());
    }
  }

  @Test
  void every_node_has_the_address_and_ports_it_announces_and_the_control_node_its_listen_address(TestCluster cassandra) {
    // Every node is asked directly: wait for every pool, not only the first one (connect()'s way).
    try (Cluster cluster = builder(cassandra).build();
        Session session = cluster.connect(null, true)) {
      assertThat(cluster.hosts()).hasSize(3);
      for (Host host : cluster.hosts()) {
        // The oracle: the node's own system.local, asked of that node.
        Row own = session.execute(
                SimpleStatement.newInstance(
                        "SELECT broadcast_address, broadcast_port, rpc_port, listen_address, listen_port"
                            + " FROM system.local")
                    .setHost(host))
            .one();
        assertThat(host.broadcastAddress()).as("%s broadcast address", host)
            .isEqualTo(own.get("broadcast_address", InetAddress.class));
        assertThat(host.addresses().broadcastAddress()).isEqualTo(host.broadcastAddress());
        assertThat(host.broadcastPort()).as("%s broadcast port", host).isEqualTo(own.getInt("broadcast_port"));
        assertThat(host.broadcastRpcPort()).as("%s native port", host)
            .isEqualTo(own.getInt("rpc_port"))
            .isEqualTo(cassandra.port());
        if (host.endpoint().equals(cassandra.node(1).contactPoint())) {
          // The control connection's node: its own row of system.local has the listen address.
          assertThat(host.listenAddress()).isEqualTo(own.get("listen_address", InetAddress.class));
          assertThat(host.listenPort()).isEqualTo(own.getInt("listen_port"));
        } else {
          // Read from system.peers_v2, which has no listen address or port.
          assertThat(host.listenAddress()).as("%s listen address", host).isNull();
          assertThat(host.listenPort()).as("%s listen port", host).isNull();
        }
      }
    }
  }

  @Test
  void marks_a_killed_node_down_and_brings_it_back_when_it_restarts(TestCluster cassandra) {
    try (Cluster cluster = builder(cassandra).build();
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_aware WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("CREATE TABLE IF NOT EXISTS it_aware.t (k int PRIMARY KEY, v int)");
      PreparedStatement insert = session.prepare("INSERT INTO it_aware.t (k, v) VALUES (?, ?)");
      Host third = host(cluster, cassandra.node(3).contactPoint());

      cassandra.node(3).kill();
      Waits.until(Duration.ofSeconds(30), "node 3 marked down", () -> Boolean.FALSE.equals(third.isUp()));
      // The others keep serving, prepared statements included.
      for (int k = 0; k < 20; k++) {
        session.execute(insert.bind(k, k).setIdempotent(true));
      }

      cassandra.node(3).restart();
      Waits.until(Duration.ofSeconds(60), "node 3 marked up", third::isKnownUp);
      Waits.untilAsserted(
          Duration.ofSeconds(30),
          () -> {
            for (int i = 0; i < 30; i++) {
              session.execute(insert.bind(100 + i, i));
            }
            assertThat(coordinators(session, 30)).contains(cassandra.node(3).address());
          });
    }
  }

  @Test
  void the_control_connection_survives_the_loss_of_its_node(TestCluster cassandra) {
    try (Cluster cluster = builder(cassandra).build();
        Session session = cluster.connect()) {
      Host first = host(cluster, cassandra.node(1).contactPoint());
      cassandra.node(1).kill();
      try {
        Waits.until(Duration.ofSeconds(30), "node 1 marked down", () -> Boolean.FALSE.equals(first.isUp()));
        Waits.until(
            Duration.ofSeconds(30), "control connection moved", () -> cluster.controlHost() != null
                && !cluster.controlHost().equals(first.endpoint()));
        assertThat(cluster.hosts()).hasSize(3);
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
      } finally {
        cassandra.node(1).restart();
      }
      Waits.until(Duration.ofSeconds(60), "node 1 marked up", first::isKnownUp);
    }
  }

  /** The addresses of the nodes that coordinated {@code count} queries. */
  private static Set<String> coordinators(Session session, int count) {
    Set<String> coordinators = new HashSet<>();
    for (int i = 0; i < count; i++) {
      coordinators.add(
          session.execute(new SimpleStatement("SELECT rpc_address FROM system.local"))
              .one()
              .get("rpc_address", java.net.InetAddress.class)
              .getHostAddress());
    }
    return coordinators;
  }

  private static Host host(Cluster cluster, InetSocketAddress endpoint) {
    return cluster.hosts().stream().filter(h -> h.endpoint().equals(endpoint)).findFirst().orElseThrow();
  }
}
