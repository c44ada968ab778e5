package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.auth.PlainTextAuthProvider;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.harness.TestNode;
import io.loomcql.it.support.CapturedStderr;
import io.loomcql.it.support.Clusters;
import io.loomcql.it.support.Waits;
import io.loomcql.query.Row;
import io.loomcql.testserver.CqlTestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@RealCassandra
class ConnectIT {

  @Test
  void reads_the_server_version_over_the_highest_protocol_it_speaks(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      Row local = session.execute("SELECT release_version FROM system.local").one();

      assertThat(local.getString("release_version")).startsWith("5.0.");
      assertThat(local.getString(0)).isEqualTo(local.getString("release_version"));
      assertThat(cluster.protocolVersion()).isEqualTo(ProtocolVersion.V5);
    }
  }

  @Test
  void speaks_protocol_v4_when_told_to(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(ProtocolVersion.V4).build();
        Session session = cluster.connect()) {
      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0))
          .startsWith("5.0.");
      assertThat(cluster.protocolVersion()).isEqualTo(ProtocolVersion.V4);
    }
  }

  @Test
  void connects_a_session_to_a_keyspace_and_follows_use_statements(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra)) {
      try (Session session = cluster.connect()) {
        session.execute(
            "CREATE KEYSPACE IF NOT EXISTS it_connect WITH replication = "
                + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS it_connect.t (k int PRIMARY KEY, v text)");
        session.execute("INSERT INTO it_connect.t (k, v) VALUES (1, 'one')");
      }
      try (Session session = cluster.connect("it_connect")) {
        assertThat(session.keyspace()).isEqualTo("it_connect");
        assertThat(session.execute("SELECT v FROM t WHERE k = 1").one().getString("v")).isEqualTo("one");

        session.execute("USE system");
        assertThat(session.keyspace()).isEqualTo("system");
        assertThat(session.execute("SELECT release_version FROM local").one()).isNotNull();

        session.setKeyspace("it_connect");
        assertThat(session.execute("SELECT v FROM t WHERE k = 1").one().getString("v")).isEqualTo("one");
      }
    }
  }

  @Test
  void a_frozen_contact_point_fails_with_an_operation_timeout_after_the_connect_timeout(
      TestCluster cassandra) {
    TestNode node = cassandra.node(1);
    try (Cluster cluster = Clusters.builder(cassandra).connectTimeout(Duration.ofSeconds(1)).build()) {
      node.pause(); // SIGSTOP: the kernel still accepts the TCP connection, nothing answers
      try {
        assertThatThrownBy(cluster::connect)
            .isInstanceOfSatisfying(
                NoHostAvailableException.class,
                e ->
                    assertThat(e.errors().values())
                        .hasSize(1)
                        .allSatisfy(
                            error ->
                                assertThat(error)
                                    .isInstanceOf(OperationTimedOutException.class)
                                    .hasMessageContaining("Timed out creating connection (1 seconds)")));
      } finally {
        node.resume();
      }
    }
  }

  @Test
  void credentials_for_a_node_without_authentication_warn_once_per_connection(TestCluster cassandra) {
    String warning =
        "An authentication challenge was not sent, this is suspicious because the driver expects"
            + " authentication (configured authenticator = PlainTextAuthProvider)";
    try (CapturedStderr logs = new CapturedStderr();
        Cluster cluster =
            Clusters.builder(cassandra)
                .authProvider(new PlainTextAuthProvider("cassandra", "cassandra"))
                .metricsEnabled(true)
                .build();
        Session session = cluster.connect(null, true)) {
      int warned = occurrences(logs.text(), warning);
      Object connections = cluster.metrics().snapshot().get("open_connections");
      assertThat(warned).isEqualTo(connections).isGreaterThanOrEqualTo(2); // control + pool

      for (int i = 0; i < 20; i++) {
        session.execute("SELECT release_version FROM system.local");
      }
      assertThat(occurrences(logs.text(), warning)).isEqualTo(warned);
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @Test
  void an_unreachable_contact_point_fails_fast_naming_the_address_and_cause() throws Exception {
    int closedPort = CqlTestServer.unusedPort();
    try (Cluster cluster = Cluster.builder().contactPoints("127.0.0.1").port(closedPort).build()) {
      assertThatThrownBy(cluster::connect)
          .isInstanceOf(NoHostAvailableException.class)
          .hasMessageContaining("127.0.0.1:" + closedPort)
          // Fast: failed on the refusal itself, not after waiting out a connect timeout.
          .hasMessageContaining("refused")
          .satisfies(
              e ->
                  assertThat(((NoHostAvailableException) e).errors())
                      .containsOnlyKeys(new InetSocketAddress("127.0.0.1", closedPort)));
    }
  }

  @Test
  void refuses_use_after_shutdown_with_a_clear_error(TestCluster cassandra) {
    Cluster cluster = Clusters.connectTo(cassandra);
    Session session = cluster.connect();
    session.close();
    assertThatThrownBy(() -> session.execute("SELECT * FROM system.local"))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("Session is shut down");

    cluster.close();
    assertThatThrownBy(cluster::connect)
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("Cluster is already shut down");
  }

  @Test
  void leaves_no_driver_thread_behind_after_close(TestCluster cassandra) throws Exception {
    String prefix;
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute("SELECT * FROM system.local");
      prefix = cluster.toString().replaceAll(".*Cluster\\((loomcql-\\d+).*", "$1") + "-io";
      assertThat(driverThreads(prefix)).isNotZero();
    }
    assertThat(driverThreads(prefix)).isZero();
  }

  @Test
  void shutdown_under_load_completes_every_request_and_leaves_no_thread(TestCluster cassandra) throws Exception {
    Cluster cluster = Clusters.connectTo(cassandra);
    Session session = cluster.connect();
    String prefix = cluster.toString().replaceAll(".*Cluster\\((loomcql-\\d+).*", "$1");
    List<ResponseFuture> futures = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      futures.add(session.executeAsync("SELECT release_version FROM system.local"));
    }

    cluster.close();

    for (ResponseFuture future : futures) {
      // Each either completed or failed with a connection error: none is left hanging.
      assertThat(future.handle((rs, error) -> error == null || error instanceof ConnectionException))
          .succeedsWithin(Duration.ofSeconds(10))
          .isEqualTo(true);
    }
    // The last callbacks may still be returning on the driver's threads: wait for them to end.
    Waits.until(Duration.ofSeconds(30), "driver threads ended", () -> driverThreads(prefix + "-") == 0);
  }

  private static long driverThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .count();
  }
}
