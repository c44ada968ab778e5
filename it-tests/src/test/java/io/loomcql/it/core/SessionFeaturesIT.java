package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.concurrent.ExecutionResult;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import io.loomcql.query.RowFactory;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealCassandra
class SessionFeaturesIT {

  private static Cluster cluster;
  private static Session session;

  record User(int id, String name, boolean active) {}

  @BeforeAll
  static void schema(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_features WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.setKeyspace("it_features");
    session.execute("CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, active boolean)");
    session.execute("CREATE TABLE IF NOT EXISTS wide (p int, c int, PRIMARY KEY (p, c))");
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Test
  void conditional_updates_report_whether_they_applied() {
    session.execute("DELETE FROM users WHERE id = 1");
    ResultSet first = session.execute("INSERT INTO users (id, name, active) VALUES (1, 'ann', true) IF NOT EXISTS");
    ResultSet second = session.execute("INSERT INTO users (id, name, active) VALUES (1, 'bob', true) IF NOT EXISTS");

    assertThat(first.wasApplied()).isTrue();
    assertThat(second.wasApplied()).isFalse();
    assertThat(second.one().getString("name")).isEqualTo("ann");
    assertThatThrownBy(() -> session.execute("SELECT * FROM users WHERE id = 1").wasApplied())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void every_row_factory_shapes_rows_its_way() {
    session.execute("INSERT INTO users (id, name, active) VALUES (2, 'cy', false)");
    ResultSet rs = session.execute("SELECT id, name, active FROM users WHERE id = 2");

    assertThat(rs.one(RowFactory.tuple())).containsExactly(2, "cy", false);
    assertThat(rs.one(RowFactory.namedTuple()).getString("name")).isEqualTo("cy");
    assertThat(rs.one(RowFactory.dict())).containsEntry("id", 2).containsEntry("name", "cy");
    LinkedHashMap<String, Object> ordered = rs.one(RowFactory.orderedDict());
    assertThat(ordered.keySet()).containsExactly("id", "name", "active");
    assertThat(rs.one(RowFactory.record(User.class))).isEqualTo(new User(2, "cy", false));
    assertThat(session.execute("SELECT count(*) FROM users").one(RowFactory.dict())).containsKey("count");
  }

  @Test
  void pages_ten_thousand_rows_synchronously_asynchronously_and_from_a_saved_state() {
    if (session.execute("SELECT count(*) FROM wide WHERE p = 1").one().getLong(0) != 10_000) {
      PreparedStatement insert = session.prepare("INSERT INTO wide (p, c) VALUES (1, ?)");
      List<Object[]> values = IntStream.range(0, 10_000).mapToObj(c -> new Object[] {c}).toList();
      assertThat(session.executeConcurrent(insert, values, 100)).allMatch(ExecutionResult::success);
    }
    Statement select = new SimpleStatement("SELECT c FROM wide WHERE p = 1").setFetchSize(100);

    assertThat(session.execute(select).all()).hasSize(10_000);

    List<Integer> async = new ArrayList<>();
    ResultSet page = session.executeAsync(select).result();
    while (true) {
      page.currentRows().forEach(r -> async.add(r.getInt(0)));
      if (!page.hasMorePages()) {
        break;
      }
      ByteBuffer state = page.pagingState();
      page = session.executeAsync(new SimpleStatement("SELECT c FROM wide WHERE p = 1").setFetchSize(100).setPagingState(state)).result();
    }
    assertThat(async).hasSize(10_000).isSorted();

    ResultSet firstPage = session.execute(select);
    ByteBuffer saved = firstPage.pagingState();
    ResultSet resumed =
        session.execute(new SimpleStatement("SELECT c FROM wide WHERE p = 1").setFetchSize(100).setPagingState(saved));
    assertThat(resumed.currentRows().get(0).getInt(0)).isEqualTo(100);
    assertThat(resumed.all()).hasSize(9_900);
  }

  @Test
  void client_timestamps_order_writes_and_explicit_ones_win() {
    session.execute("INSERT INTO users (id, name) VALUES (3, 'first')");
    session.execute("INSERT INTO users (id, name) VALUES (3, 'second')");
    assertThat(session.execute("SELECT name FROM users WHERE id = 3").one().getString(0)).isEqualTo("second");

    long past = 1_000_000L;
    session.execute(new SimpleStatement("INSERT INTO users (id, name) VALUES (3, 'ancient')").setTimestamp(past));
    Row row = session.execute("SELECT name, writetime(name) FROM users WHERE id = 3").one();
    assertThat(row.getString(0)).isEqualTo("second");
    assertThat(row.getLong(1)).isGreaterThan(past);
  }

  @Test
  void ddl_waits_for_schema_agreement() {
    ResultSet rs = session.execute("CREATE TABLE IF NOT EXISTS agreed (k int PRIMARY KEY)");
    assertThat(rs.isSchemaAgreed()).isTrue();
    assertThat(session.executeAsync("DROP TABLE IF EXISTS agreed").result().isSchemaAgreed()).isTrue();
  }

  @Test
  void metrics_count_requests_errors_and_connections(TestCluster cassandra) {
    try (Cluster withMetrics = Clusters.builder(cassandra).metricsEnabled(true).build();
        Session measured = withMetrics.connect()) {
      for (int i = 0; i < 20; i++) {
        measured.execute("SELECT release_version FROM system.local");
      }
      assertThatThrownBy(() -> measured.execute("SELECT * FROM it_features.nope"))
          .isInstanceOf(io.loomcql.InvalidRequestException.class);

      Map<String, Object> snapshot = withMetrics.metrics().snapshot();
      @SuppressWarnings("unchecked")
      Map<String, Object> timer = (Map<String, Object>) snapshot.get("request_timer");
      assertThat((Long) timer.get("count")).isEqualTo(21L);
      assertThat((Long) timer.get("median_us")).isPositive();
      assertThat(snapshot).containsEntry("known_hosts", 1).containsEntry("connected_to", 1);
      assertThat((Integer) snapshot.get("open_connections")).isGreaterThanOrEqualTo(2);
    }
    assertThat(cluster.metrics()).isNull();
  }

  @Test
  void request_init_listeners_see_every_request_before_it_is_sent() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2);
    java.util.function.Consumer<io.loomcql.cluster.ResponseFuture> listener =
        future -> {
          seen.add(future.query().toString());
          future.addCallback(rs -> done.countDown());
        };
    session.addRequestInitListener(listener);
    try {
      session.execute("SELECT id FROM users WHERE id = 2");
      session.executeAsync("SELECT id FROM users WHERE id = 1").result();
    } finally {
      session.removeRequestInitListener(listener);
    }
    session.execute("SELECT id FROM users WHERE id = 3");

    assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).contains("WHERE id = 2");
  }

  @Test
  void execute_concurrent_reports_each_outcome_in_order() {
    List<Statement> statements =
        List.of(
            new SimpleStatement("SELECT id FROM users WHERE id = 2"),
            new SimpleStatement("SELEKT broken"),
            new SimpleStatement("SELECT id FROM users WHERE id = 1"));

    List<ExecutionResult> results = session.executeConcurrent(statements, 2, false);

    assertThat(results).extracting(ExecutionResult::success).containsExactly(true, false, true);
    assertThat(results.get(1).error()).isInstanceOf(io.loomcql.SyntaxException.class);
    assertThatThrownBy(() -> session.executeConcurrent(statements, 2, true))
        .isInstanceOf(io.loomcql.SyntaxException.class);
    Map<String, Object> unused = Map.of();
    assertThat(unused).isEmpty();
  }
}
