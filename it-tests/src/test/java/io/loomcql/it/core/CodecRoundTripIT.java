package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.cqltypes.DataType;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealCassandra
class CodecRoundTripIT {

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void createTable(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_codecs WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.setKeyspace("it_codecs");
    session.execute(
        "CREATE TABLE IF NOT EXISTS all_types (k int PRIMARY KEY, t text, i int, b bigint, "
            + "flag boolean, u uuid, ts timestamp, data blob)");
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Test
  void values_bound_to_markers_come_back_equal() {
    UUID uuid = UUID.randomUUID();
    Instant ts = Instant.ofEpochMilli(1_700_000_123_456L);
    ByteBuffer data = ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff});

    session.execute(
        SimpleStatement.newInstance(
            "INSERT INTO all_types (k, t, i, b, flag, u, ts, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            1, "héllo ✓ 'quoted'", Integer.MIN_VALUE, Long.MAX_VALUE, true, uuid, ts, data));

    Row row = session.execute("SELECT * FROM all_types WHERE k = 1").one();
    assertThat(row.getString("t")).isEqualTo("héllo ✓ 'quoted'");
    assertThat(row.getInt("i")).isEqualTo(Integer.MIN_VALUE);
    assertThat(row.getLong("b")).isEqualTo(Long.MAX_VALUE);
    assertThat(row.getBoolean("flag")).isTrue();
    assertThat(row.getUuid("u")).isEqualTo(uuid);
    assertThat(row.getInstant("ts")).isEqualTo(ts);
    assertThat(row.getBytes("data")).isEqualTo(data);
    assertThat(row.columnDefinitions().get(row.columnDefinitions().indexOf("data")).type())
        .isEqualTo(DataType.BLOB);
  }

  @Test
  void values_rendered_as_literals_come_back_equal() {
    UUID uuid = UUID.randomUUID();
    Instant ts = Instant.ofEpochMilli(-86_400_000L);

    session.execute(
        "INSERT INTO all_types (k, t, i, b, flag, u, ts, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        2, "x'); DROP TABLE all_types; --", 42, -1L, false, uuid, ts, new byte[] {7, 8});

    Row row = session.execute("SELECT * FROM all_types WHERE k = %s", 2).one();
    assertThat(row.getString("t")).isEqualTo("x'); DROP TABLE all_types; --");
    assertThat(row.getInt("i")).isEqualTo(42);
    assertThat(row.getLong("b")).isEqualTo(-1L);
    assertThat(row.getBoolean("flag")).isFalse();
    assertThat(row.getUuid("u")).isEqualTo(uuid);
    assertThat(row.getInstant("ts")).isEqualTo(ts);
    assertThat(row.getBytes("data")).isEqualTo(ByteBuffer.wrap(new byte[] {7, 8}));
  }

  @Test
  void nulls_read_back_as_null_or_zero() {
    session.execute(SimpleStatement.newInstance("INSERT INTO all_types (k, t, i) VALUES (?, ?, ?)", 3, null, null));

    Row row = session.execute("SELECT * FROM all_types WHERE k = 3").one();
    assertThat(row.isNull("t")).isTrue();
    assertThat(row.getString("t")).isNull();
    assertThat(row.isNull("i")).isTrue();
    assertThat(row.getInt("i")).isZero();
    assertThat(row.getObject("u")).isNull();
    assertThat(row.getBytes("data")).isNull();
  }

  @Test
  void reading_a_column_as_the_wrong_type_names_both_types() {
    session.execute("INSERT INTO all_types (k, i) VALUES (4, 5)");
    Row row = session.execute("SELECT k, i FROM all_types WHERE k = 4").one();

    assertThatThrownBy(() -> row.getString("i"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'i'")
        .hasMessageContaining("int");
    assertThatThrownBy(() -> row.getInt("missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
  }
}
