package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values rendered by the client-side {@code %s} encoder are literals the real server accepts and
 * reads back as the value sent, for every CQL type the driver's codecs handle (the server is the
 * oracle of what a literal means); a query written for {@code ?} markers, or a value without a
 * literal, gets an error that says what to do.
 */
@RealCassandra
class EncoderLiteralsIT {

  private static final String KS = "it_literals";
  private static final String HOSTILE = "x'); DROP TABLE it_literals.kv; -- %s ''";

  /** A record registered for user type {@code it_literals.point}. */
  public record Point(double x, double y, String label) {}

  /** A column of {@code it_literals.all_types}: its name and CQL type. */
  private record Column(String name, String cql) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("c_ascii", "ascii"),
          new Column("c_text", "text"),
          new Column("c_varchar", "varchar"),
          new Column("c_bigint", "bigint"),
          new Column("c_int", "int"),
          new Column("c_smallint", "smallint"),
          new Column("c_tinyint", "tinyint"),
          new Column("c_varint", "varint"),
          new Column("c_float", "float"),
          new Column("c_double", "double"),
          new Column("c_decimal", "decimal"),
          new Column("c_boolean", "boolean"),
          new Column("c_uuid", "uuid"),
          new Column("c_timeuuid", "timeuuid"),
          new Column("c_timestamp", "timestamp"),
          new Column("c_date", "date"),
          new Column("c_time", "time"),
          new Column("c_inet", "inet"),
          new Column("c_blob", "blob"),
          new Column("c_duration", "duration"),
          new Column("c_list", "list<text>"),
          new Column("c_set", "set<int>"),
          new Column("c_map", "map<text, frozen<list<int>>>"),
          new Column("c_tuple", "tuple<int, text, frozen<tuple<text, duration>>, blob>"),
          new Column("c_tuple_list", "list<frozen<tuple<int, text>>>"),
          new Column("c_udt", "frozen<address>"),
          new Column("c_udt_nf", "address"),
          new Column("c_udt_map", "map<text, frozen<address>>"),
          new Column("c_point", "frozen<point>"),
          new Column("c_points", "list<frozen<point>>"),
          new Column("c_vector", "vector<float, 3>"),
          new Column("c_vector_int", "vector<int, 2>"),
          new Column("c_vector_text", "vector<text, 2>"),
          new Column("c_custom", "'org.apache.cassandra.db.marshal.LexicalUUIDType'"));

  private static Cluster cluster;
  private static Session session;
  private static int nextKey;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v text)");
    session.execute(
        "CREATE TYPE IF NOT EXISTS " + KS + ".address"
            + " (street text, \"Zip\" int, \"token\" text, since duration, tags frozen<set<text>>)");
    session.execute("CREATE TYPE IF NOT EXISTS " + KS + ".point (x double, y double, label text)");
    session.execute(
        "CREATE TABLE IF NOT EXISTS " + KS + ".all_types (k int PRIMARY KEY, "
            + COLUMNS.stream().map(c -> c.name() + " " + c.cql()).collect(Collectors.joining(", "))
            + ")");
    session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".counts (k int PRIMARY KEY, n counter)");
    cluster.refreshSchemaMetadata();
    cluster.registerUserType(KS, "point", Point.class);
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  /** Writes {@code value} to {@code column} through {@code %s} and reads it back. */
  private static Object roundTrip(String column, Object value) {
    int k = ++nextKey;
    session.execute("INSERT INTO " + KS + ".all_types (k, " + column + ") VALUES (%s, %s)", k, value);
    Row row = session.execute("SELECT " + column + " FROM " + KS + ".all_types WHERE k = %s", k).one();
    return row.getObject(column);
  }

  private static void assertRoundTrip(String column, Object value) {
    Object read = roundTrip(column, value);
    if (value instanceof float[] floats) {
      assertThat(read).as(column).isInstanceOf(float[].class);
      assertThat(Arrays.equals((float[]) read, floats)).as(column + " " + Arrays.toString((float[]) read)).isTrue();
    } else {
      assertThat(read).as(column + " <- " + session.encoder().encode(value)).isEqualTo(value);
    }
  }

  private static UserType userType(String name) {
    return cluster.metadata().keyspace(KS).userTypes().get(name).dataType();
  }

  private static InetAddress inet(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void scalars_render_as_literals_the_server_reads_back_as_sent() {
    assertRoundTrip("c_ascii", "plain ascii 'quoted'");
    assertRoundTrip("c_text", HOSTILE + " héllo ✓ 🎉");
    assertRoundTrip("c_varchar", "");
    assertRoundTrip("c_bigint", Long.MIN_VALUE);
    assertRoundTrip("c_int", Integer.MIN_VALUE);
    assertRoundTrip("c_smallint", (short) -32768);
    assertRoundTrip("c_tinyint", (byte) -128);
    assertRoundTrip("c_varint", new BigInteger("-1180591620717411303424"));
    assertRoundTrip("c_float", 1.1f);
    assertRoundTrip("c_float", Float.NaN);
    assertRoundTrip("c_float", Float.NEGATIVE_INFINITY);
    assertRoundTrip("c_double", Double.MIN_VALUE);
    assertRoundTrip("c_double", Double.POSITIVE_INFINITY);
    assertRoundTrip("c_decimal", new BigDecimal("1E+2"));
    assertRoundTrip("c_decimal", new BigDecimal("-12345.678900"));
    assertRoundTrip("c_boolean", false);
    assertRoundTrip("c_uuid", UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));
    assertRoundTrip("c_timeuuid", UUID.fromString("50554d6e-29bb-11e5-b345-feff819cdc9f"));
    assertRoundTrip("c_timestamp", Instant.ofEpochMilli(-1_234_567_890_123L));
    assertRoundTrip("c_inet", inet("192.0.2.7"));
    assertRoundTrip("c_inet", inet("2001:db8::7"));
    assertRoundTrip("c_blob", ByteBuffer.wrap(new byte[] {0, 1, -1}));
    assertRoundTrip("c_blob", ByteBuffer.allocate(0));
    assertRoundTrip("c_custom", ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
  }

  @Test
  void dates_and_times_keep_every_digit() {
    assertRoundTrip("c_time", LocalTime.of(1, 2));
    assertRoundTrip("c_time", LocalTime.of(1, 2, 3, 4));
    assertRoundTrip("c_time", LocalTime.of(3, 4, 5, 6_000));
    assertRoundTrip("c_time", LocalTime.MAX);
    assertRoundTrip("c_time", LocalTime.MIDNIGHT);
    assertRoundTrip("c_date", LocalDate.of(2020, 1, 2));
    assertRoundTrip("c_date", LocalDate.of(1, 1, 1));
    assertRoundTrip("c_date", LocalDate.of(-4000, 3, 4));
    assertRoundTrip("c_date", LocalDate.of(12000, 5, 6));
  }

  @Test
  void durations_render_as_the_python_driver_prints_them() {
    assertRoundTrip("c_duration", new CqlDuration(1, 2, 3));
    assertRoundTrip("c_duration", new CqlDuration(-1, -2, -3));
    assertRoundTrip("c_duration", new CqlDuration(0, 0, 0));
    assertRoundTrip("c_duration", new CqlDuration(14, 3, 3_600_000_000_123L));
    assertRoundTrip("c_duration", new CqlDuration(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE));
    assertRoundTrip("c_duration", new CqlDuration(-Integer.MAX_VALUE, 0, -Long.MAX_VALUE));
  }

  @Test
  void collections_tuples_and_vectors_render_with_nested_literals() {
    assertRoundTrip("c_list", List.of(HOSTILE, "b"));
    assertRoundTrip("c_set", Set.of(3, 1, 2));
    assertRoundTrip("c_map", Map.of("a'b", List.of(1, 2), "c", List.of()));
    TupleType inner = new TupleType(List.of(DataType.TEXT, DataType.DURATION));
    TupleType tuple = new TupleType(List.of(DataType.INT, DataType.TEXT, inner, DataType.BLOB));
    assertRoundTrip(
        "c_tuple", tuple.newValue(7, HOSTILE, inner.newValue("in'ner", new CqlDuration(-1, 0, -5)), null));
    assertRoundTrip("c_tuple", tuple.newValue(null, null, null, ByteBuffer.wrap(new byte[] {9})));
    TupleType pair = new TupleType(List.of(DataType.INT, DataType.TEXT));
    assertRoundTrip("c_tuple_list", List.of(pair.newValue(1, "one"), pair.newValue(2, null)));
    assertRoundTrip("c_vector", new float[] {1.0f, -2.5f, 1.1f});
    assertRoundTrip("c_vector_int", List.of(1, -2));
    assertRoundTrip("c_vector_text", List.of(HOSTILE, "two"));
  }

  @Test
  void user_type_values_render_with_field_names_quoted_when_they_need_it() {
    UserType address = userType("address");
    UdtValue home =
        address.newValue()
            .set("street", HOSTILE)
            .set("Zip", 12345)
            .set("token", "t")
            .set("since", new CqlDuration(1, 2, 3))
            .set("tags", Set.of("a", "b'c"));
    assertThat(session.encoder().encode(home)).contains("\"Zip\": 12345").contains("\"token\": 't'");

    assertRoundTrip("c_udt", home);
    assertRoundTrip("c_udt_nf", address.newValue().set("street", "only the street"));
    assertRoundTrip("c_udt_map", Map.of("home", home));
  }

  @Test
  void registered_classes_render_as_their_user_type() {
    Point point = new Point(1.5, -2.25, "it's here");
    assertThat(session.encoder().encode(point)).isEqualTo("{x: 1.5, y: -2.25, label: 'it''s here'}");

    assertRoundTrip("c_point", point);
    assertRoundTrip("c_points", List.of(point, new Point(0, 0, null)));
  }

  @Test
  void counters_take_literal_increments() {
    session.execute("UPDATE " + KS + ".counts SET n = n + %s WHERE k = %s", Long.MAX_VALUE - 1, 1);
    session.execute("UPDATE " + KS + ".counts SET n = n + %s WHERE k = %s", 1L, 1);

    assertThat(session.execute("SELECT n FROM " + KS + ".counts WHERE k = %s", 1).one().getLong("n"))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void a_value_without_a_literal_is_refused_with_what_to_do_and_nothing_is_sent() {
    record Unregistered(int x) {}

    assertThatThrownBy(() -> roundTrip("c_point", new Unregistered(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Unregistered.class.getName())
        .hasMessageContaining("Cluster.registerUserType")
        .hasMessageContaining("prepared statement");
    assertThat(session.execute("SELECT * FROM " + KS + ".all_types WHERE k = %s", nextKey).one()).isNull();
  }

  @Test
  void a_question_mark_query_with_values_is_told_to_use_a_statement_or_prepare() {
    String query = "INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)";

    assertThatThrownBy(() -> session.execute(query, 1, "one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(got 2, used 0)")
        .hasMessageContaining("SimpleStatement.newInstance(query, values)")
        .hasMessageContaining("prepare");

    // what the message advises works
    session.execute(SimpleStatement.newInstance(query, 1, "one"));
    assertThat(session.execute("SELECT v FROM " + KS + ".kv WHERE k = %s", 1).one().getString("v"))
        .isEqualTo("one");
  }
}
