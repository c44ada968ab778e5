package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.Opcodes;
import static io.loomcql.transport.internal.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.testserver.Frames;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ProtocolVersionRejectedException;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.wire.Frame;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestTransport.class)
class ConnectionTest {

  private final TestTransport kind;
  private TransportFactory transport;
  private CqlTestServer server;
  private final List<Connection> opened = new ArrayList<>();

  ConnectionTest(TestTransport kind) {
    this.kind = kind;
  }

  @BeforeEach
  void start() throws Exception {
    transport = kind.create("test-" + kind.name().toLowerCase());
    server = TestServers.echo();
  }

  @AfterEach
  void stop() throws Exception {
    transport.close();
    server.close();
    assertThat(server.errors()).isEmpty();
    assertThat(TestTransport.threadsEnded(transport)).as("transport threads ended").isTrue();
    for (Connection connection : opened) {
      assertThat(connection.isClosed()).isTrue();
      assertEmpty(connection);
    }
    assertThat(transport.counters().inFlight()).isZero();
  }

  private static void assertEmpty(Connection connection) {
    assertThat(connection.pendingRequests()).as("pending requests, orphans included").isZero();
  }

  private Connection open(ConnectionOptions options) throws Exception {
    Connection connection = transport.open(server.address(), options).get(10, TimeUnit.SECONDS);
    opened.add(connection);
    return connection;
  }

  private static ConnectionOptions v4() {
    return ConnectionOptions.defaults(ProtocolVersion.V4);
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
    server.maxProtocolVersion(4);

    assertThatThrownBy(() -> open(ConnectionOptions.defaults(ProtocolVersion.V5)))
        .hasCauseInstanceOf(ProtocolVersionRejectedException.class)
        .hasMessageContaining("V5");
    assertThat(open(v4()).protocolVersion()).isEqualTo(ProtocolVersion.V4);
  }

  @Test
  void fails_fast_when_nothing_listens() throws Exception {
    int port = CqlTestServer.unusedPort();
    CompletableFuture<Connection> attempt =
        transport.open(new InetSocketAddress("127.0.0.1", port), v4());

    assertThatThrownBy(() -> attempt.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void fails_the_handshake_clearly_when_the_server_refuses_the_connection() throws Exception {
    server.refuseConnections(true);

    assertThatThrownBy(() -> open(v4()))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1:" + server.address().getPort());
  }

  @Test
  void gives_up_on_a_handshake_that_gets_no_answer_within_the_connect_timeout() throws Exception {
    TestServers.silence(server);

    assertThatThrownBy(() -> open(v4().toBuilder().connectTimeout(Duration.ofMillis(300)).build()))
        .hasCauseInstanceOf(OperationTimedOutException.class)
        .hasMessageContaining("Timed out creating connection (0.3 seconds): TCP connect and CQL handshake");
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
    assertThat(server.count(Opcodes.QUERY)).isEqualTo(threads * perThread);
    assertEmpty(connection);
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void reassembles_large_frames_split_over_many_reads_and_segments_among_small_ones(
      ProtocolVersion version) throws Exception {
    Connection connection = open(ConnectionOptions.defaults(version));
    // Larger than a read buffer (64 KiB) and, on v5, than a segment's payload (128 KiB).
    int[] sizes = {70_000, 131_071, 131_072, 300_000, 1_000_000};
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    int size = sizes[(thread + i) % sizes.length];
                    byte[] body = bigAnswer(connection, size).join();
                    assertThat(body).as("body of %d bytes", size).isEqualTo(TestServers.bigBody(size));
                    String cql = "small-" + thread + "-" + i;
                    assertThat(query(connection, cql).join()).isEqualTo(cql);
                  }
                },
                executor));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    assertEmpty(connection);
  }

  /** Sends {@code big:size}; completes with the answer's body bytes. */
  private static CompletableFuture<byte[]> bigAnswer(Connection connection, int size) {
    CompletableFuture<byte[]> body = new CompletableFuture<>();
    connection.send(
        new Query("big:" + size, QueryOptions.of(ConsistencyLevel.ONE)),
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {
            ByteBuffer b = frame.body().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            body.complete(bytes);
          }

          @Override
          public void onFailure(Throwable error) {
            body.completeExceptionally(error);
          }
        }, Connection.NO_WAIT, Connection.NO_DEADLINE);
    return body;
  }

  @Test
  void matches_responses_the_server_sends_out_of_order() throws Exception {
    server.close();
    server = TestServers.echo(CqlTestServer.builder().compression(List.of()).reverseBatches(true));
    Connection connection = open(v4());
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      answers.add(query(connection, "r" + i));
    }
    for (int i = 0; i < 500; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("r" + i);
    }
  }

  @Test
  void queues_requests_while_all_stream_ids_are_busy() throws Exception {
    Connection connection = open(v4().toBuilder().maxStreamIds(4).maxQueuedRequests(1000).build());

    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(query(connection, i % 10 == 0 ? "delay:2:q" + i : "q" + i));
    }

    for (int i = 0; i < 100; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).endsWith("q" + i);
    }
    assertEmpty(connection);
  }

  @Test
  void refuses_requests_beyond_the_queue_limit_with_a_busy_error() throws Exception {
    Connection connection = open(v4().toBuilder().maxStreamIds(2).maxQueuedRequests(3).build());
    TestServers.silence(server);

    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(query(connection, "q" + i));
    }

    assertThatThrownBy(() -> answers.get(3).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(BusyConnectionException.class)
        .hasMessageContaining("maxQueuedRequests");
    connection.close();
    for (int i = 0; i < 3; i++) {
      CompletableFuture<String> answer = answers.get(i);
      assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ConnectionException.class);
    }
  }

  @Test
  void a_caller_willing_to_wait_parks_until_the_full_connection_has_room() throws Exception {
    Connection connection = open(v4().toBuilder().maxStreamIds(2).maxQueuedRequests(3).build());
    List<CompletableFuture<String>> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(query(connection, "delay:300:q" + i));
    }
    assertThat(connection.pendingRequests()).isEqualTo(3);

    List<Thread> waiters = new ArrayList<>();
    List<CompletableFuture<String>> later = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      String cql = "w" + i;
      waiters.add(
          Thread.ofVirtual()
              .start(() -> later.add(Queries.send(connection, cql, TimeUnit.SECONDS.toNanos(10)).answer())));
    }
    for (Thread waiter : waiters) {
      waiter.join(10_000);
      assertThat(waiter.isAlive()).isFalse();
    }

    for (CompletableFuture<String> answer : first) {
      assertThat(answer.get(10, TimeUnit.SECONDS)).startsWith("delay:300:q");
    }
    assertThat(later).hasSize(20);
    for (CompletableFuture<String> answer : later) {
      assertThat(answer.get(10, TimeUnit.SECONDS)).startsWith("w");
    }
    assertThat(connection.pendingRequests()).isZero();
    assertEmpty(connection);
  }

  @Test
  void a_waiting_caller_gives_up_with_a_busy_error_after_its_wait() throws Exception {
    Connection connection = open(v4().toBuilder().maxStreamIds(2).maxQueuedRequests(2).build());
    TestServers.silence(server);
    query(connection, "q0");
    query(connection, "q1");

    long start = System.nanoTime();
    Queries.Sent sent = Queries.send(connection, "q2", TimeUnit.MILLISECONDS.toNanos(200));
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(sent.request()).isNull();
    assertThat(waitedMillis).as("waited for room").isGreaterThanOrEqualTo(150L);
    assertThatThrownBy(() -> sent.answer().get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(BusyConnectionException.class)
        .hasMessageContaining("maxQueuedRequests")
        .hasMessageContaining("within 200 ms");
    assertThat(connection.pendingRequests()).isEqualTo(2);
  }

  @Test
  void closing_a_full_connection_fails_the_callers_waiting_for_room() throws Exception {
    Connection connection = open(v4().toBuilder().maxStreamIds(2).maxQueuedRequests(2).build());
    TestServers.silence(server);
    query(connection, "q0");
    query(connection, "q1");
    CompletableFuture<CompletableFuture<String>> waiting = new CompletableFuture<>();
    Thread waiter =
        Thread.ofVirtual().start(() -> waiting.complete(Queries.send(connection, "q2", Long.MAX_VALUE).answer()));
    Await.parked(waiter);

    connection.close();

    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionException.class);
    // The waiter can fail while the closing thread is still failing the other requests.
    connection.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(connection.pendingRequests()).isZero();
  }

  @Test
  void fails_in_flight_requests_when_the_server_closes_the_connection() throws Exception {
    Connection connection = open(ConnectionOptions.defaults(ProtocolVersion.V5));
    CompletableFuture<String> answer = query(connection, "drop me");
    awaitQueries(1);

    server.closeConnections();

    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1");
    connection.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(connection.isClosed()).isTrue();
    assertEmpty(connection);
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void fails_everything_with_a_connection_error_when_the_server_sends_garbage(ProtocolVersion version)
      throws Exception {
    Connection connection = open(ConnectionOptions.defaults(version));
    CompletableFuture<String> waiting = query(connection, "drop this one");
    awaitQueries(1);

    CompletableFuture<String> corrupt = query(connection, "corrupt");

    for (CompletableFuture<String> answer : List.of(waiting, corrupt)) {
      assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ConnectionException.class)
          .hasMessageContaining("127.0.0.1");
    }
    Throwable cause = connection.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(cause).isInstanceOf(io.loomcql.ProtocolException.class);
    assertEmpty(connection);
  }

  @Test
  void fails_everything_when_the_server_closes_in_the_middle_of_a_frame() throws Exception {
    Connection connection = open(v4());
    CompletableFuture<String> waiting = query(connection, "drop");
    awaitQueries(1);

    CompletableFuture<String> cut = query(connection, "cut");

    for (CompletableFuture<String> answer : List.of(waiting, cut)) {
      assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ConnectionException.class)
          .hasMessageContaining("Connection closed by /127.0.0.1");
    }
    assertEmpty(connection);
  }

  @Test
  void tells_each_request_once_that_its_deadline_passed_while_in_flight_or_queued() throws Exception {
    // One stream id: the second request waits in the queue until the first is answered (400 ms).
    Connection connection = open(v4().toBuilder().maxStreamIds(1).maxQueuedRequests(10).build());
    Connection other = open(v4());
    long start = System.nanoTime();
    DeadlineProbe inFlight = DeadlineProbe.send(connection, "delay:400:slow", start + TimeUnit.MILLISECONDS.toNanos(100));
    DeadlineProbe queued = DeadlineProbe.send(connection, "queued", start + TimeUnit.MILLISECONDS.toNanos(150));
    DeadlineProbe noDeadline = DeadlineProbe.send(connection, "none", Long.MAX_VALUE);
    DeadlineProbe answered = DeadlineProbe.send(other, "fast", start + TimeUnit.MILLISECONDS.toNanos(200));

    for (DeadlineProbe probe : List.of(inFlight, queued, noDeadline, answered)) {
      assertThat(probe.answer.get(10, TimeUnit.SECONDS)).isEqualTo(probe.cql);
    }
    // Signals come only from the deadline sweep, on the connection's timer thread, and only for
    // requests still unanswered: once a task scheduled now has run there, a sweep that was under
    // way has ended and no further signal can come.
    for (Connection c : List.of(connection, other)) {
      awaitTimerTurn(c);
    }

    assertThat(inFlight.signals()).as("in flight past its deadline").isEqualTo(1);
    assertThat(inFlight.signalledAt - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(inFlight.signalledBeforeAnswer).isTrue();
    assertThat(queued.signals()).as("queued past its deadline").isEqualTo(1);
    assertThat(queued.signalledAt - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    assertThat(queued.signalledBeforeAnswer).isTrue();
    assertThat(noDeadline.signals()).isZero();
    assertThat(answered.signals()).as("answered before its deadline").isZero();
    assertEmpty(connection);
    assertEmpty(other);
  }

  /** Waits until a task scheduled now on the connection's timer thread has run. */
  private static void awaitTimerTurn(Connection connection) throws Exception {
    CompletableFuture<Void> turn = new CompletableFuture<>();
    connection.timer().schedule(() -> turn.complete(null), 0, TimeUnit.NANOSECONDS);
    turn.get(10, TimeUnit.SECONDS);
  }

  /** A query sent with a deadline, recording when (and how often) the connection says it passed. */
  private static final class DeadlineProbe implements ResponseCallback {
    final String cql;
    final CompletableFuture<String> answer = new CompletableFuture<>();
    InFlightRequest request;
    final AtomicInteger signals = new AtomicInteger();
    volatile long signalledAt;
    volatile boolean signalledBeforeAnswer;

    private DeadlineProbe(String cql) {
      this.cql = cql;
    }

    static DeadlineProbe send(Connection connection, String cql, long deadlineNanos) {
      DeadlineProbe probe = new DeadlineProbe(cql);
      probe.request = connection.send(
          new Query(cql, QueryOptions.of(ConsistencyLevel.ONE)),
          0, null, probe, 0, deadlineNanos);
      return probe;
    }

    int signals() {
      return signals.get();
    }

    @Override
    public void onResponse(Frame frame) {
      DecodedResponse decoded = ResponseDecoder.decode(frame);
      answer.complete(((SetKeyspace) decoded.response()).keyspace());
    }

    @Override
    public void onFailure(Throwable error) {
      answer.completeExceptionally(error);
    }

    @Override
    public void onDeadline() {
      if (signals.incrementAndGet() == 1) {
        signalledAt = System.nanoTime();
        signalledBeforeAnswer = !answer.isDone();
      }
    }
  }

  @Test
  void keeps_a_cancelled_request_s_stream_id_until_its_late_answer_arrives() throws Exception {
    Connection connection = open(v4());
    Queries.Sent sent = Queries.send(connection, "delay:300:late");
    awaitQueries(1);

    sent.request().cancel();

    assertThat(connection.pendingRequests()).as("the orphan keeps its permit").isEqualTo(1);
    assertThat(transport.counters().inFlight()).as("and its stream id").isEqualTo(1);
    assertThat(query(connection, "after").get(5, TimeUnit.SECONDS)).isEqualTo("after");
    assertThat(connection.pendingRequests()).as("the late answer freed it").isZero();
    assertThat(sent.answer()).isNotDone();
    assertEmpty(connection);
  }

  @Test
  void replaces_the_connection_when_orphans_exceed_three_quarters_of_the_stream_ids() throws Exception {
    Connection connection = open(v4().toBuilder().maxStreamIds(8).build());
    List<Queries.Sent> sent = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      sent.add(Queries.send(connection, "drop" + i));
    }
    awaitQueries(7);

    for (int i = 0; i < 6; i++) {
      sent.get(i).request().cancel();
    }
    assertThat(connection.isClosed()).isFalse();
    sent.get(6).request().cancel();

    Throwable cause = connection.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(cause).isInstanceOf(ConnectionException.class).hasMessageContaining("orphaned");
    assertEmpty(connection);
  }

  @Test
  void fails_requests_sent_after_close() throws Exception {
    Connection connection = open(v4());
    connection.close();
    connection.closeFuture().get(5, TimeUnit.SECONDS);

    assertThatThrownBy(() -> query(connection, "late").join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ConnectionException.class);
  }

  @Test
  void closing_the_transport_fails_what_is_in_flight_and_ends_its_threads() throws Exception {
    Connection connection = open(v4());
    CompletableFuture<String> answer = query(connection, "drop");
    awaitQueries(1);

    transport.close();

    assertThat(TestTransport.threadsEnded(transport)).isTrue();
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ConnectionException.class);
    assertThat(connection.isClosed()).isTrue();
  }

  @Test
  void sends_a_heartbeat_on_an_idle_connection() throws Exception {
    Connection connection = open(v4().toBuilder().idleHeartbeatInterval(Duration.ofMillis(50)).build());
    int handshakeOptions = server.count(Opcodes.OPTIONS);

    // Two heartbeats, however slow the machine: the bound only keeps a broken timer from hanging.
    Await.until("two heartbeats", () -> server.count(Opcodes.OPTIONS) - handshakeOptions >= 2);
    assertThat(connection.isClosed()).isFalse();
    // Heartbeats go out every 50 ms: catch a moment between one's answer and the next.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (connection.pendingRequests() != 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(connection.pendingRequests()).as("heartbeats answered").isZero();
  }

  @Test
  void marks_the_connection_defunct_when_a_heartbeat_gets_no_answer() throws Exception {
    Connection connection =
        open(
            v4().toBuilder().idleHeartbeatInterval(Duration.ofMillis(50))
                .idleHeartbeatTimeout(Duration.ofMillis(200)).build());
    TestServers.silence(server);

    Throwable cause = connection.closeFuture().get(5, TimeUnit.SECONDS);

    assertThat(cause)
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1")
        .hasMessageContaining("heartbeat");
  }

  @Test
  void applies_socket_options_and_rejects_values_of_the_wrong_type() throws Exception {
    Connection connection =
        open(v4().toBuilder().socketOption(StandardSocketOptions.SO_RCVBUF, 128 * 1024).build());
    assertThat(query(connection, "ok").get(5, TimeUnit.SECONDS)).isEqualTo("ok");

    assertThatThrownBy(
            () -> v4().toBuilder().socketOptions(java.util.Map.of(StandardSocketOptions.TCP_NODELAY, 1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TCP_NODELAY");
  }

  @Test
  void fails_clearly_when_a_required_compression_is_not_offered_and_runs_plain_on_auto()
      throws Exception {
    server.compressionOffered(List.of());

    assertThatThrownBy(() -> open(v4().toBuilder().compression(io.loomcql.transport.Compression.LZ4).build()))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("lz4")
        .hasMessageContaining("127.0.0.1");
    Connection auto = open(v4());
    assertThat(auto.compression()).isNull();
    assertThat(query(auto, "plain").get(5, TimeUnit.SECONDS)).isEqualTo("plain");
    assertThat(TestServers.startupCompressions(server)).containsExactly("none");
  }

  private void awaitQueries(int n) {
    Await.until(n + " queries received by the server", () -> server.count(Opcodes.QUERY) >= n);
  }
}
