package io.loomcql.it.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import io.loomcql.transport.Compression;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One table with a column of every CQL type of Cassandra 5.0 (frozen and non-frozen collections,
 * nested collections, tuple, frozen and non-frozen UDT, vectors, custom), written and read back
 * through prepared statements and through simple statements with positional values, on protocol
 * v4 and v5. The driver's connections negotiate compression on their own (AUTO: the node offers
 * lz4 and snappy, so lz4); every algorithm and protocol version is exercised explicitly on single
 * connections opened at transport level, since the cluster builder has no compression option yet.
 */
@RealCassandra
class AllTypesIT {

  private static final String KS = "it_types";

  private static final UserType ADDRESS = new UserType(KS, "address",
      List.of("street", "zip", "tags"),
      List.of(DataType.TEXT, DataType.INT, new SetType(DataType.TEXT)));
  private static final TupleType TUPLE = new TupleType(
      List.of(DataType.INT, DataType.TEXT, new ListType(DataType.DOUBLE)));

  /** A column: its CQL declaration, the type the server reports, a value, and whether a simple
   * statement can carry it (the Java value alone must determine the bytes). */
  private record Column(String name, String cql, DataType type, Object value, boolean simple) {}

  private static final List<Column> COLUMNS = columns();
  private static Cluster schemaCluster;

  private static List<Column> columns() {
    UdtValue home = ADDRESS.newValue().set("street", "1 Main St").set("zip", 6011)
        .set("tags", Set.of("home", "billing"));
    List<Column> c = new ArrayList<>();
    c.add(new Column("c_ascii", "ascii", DataType.ASCII, "plain ascii", true));
    c.add(new Column("c_bigint", "bigint", DataType.BIGINT, Long.MIN_VALUE, true));
    c.add(new Column("c_blob", "blob", DataType.BLOB, ByteBuffer.wrap(new byte[] {0, 1, -1}), true));
    c.add(new Column("c_boolean", "boolean", DataType.BOOLEAN, true, true));
    c.add(new Column("c_date", "date", DataType.DATE, LocalDate.of(1969, 7, 20), true));
    c.add(new Column("c_decimal", "decimal", DataType.DECIMAL, new BigDecimal("-12345.678900"), true));
    c.add(new Column("c_double", "double", DataType.DOUBLE, Math.PI, true));
    c.add(new Column("c_duration", "duration", DataType.DURATION,
        new CqlDuration(14, 3, 3_600_000_000_123L), true));
    c.add(new Column("c_float", "float", DataType.FLOAT, -1.5f, true));
    c.add(new Column("c_inet4", "inet", DataType.INET, inet("192.0.2.7"), true));
    c.add(new Column("c_inet6", "inet", DataType.INET, inet("2001:db8::7"), true));
    c.add(new Column("c_int", "int", DataType.INT, Integer.MAX_VALUE, true));
    c.add(new Column("c_smallint", "smallint", DataType.SMALLINT, (short) -32768, true));
    c.add(new Column("c_text", "text", DataType.TEXT, "héllo ✓ 'quoted' 🎉", true));
    c.add(new Column("c_time", "time", DataType.TIME, LocalTime.of(23, 59, 59, 999_999_999), true));
    c.add(new Column("c_timestamp", "timestamp", DataType.TIMESTAMP,
        Instant.ofEpochMilli(1_700_000_123_456L), true));
    c.add(new Column("c_timeuuid", "timeuuid", DataType.TIMEUUID,
        UUID.fromString("50554d6e-29bb-11e5-b345-feff819cdc9f"), true));
    c.add(new Column("c_tinyint", "tinyint", DataType.TINYINT, (byte) 127, true));
    c.add(new Column("c_uuid", "uuid", DataType.UUID, UUID.randomUUID(), true));
    c.add(new Column("c_varchar", "varchar", DataType.VARCHAR, "varchar", true));
    c.add(new Column("c_varint", "varint", DataType.VARINT,
        new BigInteger("-123456789012345678901234567890"), true));
    c.add(new Column("c_list", "list<int>", new ListType(DataType.INT), List.of(3, 1, 2), true));
    c.add(new Column("c_set", "set<text>", new SetType(DataType.TEXT), Set.of("b", "a"), true));
    c.add(new Column("c_map", "map<text, bigint>", new MapType(DataType.TEXT, DataType.BIGINT),
        Map.of("one", 1L, "two", 2L), true));
    c.add(new Column("c_frozen_list", "frozen<list<text>>", new ListType(DataType.TEXT),
        List.of("x", "y"), true));
    c.add(new Column("c_frozen_set", "frozen<set<uuid>>", new SetType(DataType.UUID),
        Set.of(UUID.randomUUID()), true));
    c.add(new Column("c_frozen_map", "frozen<map<int, boolean>>",
        new MapType(DataType.INT, DataType.BOOLEAN), Map.of(1, true, 2, false), true));
    c.add(new Column("c_nested", "map<text, frozen<list<frozen<set<int>>>>>",
        new MapType(DataType.TEXT, new ListType(new SetType(DataType.INT))),
        Map.of("a", List.of(Set.of(), Set.of(1, 2)), "b", List.of()), true));
    c.add(new Column("c_list_of_maps", "list<frozen<map<text, frozen<tuple<int, text>>>>>",
        new ListType(new MapType(DataType.TEXT,
            new TupleType(List.of(DataType.INT, DataType.TEXT)))),
        List.of(Map.of("k", new TupleType(List.of(DataType.INT, DataType.TEXT)).newValue(1, "v"))),
        true));
    c.add(new Column("c_tuple", "tuple<int, text, frozen<list<double>>>", TUPLE,
        TUPLE.newValue(7, null, List.of(0.5, -0.25)), true));
    c.add(new Column("c_udt", "frozen<address>", ADDRESS, home, true));
    c.add(new Column("c_udt_nf", "address", ADDRESS,
        ADDRESS.newValue().set("street", "2 Side St"), true));
    c.add(new Column("c_set_of_udt", "set<frozen<address>>", new SetType(ADDRESS), Set.of(home),
        true));
    c.add(new Column("c_vector", "vector<float, 3>", new VectorType(DataType.FLOAT, 3),
        new float[] {0.25f, -1f, 3.5f}, true));
    c.add(new Column("c_vector_text", "vector<text, 2>", new VectorType(DataType.TEXT, 2),
        List.of("v1", "vector two"), false));
    c.add(new Column("c_vector_smallint", "vector<smallint, 2>",
        new VectorType(DataType.SMALLINT, 2), List.of((short) 1, (short) -2), false));
    c.add(new Column("c_vector_bigint", "vector<bigint, 2>", new VectorType(DataType.BIGINT, 2),
        List.of(5L, -6L), false));
    c.add(new Column("c_custom", "'org.apache.cassandra.db.marshal.LexicalUUIDType'",
        new CustomType("org.apache.cassandra.db.marshal.LexicalUUIDType"),
        ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}), true));
    return List.copyOf(c);
  }

  private static InetAddress inet(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void createSchema(TestCluster cassandra) {
    schemaCluster = Clusters.builder(cassandra).build();
    Session session = schemaCluster.connect();
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = "
        + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TYPE IF NOT EXISTS " + KS
        + ".address (street text, zip int, tags frozen<set<text>>)");
    session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".all_types (k int PRIMARY KEY, "
        + COLUMNS.stream().map(c -> c.name() + " " + c.cql()).collect(Collectors.joining(", "))
        + ")");
    session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".counters (k int PRIMARY KEY, c counter)");
  }

  @AfterAll
  static void close() {
    schemaCluster.close();
  }

  private static String insertCql() {
    return "INSERT INTO " + KS + ".all_types (k, "
        + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES (?"
        + ", ?".repeat(COLUMNS.size()) + ")";
  }

  private static final String SELECT = "SELECT * FROM " + KS + ".all_types WHERE k = ?";

  private static void assertRow(Row row, boolean simple) {
    for (Column c : COLUMNS) {
      Object expected = simple && !c.simple() ? null : c.value();
      assertThat(normalize(row.getObject(c.name()))).as(c.name() + " " + c.cql())
          .isEqualTo(normalize(expected));
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void every_type_round_trips_through_prepared_statements(
      ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = cluster.connect()) {
      int key = 100 + version.code();
      PreparedStatement insert = session.prepare(insertCql());
      List<Object> values = new ArrayList<>();
      values.add(key);
      COLUMNS.forEach(c -> values.add(c.value()));
      session.execute(insert.bind(values.toArray()));

      Row row = session.execute(session.prepare(SELECT).bind(key)).one();
      assertRow(row, false);
      for (Column c : COLUMNS) {
        assertThat(row.columnDefinitions().get(row.columnDefinitions().indexOf(c.name())).type())
            .as(c.name()).isEqualTo(c.type());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void every_type_round_trips_through_simple_statements_with_positional_values(
      ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = cluster.connect()) {
      int key = 200 + version.code();
      List<Object> values = new ArrayList<>();
      values.add(key);
      COLUMNS.forEach(c -> values.add(c.simple() ? c.value() : null));
      session.execute(SimpleStatement.newInstance(insertCql(), values.toArray()));

      assertRow(session.execute(SimpleStatement.newInstance(SELECT, key)).one(), true);
    }
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void unset_columns_read_back_as_null_and_counters_count(
      ProtocolVersion version, TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).protocolVersion(version).build();
        Session session = cluster.connect()) {
      int key = 300 + version.code();
      session.execute(SimpleStatement.newInstance(
          "INSERT INTO " + KS + ".all_types (k) VALUES (?)", key));
      Row row = session.execute(SimpleStatement.newInstance(SELECT, key)).one();
      for (Column c : COLUMNS) {
        assertThat(row.getObject(c.name())).as(c.name()).isNull();
      }

      PreparedStatement add =
          session.prepare("UPDATE " + KS + ".counters SET c = c + ? WHERE k = ?");
      session.execute(add.bind(40L, key));
      session.execute(add.bind(2L, key));
      Row counter = session.execute(
          SimpleStatement.newInstance("SELECT c FROM " + KS + ".counters WHERE k = ?", key)).one();
      assertThat(counter.getLong("c")).isEqualTo(42L);
      assertThat(counter.columnDefinitions().get(0).type()).isEqualTo(DataType.COUNTER);
    }
  }

  /**
   * Every type, on one connection per protocol version and compression, opened at transport
   * level; a 300 KB text value makes the frames span several (compressed) v5 segments.
   */
  @ParameterizedTest
  @CsvSource({
      "V3, LZ4, lz4", "V3, SNAPPY, snappy", "V3, NONE, ",
      "V4, LZ4, lz4", "V4, SNAPPY, snappy", "V4, NONE, ", "V4, AUTO, lz4",
      "V5, LZ4, lz4", "V5, AUTO, lz4", "V5, SNAPPY, ", "V5, NONE, "})
  void every_type_round_trips_on_a_connection_with_each_compression(
      ProtocolVersion version, Compression compression, String negotiated, TestCluster cassandra)
      throws Exception {
    InetSocketAddress node = new InetSocketAddress(
        cassandra.contactPoints().get(0).getAddress(), cassandra.port());
    try (TransportFactory transport = Transports.nio("it-types")) {
      Connection connection = transport.open(node,
              ConnectionOptions.builder(version).compression(compression).build())
          .get(30, TimeUnit.SECONDS);
      try {
        assertThat(connection.compression()).isEqualTo(negotiated);
        int key = 1000 + 10 * version.code() + compression.ordinal();
        String big = "0123456789abcdef".repeat(20_000);

        Prepared insert = (Prepared) call(connection, new Prepare(insertCql()));
        List<ByteBuffer> values = new ArrayList<>();
        List<ColumnSpec> variables = insert.variables().columns();
        values.add(Codecs.encode(key, variables.get(0).type(), version));
        for (int i = 0; i < COLUMNS.size(); i++) {
          Column c = COLUMNS.get(i);
          Object value = c.name().equals("c_text") ? big : c.value();
          values.add(Codecs.encode(value, variables.get(i + 1).type(), version));
        }
        call(connection, new Execute(insert.queryId(), insert.resultMetadataId(),
            QueryOptions.of(ConsistencyLevel.ONE).withValues(values)));

        Prepared select = (Prepared) call(connection, new Prepare(SELECT));
        Rows rows = (Rows) call(connection, new Execute(select.queryId(), select.resultMetadataId(),
            QueryOptions.of(ConsistencyLevel.ONE)
                .withValues(List.of(Codecs.encode(key, DataType.INT, version)))));
        assertThat(rows.rowCount()).isEqualTo(1);
        int[] cells = rows.cellIndex();
        List<ColumnSpec> columns = rows.metadata().columns();
        // Every column of the table comes back (the key and each typed column, once).
        assertThat(columns).extracting(ColumnSpec::name).containsExactlyInAnyOrderElementsOf(
            Stream.concat(Stream.of("k"), COLUMNS.stream().map(Column::name)).toList());
        for (int i = 0; i < columns.size(); i++) {
          ColumnSpec spec = columns.get(i);
          if (spec.name().equals("k")) {
            continue;
          }
          Column c = COLUMNS.stream().filter(x -> x.name().equals(spec.name())).findFirst()
              .orElseThrow();
          assertThat(spec.type()).as(c.name() + " on " + version).isEqualTo(c.type());
          ByteBuffer cell = cells[2 * i + 1] < 0 ? null
              : rows.content().slice(cells[2 * i], cells[2 * i + 1]);
          Object decoded = Codecs.codecFor(spec.type()).decode(cell, version);
          Object expected = c.name().equals("c_text") ? big : c.value();
          assertThat(normalize(decoded)).as(c.name() + " on " + version + " " + compression)
              .isEqualTo(normalize(expected));
        }
      } finally {
        connection.close();
      }
    }
  }

  private static Response call(Connection connection, Request request) throws Exception {
    CompletableFuture<Response> answer = new CompletableFuture<>();
    connection.send(request, 0, null, new ResponseCallback() {
      @Override
      public void onResponse(Frame frame) {
        try {
          DecodedResponse decoded = ResponseDecoder.decode(frame);
          if (decoded.response() instanceof io.loomcql.protocol.internal.ErrorResponse error) {
            answer.completeExceptionally(error.exception());
          } else {
            answer.complete(decoded.response());
          }
        } catch (RuntimeException e) {
          answer.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Throwable error) {
        answer.completeExceptionally(error);
      }
    }, Connection.NO_WAIT, Connection.NO_DEADLINE);
    return answer.get(30, TimeUnit.SECONDS);
  }

  /** Values compared by content: float arrays, tuples and UDTs become lists. */
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
      case List<?> l -> l.stream().map(AllTypesIT::normalize).toList();
      case Set<?> s -> s.stream().map(AllTypesIT::normalize)
          .collect(Collectors.toCollection(LinkedHashSet::new));
      case Map<?, ?> m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(normalize(k), normalize(x)));
        yield out;
      }
      case TupleValue t -> {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
          out.add(normalize(t.getObject(i)));
        }
        yield List.of(t.type(), out);
      }
      case UdtValue u -> {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < u.size(); i++) {
          out.add(normalize(u.getObject(i)));
        }
        yield List.of(u.type(), out);
      }
      default -> v;
    };
  }
}
