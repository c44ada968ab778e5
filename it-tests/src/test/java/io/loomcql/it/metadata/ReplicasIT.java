package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Waits;
import io.loomcql.node.Host;
import io.loomcql.query.PreparedStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On three nodes: the token ring read from system.local/peers, the replicas of random keys equal to
 * what the server says ({@code nodetool getendpoints}) for SimpleStrategy RF 1 to 3, replica
 * placement following a replication change, and idle heartbeats noticing a node that stopped
 * answering.
 */
@RealCassandra(nodes = 3)
class ReplicasIT {

  private static final String KS = "it_meta_replicas";
  private static final int KEYS = 200;

  static Cluster.Builder builder(TestCluster cassandra) {
    // One contact point: the others are discovered.
    return Cluster.builder().contactPoints(cassandra.node(1).address()).port(cassandra.port());
  }

  @Test
  void should_build_the_ring_of_every_node_and_match_the_server_replicas_for_rf_1_to_3(TestCluster cassandra)
      throws Exception {
    long start = System.nanoTime();
    try (Cluster cluster = builder(cassandra).schemaEventRefreshWindow(Duration.ZERO).build();
        NaturalEndpoints server = new NaturalEndpoints(cassandra.node(1))) {
      Session session = cluster.connect();
      long discovery = (System.nanoTime() - start) / 1_000_000;
      assertThat(cluster.metadata().allHosts()).hasSize(3);
      assertThat(cluster.metadata().tokenMap().ring()).hasSize(3 * 16);
      System.out.printf("3-node cluster: connected with schema and ring in %d ms%n", discovery);

      for (int rf = 1; rf <= 3; rf++) {
        String ks = KS + "_rf" + rf;
        session.execute("DROP KEYSPACE IF EXISTS " + ks);
        session.execute("CREATE KEYSPACE " + ks + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + rf + "}");
        session.execute("CREATE TABLE " + ks + ".t (k int PRIMARY KEY, v int)");
        try {
          cluster.refreshKeyspaceMetadata(ks);
          PreparedStatement insert = session.prepare("INSERT INTO " + ks + ".t (k, v) VALUES (?, ?)");
          Random random = new Random(rf);
          for (int i = 0; i < KEYS; i++) {
            int k = random.nextInt();
            List<Host> replicas = cluster.metadata().getReplicas(ks, insert.bind(k, i).routingKey());
            assertThat(replicas).hasSize(rf);
            assertThat(addresses(replicas)).as("replicas of %d with RF %d", k, rf).isEqualTo(server.of(ks, "t", Integer.toString(k)));
          }
        } finally {
          session.execute("DROP KEYSPACE IF EXISTS " + ks);
        }
      }
    }
  }

  @Test
  void should_place_replicas_again_when_the_replication_factor_changes(TestCluster cassandra) throws Exception {
    try (Cluster cluster = builder(cassandra).schemaEventRefreshWindow(Duration.ofMillis(500)).build();
        NaturalEndpoints server = new NaturalEndpoints(cassandra.node(2))) {
      Session session = cluster.connect();
      session.execute("DROP KEYSPACE IF EXISTS " + KS);
      session.execute("CREATE KEYSPACE " + KS + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE " + KS + ".t (k text PRIMARY KEY)");
      try {
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".t (k) VALUES (?)");
        Waits.until(Duration.ofSeconds(5), "keyspace known", () -> cluster.metadata().keyspace(KS) != null);
        assertThat(cluster.metadata().getReplicas(KS, insert.bind("a").routingKey())).hasSize(1);

        session.execute("ALTER KEYSPACE " + KS + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
            + cassandra.localDataCenter() + "': 2}");
        Waits.until(Duration.ofSeconds(5), "two replicas", () -> cluster.metadata().getReplicas(KS, insert.bind("a").routingKey()).size() == 2);
        for (int i = 0; i < KEYS; i++) {
          String key = "key " + i;
          assertThat(addresses(cluster.metadata().getReplicas(KS, insert.bind(key).routingKey())))
              .as("replicas of '%s'", key)
              .isEqualTo(server.of(KS, "t", key));
        }
      } finally {
        session.execute("DROP KEYSPACE IF EXISTS " + KS);
      }
    }
  }

  @Test
  void should_mark_a_paused_node_down_through_unanswered_heartbeats(TestCluster cassandra) {
    try (Cluster cluster =
        builder(cassandra)
            .idleHeartbeatInterval(Duration.ofSeconds(1))
            .idleHeartbeatTimeout(Duration.ofSeconds(1))
            .reconnectionPolicy(new io.loomcql.policies.ConstantReconnectionPolicy(Duration.ofMillis(500), null))
            .build()) {
      // Every pool open before the pause: the heartbeats of the pool's connection must notice.
      cluster.connect(null, true);
      InetSocketAddress third = cassandra.node(3).contactPoint();
      Host host = cluster.hosts().stream().filter(h -> h.endpoint().equals(third)).findFirst().orElseThrow();
      assertThat(host.isKnownUp()).isTrue();

      cassandra.node(3).pause();
      Duration down;
      try {
        // Idle, so only heartbeats can notice: at most interval + timeout, plus scheduling slack.
        down = Waits.until(Duration.ofSeconds(15), "node 3 marked down", () -> Boolean.FALSE.equals(host.isUp()));
      } finally {
        cassandra.node(3).resume();
      }
      Duration up = Waits.until(Duration.ofSeconds(30), "node 3 marked up", host::isKnownUp);
      System.out.printf("heartbeat: paused node marked down after %d ms, up %d ms after resuming%n",
          down.toMillis(), up.toMillis());
    }
  }

  private static Set<String> addresses(List<Host> hosts) {
    Set<String> addresses = new LinkedHashSet<>();
    for (Host host : hosts) {
      addresses.add(host.address().getHostAddress());
    }
    return addresses;
  }
}
