package io.loomcql.it.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every CQL type against the server as an independent oracle, in both directions: the server
 * parses a CQL literal written by hand and the driver decodes what it sends back to the expected
 * Java value; the driver binds that Java value and the server renders it as text ({@code toJson})
 * exactly as it renders the value it parsed from the literal, and as written here by hand. A
 * codec wrong in both directions alike (a field order, a sign, a unit) fails here while a round
 * trip through the server as opaque storage would pass.
 */
@RealCassandra
class ServerTextOracleIT {

  private static final String KS = "it_oracle";
  private static final UserType ADDRESS = new UserType(KS, "address",
      List.of("street", "zip"), List.of(DataType.TEXT, DataType.INT));
  private static final TupleType INT_TEXT = new TupleType(List.of(DataType.INT, DataType.TEXT));

  /** A column: its CQL type, a literal, the Java value it denotes, and the server's JSON of it. */
  private record Column(String name, String cql, String literal, Object value, String json) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("c_ascii", "ascii", "'plain'", "plain", "\"plain\""),
      new Column("c_bigint", "bigint", "-9223372036854775808", Long.MIN_VALUE,
          "-9223372036854775808"),
      new Column("c_blob", "blob", "0x0001ff", ByteBuffer.wrap(new byte[] {0, 1, -1}),
          "\"0x0001ff\""),
      new Column("c_boolean", "boolean", "true", true, "true"),
      new Column("c_date", "date", "'1969-07-20'", LocalDate.of(1969, 7, 20), "\"1969-07-20\""),
      new Column("c_decimal", "decimal", "-12345.678900", new BigDecimal("-12345.678900"),
          "-12345.678900"),
      new Column("c_decimal_exp", "decimal", "1E+3", new BigDecimal("1E+3"), "1E+3"),
      new Column("c_double", "double", "3.141592653589793", Math.PI, "3.141592653589793"),
      new Column("c_double_tiny", "double", "4.9E-324", Double.MIN_VALUE, "4.9E-324"),
      new Column("c_duration", "duration", "1y2mo3d1h123ns",
          new CqlDuration(14, 3, 3_600_000_000_123L), "\"1y2mo3d1h123ns\""),
      new Column("c_duration_neg", "duration", "-1mo2d3ns", new CqlDuration(-1, -2, -3),
          "\"-1mo2d3ns\""),
      new Column("c_float", "float", "-1.5", -1.5f, "-1.5"),
      new Column("c_inet4", "inet", "'192.0.2.7'", inet("192.0.2.7"), "\"192.0.2.7\""),
      new Column("c_inet6", "inet", "'2001:db8::7'", inet("2001:db8::7"),
          "\"2001:db8:0:0:0:0:0:7\""),
      new Column("c_int", "int", "-2147483648", Integer.MIN_VALUE, "-2147483648"),
      new Column("c_smallint", "smallint", "-32768", (short) -32768, "-32768"),
      new Column("c_text", "text", "'héllo ✓ ''quoted'' 🎉'", "héllo ✓ 'quoted' 🎉",
          "\"héllo ✓ 'quoted' 🎉\""),
      new Column("c_time", "time", "'23:59:59.999999999'", LocalTime.of(23, 59, 59, 999_999_999),
          "\"23:59:59.999999999\""),
      new Column("c_timestamp", "timestamp", "'2023-11-14 22:15:23.456+0000'",
          Instant.ofEpochMilli(1_700_000_123_456L), "\"2023-11-14 22:15:23.456Z\""),
      new Column("c_timeuuid", "timeuuid", "50554d6e-29bb-11e5-b345-feff819cdc9f",
          UUID.fromString("50554d6e-29bb-11e5-b345-feff819cdc9f"),
          "\"50554d6e-29bb-11e5-b345-feff819cdc9f\""),
      new Column("c_tinyint", "tinyint", "-128", (byte) -128, "-128"),
      new Column("c_uuid", "uuid", "00112233-4455-6677-8899-aabbccddeeff",
          UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"),
          "\"00112233-4455-6677-8899-aabbccddeeff\""),
      new Column("c_varint", "varint", "-123456789012345678901234567890",
          new BigInteger("-123456789012345678901234567890"), "-123456789012345678901234567890"),
      new Column("c_list", "list<int>", "[3, 1, 2]", List.of(3, 1, 2), "[3, 1, 2]"),
      new Column("c_set", "set<text>", "{'b', 'a'}", Set.of("a", "b"), "[\"a\", \"b\"]"),
      new Column("c_map", "map<text, bigint>", "{'one': 1, 'two': -2}",
          Map.of("one", 1L, "two", -2L), "{\"one\": 1, \"two\": -2}"),
      new Column("c_tuple", "frozen<tuple<int, text>>", "(7, 'x')", INT_TEXT.newValue(7, "x"),
          "[7, \"x\"]"),
      new Column("c_udt", "frozen<address>", "{street: '1 Main St', zip: 6011}",
          ADDRESS.newValue().set("street", "1 Main St").set("zip", 6011),
          "{\"street\": \"1 Main St\", \"zip\": 6011}"),
      new Column("c_vector", "vector<float, 3>", "[0.25, -1.0, 3.5]",
          new float[] {0.25f, -1f, 3.5f}, "[0.25, -1.0, 3.5]"),
      // Elements of variable size: each is preceded by its length on the wire.
      new Column("c_vector_text", "vector<text, 2>", "['v1', 'vector two']",
          List.of("v1", "vector two"), "[\"v1\", \"vector two\"]"),
      new Column("c_vector_bigint", "vector<bigint, 2>", "[5, -6]", List.of(5L, -6L), "[5, -6]"));

  private static final int FROM_LITERALS = 1;
  private static final int FROM_DRIVER = 2;

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void createSchema(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = "
        + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TYPE IF NOT EXISTS " + KS + ".address (street text, zip int)");
    // Dropped first: a node kept from an earlier run may hold the table with other columns.
    session.execute("DROP TABLE IF EXISTS " + KS + ".oracle");
    session.execute("CREATE TABLE " + KS + ".oracle (k int PRIMARY KEY, "
        + COLUMNS.stream().map(c -> c.name() + " " + c.cql()).collect(Collectors.joining(", "))
        + ")");
    session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".counters (k int PRIMARY KEY, c counter)");
    session.execute("TRUNCATE " + KS + ".counters");
    // Written by the server from the hand-written literals; the driver only carries the text.
    session.execute("INSERT INTO " + KS + ".oracle (k, "
        + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
        + FROM_LITERALS + ", "
        + COLUMNS.stream().map(Column::literal).collect(Collectors.joining(", ")) + ")");
    // Written by the driver's codecs from the Java values.
    PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".oracle (k, "
        + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES (?"
        + ", ?".repeat(COLUMNS.size()) + ")");
    List<Object> values = new ArrayList<>();
    values.add(FROM_DRIVER);
    COLUMNS.forEach(c -> values.add(c.value()));
    session.execute(insert.bind(values.toArray()));
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Test
  void the_driver_decodes_what_the_server_parsed_from_literals_to_the_expected_values() {
    Row row = session.execute("SELECT * FROM " + KS + ".oracle WHERE k = " + FROM_LITERALS).one();
    assertThat(row.columnDefinitions().size()).isEqualTo(COLUMNS.size() + 1);
    for (Column c : COLUMNS) {
      assertThat(normalize(row.getObject(c.name()))).as("%s from %s", c.name(), c.literal())
          .isEqualTo(normalize(c.value()));
    }
  }

  @Test
  void the_server_renders_what_the_driver_bound_as_it_renders_the_literals() {
    Map<String, String> fromLiterals = json(FROM_LITERALS);
    Map<String, String> fromDriver = json(FROM_DRIVER);
    for (Column c : COLUMNS) {
      assertThat(fromLiterals.get(c.name())).as("%s parsed by the server from %s", c.name(), c.literal())
          .isEqualTo(c.json());
      assertThat(fromDriver.get(c.name())).as("%s bound by the driver as %s", c.name(), c.value())
          .isEqualTo(c.json());
    }
  }

  @Test
  void counters_added_by_literal_and_by_bound_value_read_the_same_both_ways() {
    session.execute("UPDATE " + KS + ".counters SET c = c + -9223372036854775807 WHERE k = 1");
    session.execute(session.prepare("UPDATE " + KS + ".counters SET c = c + ? WHERE k = ?")
        .bind(-9_223_372_036_854_775_807L, 2));

    for (int k : new int[] {1, 2}) {
      Row row = session.execute("SELECT c, toJson(c) AS j FROM " + KS + ".counters WHERE k = " + k)
          .one();
      assertThat(row.getLong("c")).as("counter %d", k).isEqualTo(-9_223_372_036_854_775_807L);
      assertThat(row.getString("j")).as("counter %d as JSON", k).isEqualTo("-9223372036854775807");
    }
  }

  /** The server's JSON of every column of row {@code k}. */
  private static Map<String, String> json(int k) {
    Row row = session.execute("SELECT "
        + COLUMNS.stream().map(c -> "toJson(" + c.name() + ") AS " + c.name())
            .collect(Collectors.joining(", "))
        + " FROM " + KS + ".oracle WHERE k = " + k).one();
    Map<String, String> out = new LinkedHashMap<>();
    for (Column c : COLUMNS) {
      out.put(c.name(), row.getString(c.name()));
    }
    return out;
  }

  private static InetAddress inet(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Values compared by content: float arrays, tuples and UDTs become lists; doubles by bits. */
  private static Object normalize(Object v) {
    return switch (v) {
      case null -> null;
      case float[] f -> {
        List<Float> out = new ArrayList<>();
        for (float x : f) {
          out.add(x);
        }
        yield out;
      }
      case TupleValue t -> {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
          out.add(t.getObject(i));
        }
        yield out;
      }
      case UdtValue u -> {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < u.size(); i++) {
          out.add(u.getObject(i));
        }
        yield out;
      }
      case Set<?> s -> Set.copyOf(s);
      case Double d -> Double.doubleToRawLongBits(d);
      default -> v;
    };
  }
}
