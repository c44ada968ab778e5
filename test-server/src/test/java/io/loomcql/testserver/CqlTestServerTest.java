package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.AuthResponse;
import io.loomcql.protocol.internal.Batch;
import io.loomcql.protocol.internal.AuthSuccess;
import io.loomcql.protocol.internal.Authenticate;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Event;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.Options;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.Ready;
import io.loomcql.protocol.internal.Register;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.protocol.internal.Startup;
import io.loomcql.protocol.internal.Supported;
import io.loomcql.protocol.internal.VoidResult;
import io.loomcql.wire.Frame;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CqlTestServerTest {

  private CqlTestServer server;

  @BeforeEach
  void start() throws Exception {
    server = CqlTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    assertThat(server.errors()).isEmpty();
  }

  private TestClient connect(ProtocolVersion version, String compression) throws Exception {
    TestClient client = new TestClient(server.address(), version);
    assertThat(client.handshake(compression)).isInstanceOf(Ready.class);
    return client;
  }

  @ParameterizedTest
  @CsvSource({"V3,", "V3,lz4", "V3,snappy", "V4,", "V4,lz4", "V4,snappy", "V5,", "V5,lz4"})
  void answers_the_handshake_and_system_tables_in_every_version_and_compression(
      ProtocolVersion version, String compression) throws Exception {
    try (TestClient client = connect(version, compression)) {
      io.loomcql.protocol.internal.Rows local =
          (io.loomcql.protocol.internal.Rows) client.query("SELECT * FROM system.local WHERE key='local'");
      assertThat(local.rowCount()).isEqualTo(1);
      assertThat(local.metadata().columns()).extracting(ColumnSpec::name)
          .contains("key", "host_id", "data_center", "rpc_address", "tokens", "schema_version");
      io.loomcql.protocol.internal.Rows projected = (io.loomcql.protocol.internal.Rows)
          client.query("SELECT cluster_name, release_version FROM system.local");
      assertThat(projected.metadata().columns()).extracting(ColumnSpec::name)
          .containsExactly("cluster_name", "release_version");
      assertThat(((io.loomcql.protocol.internal.Rows) client.query("SELECT * FROM system.peers_v2"))
          .rowCount()).isZero();
      assertThat(((io.loomcql.protocol.internal.Rows)
          client.query("SELECT * FROM system_schema.keyspaces")).rowCount()).isZero();
      assertThat(client.query("INSERT INTO t (k) VALUES (1)")).isInstanceOf(VoidResult.class);
      assertThat(client.query("USE ks")).isEqualTo(new SetKeyspace("ks"));
    }
    RecordedRequest startup = server.requests().get(1);
    assertThat(startup.opcode()).isEqualTo(Opcodes.STARTUP);
    assertThat(startup.options()).containsEntry("CQL_VERSION", "3.0.0");
    assertThat(startup.options().get("COMPRESSION")).isEqualTo(compression);
    assertThat(server.statements()).containsExactly("INSERT INTO t (k) VALUES (1)", "USE ks");
  }

  @Test
  void supported_lists_the_versions_and_compressions() throws Exception {
    server.maxProtocolVersion(4);
    server.compressionOffered(List.of("snappy"));
    try (TestClient client = new TestClient(server.address(), ProtocolVersion.V4)) {
      Supported supported = (Supported) client.request(new Options());
      assertThat(supported.options()).containsEntry("PROTOCOL_VERSIONS", List.of("3/v3", "4/v4"))
          .containsEntry("COMPRESSION", List.of("snappy"));
    }
  }

  @Test
  void records_query_text_consistency_values_and_stream() throws Exception {
    try (TestClient client = connect(ProtocolVersion.V5, null)) {
      QueryOptions options = QueryOptions.of(ConsistencyLevel.LOCAL_QUORUM)
          .withValues(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})));
      client.send(new Query("UPDATE t SET v = ? WHERE k = ?", options));
      client.next();
    }
    RecordedRequest update = server.requests().stream()
        .filter(r -> r.opcode() == Opcodes.QUERY).findFirst().orElseThrow();
    assertThat(update.query()).isEqualTo("UPDATE t SET v = ? WHERE k = ?");
    assertThat(update.consistency()).isEqualTo(ConsistencyLevel.LOCAL_QUORUM);
    assertThat(update.values()).containsExactly(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3}));
    assertThat(update.version()).isEqualTo(5);
    assertThat(server.count(Opcodes.OPTIONS)).isEqualTo(1);
    assertThat(server.statementCount()).isEqualTo(1);
  }

  @Test
  void scripted_answers_by_prefix_regex_and_opcode() throws Exception {
    server.when(Match.queryStartsWith("SELECT v"), Reply.rows(Rows.of("ks", "t")
        .column("v", Rows.VARCHAR).row(BodyWriter.text("a")).row(BodyWriter.text("b"))));
    server.when(Match.queryMatches("CREATE TABLE .*"),
        Reply.schemaChange("CREATED", "TABLE", "ks", "t2"));
    server.when(Match.queryStartsWith("bad"), Reply.error(0x2000, "line 1: no viable alternative"));
    server.when(Match.opcode(Opcodes.BATCH), Reply.writeTimeout("BATCH"));
    try (TestClient client = connect(ProtocolVersion.V4, null)) {
      io.loomcql.protocol.internal.Rows rows =
          (io.loomcql.protocol.internal.Rows) client.query("SELECT v FROM ks.t");
      assertThat(rows.rowCount()).isEqualTo(2);
      assertThat(client.query("CREATE TABLE ks.t2 (k int PRIMARY KEY)"))
          .isEqualTo(new SchemaChange("CREATED", "TABLE", "ks", "t2", List.of()));
      ErrorResponse error = (ErrorResponse) client.query("bad cql");
      assertThat(error.code()).isEqualTo(0x2000);
      assertThat(error.message()).isEqualTo("line 1: no viable alternative");
      assertThat(((ErrorResponse) client.request(new Batch(
          Batch.LOGGED, List.<Object>of("INSERT x"), List.of(List.of()),
          ConsistencyLevel.ONE, null, QueryOptions.NO_TIMESTAMP, null, QueryOptions.NO_NOW_IN_SECONDS)))
          .code()).isEqualTo(0x1100);
    }
  }

  @Test
  void queued_answers_come_first_then_the_default_one() throws Exception {
    server.answerNext(Reply.readTimeout(1, 2, false), Reply.unavailable());
    server.answerAlways(Reply.overloaded());
    try (TestClient client = connect(ProtocolVersion.V4, null)) {
      assertThat(((ErrorResponse) client.query("a")).code()).isEqualTo(0x1200);
      assertThat(((ErrorResponse) client.query("b")).code()).isEqualTo(0x1000);
      assertThat(((ErrorResponse) client.query("c")).code()).isEqualTo(0x1001);
      // System reads are not statements: the script leaves them alone.
      assertThat(client.query("SELECT * FROM system.local")).isInstanceOf(io.loomcql.protocol.internal.Rows.class);
    }
    assertThat(server.statements()).containsExactly("a", "b", "c");
  }

  @Test
  void prepares_then_executes_and_answers_unprepared_for_an_unknown_id() throws Exception {
    try (TestClient client = connect(ProtocolVersion.V5, null)) {
      Prepared prepared = (Prepared) client.request(new Prepare("INSERT INTO t (k, v) VALUES (?, ?)"));
      assertThat(prepared.variables().columns()).hasSize(2);
      QueryOptions options = QueryOptions.of(ConsistencyLevel.TWO)
          .withValues(List.of(ByteBuffer.wrap(new byte[] {7}), ByteBuffer.wrap(new byte[] {8})));
      assertThat(client.request(new Execute(prepared.queryId(), prepared.resultMetadataId(), options)))
          .isInstanceOf(VoidResult.class);
      ErrorResponse unknown = (ErrorResponse) client.request(
          new Execute(new byte[] {1, 2, 3}, new byte[] {4}, QueryOptions.of(ConsistencyLevel.ONE)));
      assertThat(unknown.code()).isEqualTo(0x2500);
    }
    RecordedRequest execute = server.requests().stream()
        .filter(r -> r.opcode() == Opcodes.EXECUTE).findFirst().orElseThrow();
    assertThat(execute.query()).isEqualTo("INSERT INTO t (k, v) VALUES (?, ?)");
    assertThat(execute.consistency()).isEqualTo(ConsistencyLevel.TWO);
    assertThat(execute.values()).hasSize(2);
  }

  @Test
  void a_delayed_answer_lets_later_requests_through_and_a_dropped_one_never_comes() throws Exception {
    // The most recent rule is tried first: the general one goes first.
    server.when(Match.statements(), request -> Reply.setKeyspace(request.query()));
    server.when(Match.queryStartsWith("slow"), Reply.setKeyspace("slow").delayed(Duration.ofMillis(200)));
    server.when(Match.queryStartsWith("drop"), Reply.drop());
    try (TestClient client = connect(ProtocolVersion.V4, null)) {
      int slow = client.send(new Query("slow", QueryOptions.of(ConsistencyLevel.ONE)));
      client.send(new Query("drop", QueryOptions.of(ConsistencyLevel.ONE)));
      int fast = client.send(new Query("fast", QueryOptions.of(ConsistencyLevel.ONE)));
      assertThat(client.next().streamId()).isEqualTo(fast);
      assertThat(client.next().streamId()).isEqualTo(slow);
      assertThat(client.query("after")).isEqualTo(new SetKeyspace("after"));
    }
    assertThat(server.delayedRepliesSent()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"V4", "V5"})
  void garbage_truncated_frames_and_closing_on_command(ProtocolVersion version) throws Exception {
    server.when(Match.queryStartsWith("garbage"), Reply.garbage());
    server.when(Match.queryStartsWith("cut"), Reply.truncated(Reply.voidResult()));
    server.when(Match.queryStartsWith("close"), Reply.closeConnection());
    try (TestClient client = connect(version, null)) {
      client.send(new Query("garbage", QueryOptions.of(ConsistencyLevel.ONE)));
      // Raw bytes bypass the framing (and v5 segments): the client sees them as they are.
      assertThat(client.readExactly(10)).isEqualTo(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f});
    }
    try (TestClient client = connect(version, null)) {
      client.send(new Query("cut", QueryOptions.of(ConsistencyLevel.ONE)));
      assertThat(client.readToEnd()).hasSize((Frames.HEADER_SIZE + 4) / 2);
    }
    try (TestClient client = connect(version, null)) {
      client.send(new Query("close", QueryOptions.of(ConsistencyLevel.ONE)));
      assertThat(client.readToEnd()).isEmpty();
    }
  }

  @Test
  void a_hand_built_frame_can_carry_a_wrong_stream_or_opcode() throws Exception {
    server.when(Match.queryStartsWith("wrong"), Reply.voidResult().onStream(12345));
    server.when(Match.queryStartsWith("opcode"),
        request -> Reply.raw(Frames.frame(request.version(), request.streamId(), 0x55, new byte[] {0, 0, 0, 1})));
    try (TestClient client = connect(ProtocolVersion.V4, null)) {
      client.send(new Query("wrong", QueryOptions.of(ConsistencyLevel.ONE)));
      assertThat(client.next().streamId()).isEqualTo(12345);
      int stream = client.send(new Query("opcode", QueryOptions.of(ConsistencyLevel.ONE)));
      Frame frame = client.next();
      assertThat(frame.streamId()).isEqualTo(stream);
      assertThat(frame.opcode()).isEqualTo(0x55);
    }
  }

  @Test
  void refuses_a_version_above_its_highest_and_closes() throws Exception {
    server.maxProtocolVersion(4);
    try (TestClient client = new TestClient(server.address(), ProtocolVersion.V5)) {
      ErrorResponse error = (ErrorResponse) client.request(new Options());
      assertThat(error.code()).isEqualTo(0x000A);
      assertThat(error.message()).contains("(5)").contains("4/v4");
      assertThat(client.readToEnd()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({"V4", "V5"})
  void asks_for_credentials_and_checks_them(ProtocolVersion version) throws Exception {
    try (CqlTestServer secured = CqlTestServer.builder().credentials("cassandra", "secret").start()) {
      try (TestClient client = new TestClient(secured.address(), version)) {
        client.request(new Options());
        assertThat(client.request(Startup.forCqlVersion("3.0.0", null, null, null)))
            .isEqualTo(new Authenticate("org.apache.cassandra.auth.PasswordAuthenticator"));
        client.startFraming(null);
        assertThat(client.request(new AuthResponse("\0cassandra\0secret".getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(AuthSuccess.class);
      }
      try (TestClient client = new TestClient(secured.address(), version)) {
        client.request(Startup.forCqlVersion("3.0.0", null, null, null));
        client.startFraming(null);
        ErrorResponse refused = (ErrorResponse) client.request(
            new AuthResponse("\0cassandra\0wrong".getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.code()).isEqualTo(0x0100);
      }
    }
  }

  @Test
  void pushes_events_to_registered_connections() throws Exception {
    try (TestClient client = connect(ProtocolVersion.V5, "lz4")) {
      assertThat(client.request(new Register(List.of(Register.STATUS_CHANGE)))).isInstanceOf(Ready.class);
      InetSocketAddress node = new InetSocketAddress("127.0.0.2", 9042);
      server.push(Events.statusChange("DOWN", node));
      Frame frame = client.next();
      assertThat(frame.streamId()).isEqualTo(-1);
      Event event = (Event) ResponseDecoder.decode(frame).response();
      assertThat(event.type()).isEqualTo("STATUS_CHANGE");
      assertThat(event.change()).isEqualTo("DOWN");
      assertThat(event.address()).isEqualTo(node);
    }
  }

  @ParameterizedTest
  @CsvSource({"V4,", "V5,", "V5,lz4", "V4,snappy"})
  void answers_a_pipelined_burst_each_on_its_stream_with_frames_beyond_one_segment(
      ProtocolVersion version, String compression) throws Exception {
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    server.when(Match.statements(), request -> Reply.setKeyspace(request.query()));
    server.when(Match.queryStartsWith("big"),
        Reply.rows(Rows.of("ks", "t").column("b", Rows.BLOB).row(big)));
    try (TestClient client = connect(version, compression)) {
      List<Query> burst = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        burst.add(new Query(i == 500 ? "big" : "q" + i, QueryOptions.of(ConsistencyLevel.ONE)));
      }
      List<Integer> streams = client.sendAll(burst);
      for (int i = 0; i < 1000; i++) {
        Frame frame = client.next();
        assertThat(frame.streamId()).isEqualTo(streams.get(i));
        Response response = ResponseDecoder.decode(frame).response();
        if (i == 500) {
          io.loomcql.protocol.internal.Rows rows = (io.loomcql.protocol.internal.Rows) response;
          ByteBuffer cell = rows.content().slice(rows.cellIndex()[0], rows.cellIndex()[1]);
          assertThat(cell).isEqualTo(ByteBuffer.wrap(big));
        } else {
          assertThat(response).isEqualTo(new SetKeyspace("q" + i));
        }
      }
    }
  }

  @Test
  void reversed_batches_answer_pipelined_requests_last_first() throws Exception {
    try (CqlTestServer reversing = CqlTestServer.builder().reverseBatches(true).start()) {
      reversing.when(Match.statements(), request -> Reply.setKeyspace(request.query()));
      try (TestClient client = new TestClient(reversing.address(), ProtocolVersion.V4)) {
        client.handshake(null);
        long readsBefore = reversing.reads();
        List<Integer> streams = client.sendAll(List.of(
            new Query("a", QueryOptions.of(ConsistencyLevel.ONE)),
            new Query("b", QueryOptions.of(ConsistencyLevel.ONE))));
        List<Integer> answered = List.of(client.next().streamId(), client.next().streamId());
        if (reversing.reads() == readsBefore + 1) {
          // One read, one batch: answered last first.
          assertThat(answered).containsExactly(streams.get(1), streams.get(0));
        } else {
          // The two requests came in two reads (two batches of one): in order.
          assertThat(answered).containsExactlyElementsOf(streams);
        }
      }
    }
  }

  @Test
  void refuses_and_closes_connections_on_command() throws Exception {
    TestClient open = connect(ProtocolVersion.V4, null);
    assertThat(server.openConnections()).isEqualTo(1);
    server.disconnectAndRefuse();
    assertThatThrownBy(() -> open.query("x")).isInstanceOfAny(EOFException.class, SocketException.class);
    open.close();
    try (TestClient refused = new TestClient(server.address(), ProtocolVersion.V4)) {
      assertThat(refused.readToEnd()).isEmpty();
    }
    assertThat(server.acceptedConnections()).isEqualTo(1);
  }

  @Test
  void a_cluster_lists_the_other_nodes_as_peers() throws Exception {
    try (CqlTestCluster cluster = CqlTestCluster.start(3)) {
      try (TestClient client = new TestClient(cluster.endpoint(2), ProtocolVersion.V4)) {
        client.handshake(null);
        io.loomcql.protocol.internal.Rows peers =
            (io.loomcql.protocol.internal.Rows) client.query("SELECT * FROM system.peers");
        assertThat(peers.rowCount()).isEqualTo(2);
        assertThat(((ErrorResponse) client.query("SELECT * FROM system.peers_v2")).code()).isEqualTo(0x2200);
        client.query("INSERT 1");
      }
      assertThat(cluster.statementCounts()).containsExactly(0, 1, 0);
    }
  }
}
