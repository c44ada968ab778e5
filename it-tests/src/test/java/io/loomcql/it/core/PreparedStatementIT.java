package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolVersion;
import io.loomcql.SyntaxException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BatchType;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@RealCassandra
class PreparedStatementIT {

  private static Session connect(Cluster cluster) {
    Session session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_prepared WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.setKeyspace("it_prepared");
    return session;
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void binds_executes_and_reads_back_every_basic_type(ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = connect(cluster)) {
      session.execute(
          "CREATE TABLE IF NOT EXISTS typed (k int PRIMARY KEY, t text, b bigint, flag boolean, "
              + "u uuid, ts timestamp, data blob)");
      PreparedStatement insert =
          session.prepare("INSERT INTO typed (k, t, b, flag, u, ts, data) VALUES (?, ?, ?, ?, ?, ?, ?)");
      PreparedStatement select = session.prepare("SELECT * FROM typed WHERE k = ?");
      UUID uuid = UUID.randomUUID();
      Instant ts = Instant.ofEpochMilli(1_234_567_890_123L);

      session.execute(insert.bind(version.code(), "π", 5L, true, uuid, ts, ByteBuffer.wrap(new byte[] {9})));
      Row row = session.execute(select.bind(version.code())).one();

      assertThat(insert.columnMetadata().names()).containsExactly("k", "t", "b", "flag", "u", "ts", "data");
      assertThat(insert.routingKeyIndexes()).containsExactly(0);
      assertThat(row.getString("t")).isEqualTo("π");
      assertThat(row.getLong("b")).isEqualTo(5L);
      assertThat(row.getBoolean("flag")).isTrue();
      assertThat(row.getUuid("u")).isEqualTo(uuid);
      assertThat(row.getInstant("ts")).isEqualTo(ts);
      assertThat(row.getBytes("data")).isEqualTo(ByteBuffer.wrap(new byte[] {9}));
      assertThat(select.resultMetadata().names()).contains("k", "t");
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void refuses_bad_bindings_before_anything_is_sent(ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = connect(cluster)) {
      session.execute("CREATE TABLE IF NOT EXISTS kv (k int PRIMARY KEY, v text)");
      PreparedStatement insert = session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)");

      assertThatThrownBy(() -> insert.bind(1, "a", "extra"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Too many arguments provided to bind() (got 3, expected 2)");
      assertThatThrownBy(() -> insert.bind("not an int", "a"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column \"k\"")
          .hasMessageContaining("java.lang.String");
      assertThatThrownBy(() -> insert.bind(Map.of("v", "no key")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("partition key column 'k'");
      assertThatThrownBy(() -> session.prepare("INSERT INTO kv (k, v) VALUE (?, ?)"))
          .isInstanceOf(SyntaxException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void unset_values_leave_columns_untouched(ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = connect(cluster)) {
      session.execute("CREATE TABLE IF NOT EXISTS kv2 (k int PRIMARY KEY, a text, b text)");
      PreparedStatement insert = session.prepare("INSERT INTO kv2 (k, a, b) VALUES (?, ?, ?)");
      session.execute(insert.bind(1, "a1", "b1"));

      session.execute(insert.bind(1, "a2"));
      session.execute(insert.bind(Map.of("k", 1, "b", "b3")));

      Row row = session.execute("SELECT a, b FROM kv2 WHERE k = 1").one();
      assertThat(row.getString("a")).isEqualTo("a2");
      assertThat(row.getString("b")).isEqualTo("b3");
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void reprepares_transparently_after_the_table_changed(ProtocolVersion version, TestCluster cassandra) {
    String table = "evolving_" + version.name().toLowerCase();
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = connect(cluster)) {
      session.execute("DROP TABLE IF EXISTS " + table);
      session.execute("CREATE TABLE " + table + " (k int PRIMARY KEY, a int)");
      session.execute("INSERT INTO " + table + " (k, a) VALUES (1, 10)");
      PreparedStatement select = session.prepare("SELECT * FROM " + table + " WHERE k = ?");
      assertThat(session.execute(select.bind(1)).one().columnDefinitions().names()).containsExactly("k", "a");

      // Altering the table makes the server forget statements prepared on it.
      session.execute("ALTER TABLE " + table + " ADD b int");
      session.execute("UPDATE " + table + " SET b = 20 WHERE k = 1");

      Row row = session.execute(select.bind(1)).one();
      assertThat(row.columnDefinitions().names()).containsExactly("k", "a", "b");
      assertThat(row.getInt("b")).isEqualTo(20);
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void batches_mix_simple_and_bound_statements(ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = connect(cluster)) {
      session.execute("CREATE TABLE IF NOT EXISTS batched (p int, c int, v text, PRIMARY KEY (p, c))");
      session.execute("CREATE TABLE IF NOT EXISTS counted (k int PRIMARY KEY, n counter)");
      int p = 100 + version.code();
      session.execute("DELETE FROM batched WHERE p = " + p);
      PreparedStatement insert = session.prepare("INSERT INTO batched (p, c, v) VALUES (?, ?, ?)");

      BatchStatement batch =
          new BatchStatement()
              .add(insert, p, 1, "bound")
              .add("INSERT INTO batched (p, c, v) VALUES (?, ?, ?)", p, 2, "simple")
              .add(insert.bind(p, 3, "bound again"));
      session.execute(batch);

      ResultSet rows = session.execute("SELECT c, v FROM batched WHERE p = " + p);
      List<String> values = rows.all().stream().map(r -> r.getInt("c") + "=" + r.getString("v")).toList();
      assertThat(values).containsExactly("1=bound", "2=simple", "3=bound again");

      // The node keeps its counters between runs: the batch must add exactly 1 + 2 to what was there.
      Row counted = session.execute("SELECT n FROM counted WHERE k = " + p).one();
      long before = counted == null ? 0 : counted.getLong("n");
      PreparedStatement increment = session.prepare("UPDATE counted SET n = n + ? WHERE k = ?");
      BoundStatement once = increment.bind(1L, p);
      session.execute(new BatchStatement(BatchType.COUNTER).add(once).add(increment.bind(2L, p)));
      assertThat(session.execute("SELECT n FROM counted WHERE k = " + p).one().getLong("n"))
          .as("counter after a batch adding 1 and 2 to %d", before).isEqualTo(before + 3);
    }
  }
}
