package io.loomcql.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.SetKeyspace;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectionTest {

  private EventLoop loop;
  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    loop = new EventLoop("test-loop");
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() throws Exception {
    loop.close();
    server.close();
    assertThat(server.errors()).isEmpty();
  }

  private Connection open(ConnectionOptions options) throws Exception {
    return Connection.open(loop, server.address(), options).get(10, TimeUnit.SECONDS);
  }

  /** Sends a query and returns the string the server echoed back. */
  private static CompletableFuture<String> query(Connection connection, String cql) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    connection.send(
        new Query(cql, QueryOptions.of(ConsistencyLevel.ONE)),
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {
            DecodedResponse decoded = ResponseDecoder.decode(frame);
            answer.complete(((SetKeyspace) decoded.response()).keyspace());
          }

          @Override
          public void onFailure(Throwable error) {
            answer.completeExceptionally(error);
          }
        });
    return answer;
  }

  @ParameterizedTest
  @EnumSource(ProtocolVersion.class)
  void handshakes_and_answers_a_query_on_every_protocol_version(ProtocolVersion version) throws Exception {
    Connection connection = open(ConnectionOptions.defaults(version));

    assertThat(connection.protocolVersion()).isEqualTo(version);
    assertThat(query(connection, "SELECT 1").get(5, TimeUnit.SECONDS)).isEqualTo("SELECT 1");
    connection.close();
  }

  @Test
  void reports_a_rejected_protocol_version_so_the_caller_can_step_down() throws Exception {
    server.maxVersion = 4;

    assertThatThrownBy(() -> open(ConnectionOptions.defaults(ProtocolVersion.V5)))
        .hasCauseInstanceOf(ProtocolVersionRejectedException.class)
        .hasMessageContaining("V5");
    assertThat(open(ConnectionOptions.defaults(ProtocolVersion.V4)).protocolVersion())
        .isEqualTo(ProtocolVersion.V4);
  }

  @Test
  void fails_fast_when_nothing_listens() throws Exception {
    int port;
    try (ServerSocket unused = new ServerSocket(0)) {
      port = unused.getLocalPort();
    }
    CompletableFuture<Connection> attempt =
        Connection.open(loop, new InetSocketAddress("127.0.0.1", port), ConnectionOptions.defaults(ProtocolVersion.V4));

    assertThatThrownBy(() -> attempt.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void gives_up_on_a_handshake_that_gets_no_answer_within_the_connect_timeout() throws Exception {
    server.silent = true;
    ConnectionOptions options =
        ConnectionOptions.defaults(ProtocolVersion.V4).withConnectTimeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> open(options))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("within 300 ms");
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void matches_every_response_to_its_request_under_concurrency(ProtocolVersion version) throws Exception {
    Connection connection = open(ConnectionOptions.defaults(version));
    int threads = 50;
    int perThread = 200;
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    String cql = "q-" + thread + "-" + i;
                    assertThat(query(connection, cql).join()).isEqualTo(cql);
                  }
                },
                executor));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    assertThat(server.queries.get()).isEqualTo(threads * perThread);
    assertThat(connection.pendingRequests()).isZero();
  }

  @Test
  void queues_requests_while_all_stream_ids_are_busy() throws Exception {
    ConnectionOptions defaults = ConnectionOptions.defaults(ProtocolVersion.V4);
    ConnectionOptions fourStreams =
        new ConnectionOptions(
            defaults.protocolVersion(), defaults.connectTimeout(), null, null,
            defaults.maxFrameLength(), 4, 1000, null, "test", "0");
    Connection connection = open(fourStreams);
    server.answerDelayMillis = 1;

    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(query(connection, "q" + i));
    }

    for (int i = 0; i < 100; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("q" + i);
    }
  }

  @Test
  void refuses_requests_beyond_the_queue_limit_with_a_busy_error() throws Exception {
    ConnectionOptions defaults = ConnectionOptions.defaults(ProtocolVersion.V4);
    Connection connection =
        open(
            new ConnectionOptions(
                defaults.protocolVersion(), defaults.connectTimeout(), null, null,
                defaults.maxFrameLength(), 2, 3, null, "test", "0"));
    server.silent = true;

    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(query(connection, "q" + i));
    }

    assertThatThrownBy(() -> answers.get(3).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(io.loomcql.BusyConnectionException.class);
    connection.close();
    for (int i = 0; i < 3; i++) {
      CompletableFuture<String> answer = answers.get(i);
      assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ConnectionException.class);
    }
  }

  @Test
  void fails_in_flight_requests_when_the_server_closes_the_connection() throws Exception {
    Connection connection = open(ConnectionOptions.defaults(ProtocolVersion.V5));
    server.silent = true;
    CompletableFuture<String> answer = query(connection, "never answered");
    Thread.sleep(50);

    server.closeClients();

    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .hasCauseInstanceOf(ConnectionException.class);
    connection.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(connection.isClosed()).isTrue();
    assertThat(connection.pendingRequests()).isZero();
  }

  @Test
  void fails_requests_sent_after_close() throws Exception {
    Connection connection = open(ConnectionOptions.defaults(ProtocolVersion.V4));
    connection.close();
    connection.closeFuture().get(5, TimeUnit.SECONDS);

    assertThatThrownBy(() -> query(connection, "late").join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ConnectionException.class);
  }

  @Test
  void closing_the_loop_fails_what_is_in_flight_and_ends_its_thread() throws Exception {
    Connection connection = open(ConnectionOptions.defaults(ProtocolVersion.V4));
    server.silent = true;
    CompletableFuture<String> answer = query(connection, "never answered");

    loop.close();

    assertThat(loop.terminationFuture()).isDone();
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ConnectionException.class);
    assertThat(connection.isClosed()).isTrue();
  }
}
