package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.AlreadyExistsException;
import io.loomcql.InvalidRequestException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.SyntaxException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RealCassandra
class ErrorsIT {

  @Test
  void a_syntax_error_carries_the_servers_message(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      assertThatThrownBy(() -> session.execute("SELEKT * FROM system.local"))
          .isInstanceOf(SyntaxException.class)
          .hasMessageContaining("code=2000")
          .hasMessageContaining("SELEKT")
          .satisfies(e -> assertThat(((SyntaxException) e).errorCode()).isEqualTo(0x2000));
      // The connection survives the error.
      assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }
  }

  @Test
  void invalid_requests_and_existing_tables_map_to_their_exceptions(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      assertThatThrownBy(() -> session.execute("SELECT * FROM system.no_such_table"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("no_such_table");

      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_errors WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_errors.t (k int PRIMARY KEY)");
      assertThatThrownBy(() -> session.execute("CREATE TABLE it_errors.t (k int PRIMARY KEY)"))
          .isInstanceOfSatisfying(
              AlreadyExistsException.class,
              e -> {
                assertThat(e.keyspace()).isEqualTo("it_errors");
                assertThat(e.table()).isEqualTo("t");
              });
    }
  }

  @Test
  void too_few_live_replicas_is_unavailable_with_the_servers_figures(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_rf3 WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("CREATE TABLE IF NOT EXISTS it_rf3.t (k int PRIMARY KEY)");

      assertThatThrownBy(
              () ->
                  session.execute(
                      new SimpleStatement("INSERT INTO it_rf3.t (k) VALUES (1)")
                          .setConsistencyLevel(io.loomcql.ConsistencyLevel.QUORUM)
                          // The default policy would try the next node, and there is none.
                          .setRetryPolicy(new io.loomcql.policies.FallthroughRetryPolicy())))
          .isInstanceOfSatisfying(
              io.loomcql.UnavailableException.class,
              e -> {
                assertThat(e.consistency()).isEqualTo(io.loomcql.ConsistencyLevel.QUORUM);
                assertThat(e.requiredReplicas()).isEqualTo(2);
                assertThat(e.aliveReplicas()).isEqualTo(1);
                assertThat(e.errorCode()).isEqualTo(0x1000);
              });
    }
  }

  @Test
  void a_wrong_value_type_for_a_marker_is_refused_by_the_server(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_errors WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_errors.t (k int PRIMARY KEY)");
      // A simple statement's values are typed from their Java class: the server checks the bytes.
      assertThatThrownBy(
              () -> session.execute(SimpleStatement.newInstance("INSERT INTO it_errors.t (k) VALUES (?)", "abc")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("int");
    }
  }

  @Test
  void a_request_to_a_frozen_node_times_out_on_the_client(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute("SELECT release_version FROM system.local");
      cassandra.node(1).pause();
      try {
        assertThatThrownBy(
                () -> session.execute(new SimpleStatement("SELECT * FROM system.local"), Duration.ofMillis(500)))
            .isInstanceOf(OperationTimedOutException.class)
            .hasMessageContaining("500 ms");
        long start = System.nanoTime();
        io.loomcql.cluster.ResponseFuture async =
            session.executeAsync(new SimpleStatement("SELECT * FROM system.local"), Duration.ofMillis(300));
        assertThatThrownBy(() -> async.result(Duration.ofSeconds(10)))
            .isInstanceOf(OperationTimedOutException.class)
            .hasMessageContaining("300 ms");
        assertThat(System.nanoTime() - start).as("not before its deadline").isGreaterThanOrEqualTo(300_000_000L);
      } finally {
        cassandra.node(1).resume();
      }
      // The late answer is dropped and the connection keeps working.
      assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }
  }
}
