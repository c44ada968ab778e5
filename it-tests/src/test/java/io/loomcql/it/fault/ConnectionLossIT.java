package io.loomcql.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.node.Host;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.testserver.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node that closes its connections: after the driver wrote a request (it may have been applied,
 * so only an idempotent statement moves on), and before anything could be written (nothing was
 * sent, so every statement moves on). Plans always start with node 1.
 */
class ConnectionLossIT {

  @Test
  void connection_closed_after_the_write_moves_an_idempotent_statement_to_the_next_node() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = RetryDecisionsIT.driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.closeConnection());
      ResultSet rs = session.execute(RetryDecisionsIT.insert(true));
      assertThat(fake.requests()).containsExactly(1, 1, 0);
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(2));
      assertThat(rs.attemptedHosts()).containsExactly(fake.endpoint(1), fake.endpoint(2));
    }
  }

  @Test
  void connection_closed_after_the_write_of_a_non_idempotent_statement_is_rethrown() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = RetryDecisionsIT.driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.closeConnection());
      assertThatThrownBy(() -> session.execute(RetryDecisionsIT.insert(false)))
          .isInstanceOf(ConnectionException.class);
      assertThat(fake.requests()).containsExactly(1, 0, 0);
    }
  }

  @Test
  void node_closing_every_connection_before_the_write_gets_nothing_and_the_next_node_answers() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = RetryDecisionsIT.driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      // Every connection to node 1 is closed, and each new one is closed before its handshake.
      fake.node(1).disconnectAndRefuse();
      awaitDown(cluster, fake, 1);
      for (boolean idempotent : new boolean[] {false, true}) {
        ResultSet rs = session.execute(RetryDecisionsIT.insert(idempotent));
        assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(2));
      }
      assertThat(fake.requests()).containsExactly(0, 2, 0);
    }
  }

  @Test
  void node_closing_connections_during_the_handshake_from_the_start_is_skipped() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3)) {
      fake.node(1).disconnectAndRefuse();
      // Node 1 is also the first contact point: the control connection moves on to node 2.
      try (Cluster cluster = RetryDecisionsIT.driver(
              fake.builder().contactPoints("127.0.0.1", "127.0.0.2"), new DefaultRetryPolicy());
          Session session = cluster.connect(null, true)) {
        ResultSet rs = session.execute(RetryDecisionsIT.insert(false));
        assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(2));
        assertThat(fake.requests()).containsExactly(0, 1, 0);
      }
    }
  }

  /** Waits until the driver believes node {@code i} down (its connections closed under it). */
  static void awaitDown(Cluster cluster, FakeCluster fake, int i) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (Host host : cluster.hosts()) {
        if (host.endpoint().equals(fake.endpoint(i)) && Boolean.FALSE.equals(host.isUp())) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the driver did not see node " + i + " go down: " + cluster.hosts());
  }

  /**
   * The fake nodes speak v4 only: a driver left to negotiate starts with v5, gets a protocol error
   * and settles on v4 (the other tests pin v4 on the builder).
   */
  @Test
  void driver_negotiates_down_to_the_fake_nodes_v4() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = Cluster.builder()
            .contactPoints("127.0.0.1")
            .port(fake.port())
            .schemaMetadataEnabled(false)
            .tokenMetadataEnabled(false)
            .build();
        Session session = cluster.connect(null, true)) {
      assertThat(cluster.protocolVersion()).isEqualTo(ProtocolVersion.V4);
      assertThat(cluster.hosts()).hasSize(3);
      for (int i = 0; i < 6; i++) {
        session.execute(RetryDecisionsIT.insert(false));
      }
      assertThat(fake.requests().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
    }
  }
}
