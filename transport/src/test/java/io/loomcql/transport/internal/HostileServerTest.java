package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.Opcodes;
import static io.loomcql.transport.internal.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.ServerErrorException;
import io.loomcql.cqltypes.DataType;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.testserver.Frames;
import io.loomcql.testserver.Match;
import io.loomcql.testserver.Reply;
import io.loomcql.testserver.Responder;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.wire.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that completes the handshake and then misbehaves: every kind of broken response ends
 * in a clear error for the requests of that connection only, the connection closed, its in-flight
 * table empty, and no thread left behind; a connection to a good server on the same transport
 * keeps working throughout.
 */
@ParameterizedClass
@EnumSource(TestTransport.class)
class HostileServerTest {

  /** What the server sends in answer to a query, and the error the client must report. */
  enum Hostility {
    WRONG_STREAM_ID(ProtocolException.class, "stream id 12345") {
      @Override
      Reply answer(int stream) {
        return Reply.raw(Frames.frame(4, 12345, 0x08, voidResult()));
      }
    },
    ABSURD_LENGTH(ProtocolException.class, "Frame body length 2147483647 exceeds the maximum") {
      @Override
      Reply answer(int stream) {
        return Reply.raw(concat(Frames.header(4, stream, 0x08, Integer.MAX_VALUE), new byte[64]));
      }
    },
    NEGATIVE_LENGTH(ProtocolException.class, "negative frame body length -2147483648") {
      @Override
      Reply answer(int stream) {
        return Reply.raw(Frames.header(4, stream, 0x08, Integer.MIN_VALUE));
      }
    },
    TRUNCATED_THEN_CLOSED(ConnectionException.class, "Connection closed by") {
      @Override
      Reply answer(int stream) {
        byte[] frame = Frames.frame(4, stream, 0x08, voidResult());
        return Reply.raw(Arrays.copyOf(frame, frame.length - 2)).thenClose();
      }
    },
    UNKNOWN_OPCODE(ProtocolException.class, "opcode 0x55") {
      @Override
      Reply answer(int stream) {
        return Reply.raw(Frames.frame(4, stream, 0x55, voidResult()));
      }
    },
    NEVER_ENDING_FRAME(ConnectionException.class, "heartbeat") {
      @Override
      Reply answer(int stream) {
        return Reply.raw(concat(Frames.header(4, stream, 0x08, 1 << 20), new byte[100]));
      }
    };

    final Class<? extends Throwable> cause;
    final String message;

    Hostility(Class<? extends Throwable> cause, String message) {
      this.cause = cause;
      this.message = message;
    }

    /** The hostile answer to the query on {@code stream}. */
    abstract Reply answer(int stream);
  }

  /** What a v5 server sends, in segments, in answer to a query, and what the client must report. */
  enum SegmentHostility {
    BAD_HEADER_CRC24("Segment header CRC24 mismatch") {
      @Override
      byte[] answer(int stream) {
        byte[] segment = Frames.segment(Frames.frame(5, stream, 0x08, voidResult()));
        segment[3] ^= 0x01;
        return segment;
      }
    },
    BAD_PAYLOAD_CRC32("Segment payload CRC32 mismatch") {
      @Override
      byte[] answer(int stream) {
        byte[] segment = Frames.segment(Frames.frame(5, stream, 0x08, voidResult()));
        segment[segment.length - 1] ^= 0x01;
        return segment;
      }
    },
    /** A header (with a valid CRC24) whose 3 bytes read 1 MiB, then 64 bytes: 17 bits cannot say that. */
    MORE_THAN_128_KIB("cannot announce more than 131071 payload bytes") {
      @Override
      byte[] answer(int stream) {
        long value = 1 << 20;
        int crc = io.loomcql.protocol.internal.Crc24.compute(value, 3);
        ByteBuffer out = ByteBuffer.allocate(6 + 64);
        out.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16));
        out.put((byte) crc).put((byte) (crc >>> 8)).put((byte) (crc >>> 16));
        return out.array();
      }
    };

    final String message;

    SegmentHostility(String message) {
      this.message = message;
    }

    /** The bytes the server writes in answer to the query on {@code stream}. */
    abstract byte[] answer(int stream);
  }

  private final TestTransport kind;
  private TransportFactory transport;
  private CqlTestServer good;

  HostileServerTest(TestTransport kind) {
    this.kind = kind;
  }

  @BeforeEach
  void start() throws Exception {
    transport = kind.create("hostile-" + kind.name().toLowerCase());
    good = TestServers.echo();
  }

  @AfterEach
  void stop() throws Exception {
    transport.close();
    good.close();
    assertThat(good.errors()).isEmpty();
    assertThat(TestTransport.threadsEnded(transport)).as("transport threads ended").isTrue();
    assertThat(transport.counters().inFlight()).as("in flight, all connections").isZero();
  }

  private static ConnectionOptions options() {
    // Heartbeats catch a frame that never ends; they also run on the good connection.
    return ConnectionOptions.defaults(ProtocolVersion.V4)
        .toBuilder().idleHeartbeatInterval(Duration.ofMillis(100))
        .idleHeartbeatTimeout(Duration.ofMillis(300)).build();
  }

  @ParameterizedTest
  @EnumSource(Hostility.class)
  void a_hostile_answer_fails_that_connection_only_and_leaves_nothing_behind(Hostility hostility)
      throws Exception {
    Connection healthy = transport.open(good.address(), options()).get(10, TimeUnit.SECONDS);
    try (CqlTestServer server = hostile(request -> hostility.answer(request.streamId()))) {
      Connection hostile = transport.open(server.address(), options()).get(10, TimeUnit.SECONDS);
      // One request waits unanswered (the server answers none but "bad"), one gets the bad answer.
      CompletableFuture<String> waiting = query(hostile, "wait");
      awaitQueries(server, 1);
      CompletableFuture<String> bad = query(hostile, "bad");

      for (CompletableFuture<String> answer : java.util.List.of(waiting, bad)) {
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfAny(ConnectionException.class, ProtocolException.class)
            .hasMessageContaining("127.0.0.1:" + server.address().getPort())
            .hasMessageContaining(hostility.message);
      }
      Throwable cause = hostile.closeFuture().get(5, TimeUnit.SECONDS);
      assertThat(cause).isInstanceOf(hostility.cause).hasMessageContaining(hostility.message);
      assertThat(hostile.isClosed()).isTrue();
      assertThat(hostile.pendingRequests()).as("pending requests").isZero();
      assertThatThrownBy(() -> query(hostile, "late").get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ConnectionException.class);

      assertThat(healthy.isClosed()).isFalse();
      assertThat(query(healthy, "still fine").get(5, TimeUnit.SECONDS)).isEqualTo("still fine");
      awaitNoPendingRequests(healthy);
    }
  }

  @ParameterizedTest
  @EnumSource(SegmentHostility.class)
  void a_hostile_v5_segment_fails_that_connection_only_and_leaves_nothing_behind(SegmentHostility hostility)
      throws Exception {
    Connection healthy = transport.open(good.address(), options()).get(10, TimeUnit.SECONDS);
    try (CqlTestServer server = hostile(request -> Reply.raw(hostility.answer(request.streamId())))) {
      ConnectionOptions v5 = ConnectionOptions.defaults(ProtocolVersion.V5)
          .toBuilder().idleHeartbeatInterval(Duration.ofMillis(100))
          .idleHeartbeatTimeout(Duration.ofMillis(300)).build();
      Connection hostile = transport.open(server.address(), v5).get(10, TimeUnit.SECONDS);
      assertThat(hostile.protocolVersion()).isEqualTo(ProtocolVersion.V5);
      // One request waits unanswered, one gets the bad segment.
      CompletableFuture<String> waiting = query(hostile, "wait");
      awaitQueries(server, 1);
      CompletableFuture<String> bad = query(hostile, "bad");

      for (CompletableFuture<String> answer : java.util.List.of(waiting, bad)) {
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfAny(ConnectionException.class, ProtocolException.class)
            .hasMessageContaining("127.0.0.1:" + server.address().getPort())
            .hasMessageContaining(hostility.message);
      }
      Throwable cause = hostile.closeFuture().get(5, TimeUnit.SECONDS);
      assertThat(cause).isInstanceOf(ProtocolException.class).hasMessageContaining(hostility.message);
      assertThat(hostile.isClosed()).isTrue();
      assertThat(hostile.pendingRequests()).as("pending requests").isZero();

      assertThat(query(healthy, "still fine").get(5, TimeUnit.SECONDS)).isEqualTo("still fine");
      awaitNoPendingRequests(healthy);
    }
  }

  @Test
  void an_unknown_error_code_fails_that_request_with_the_code_and_the_connection_goes_on()
      throws Exception {
    try (CqlTestServer server = plain()) {
      server.when(Match.statements(), request -> Reply.message(0x00,
          request.queryStartsWith("bad") ? error(0x7777, "no such code") : voidResult()));
      Connection connection = transport.open(server.address(), options()).get(10, TimeUnit.SECONDS);

      DecodedResponse decoded = ResponseDecoder.decode(answer(connection, "bad").get(5, TimeUnit.SECONDS));

      ErrorResponse error = (ErrorResponse) decoded.response();
      assertThat(error.code()).isEqualTo(0x7777);
      assertThat(error.exception())
          .isInstanceOf(ServerErrorException.class)
          .hasMessageContaining("7777")
          .hasMessageContaining("no such code");
      // A well-framed answer: the connection stays in sync and usable.
      assertThat(answer(connection, "next").get(5, TimeUnit.SECONDS).opcode()).isEqualTo(0x00);
      assertThat(connection.isClosed()).isFalse();
      assertThat(connection.pendingRequests()).isZero();
      connection.close();
    }
  }

  @Test
  void invalid_utf8_and_a_negative_collection_size_fail_clearly_when_the_cell_is_decoded()
      throws Exception {
    byte[] rows = rowsResult(new byte[] {'o', 'k', (byte) 0xC3, 0x28}, ByteBuffer.allocate(4).putInt(-1).array());
    try (CqlTestServer server = plain()) {
      server.when(Match.statements(), Reply.message(0x08, rows));
      Connection connection = transport.open(server.address(), options()).get(10, TimeUnit.SECONDS);

      // The transport and the message decoder pass the rows through: cells are decoded on demand.
      Rows result = (Rows) ResponseDecoder.decode(answer(connection, "rows").get(5, TimeUnit.SECONDS)).response();
      int[] cells = result.cellIndex();
      ByteBuffer content = result.content();
      assertThat(result.rowCount()).isEqualTo(1);

      assertThatThrownBy(
              () -> Codecs.codecFor(DataType.TEXT).decode(content.slice(cells[0], cells[1]), ProtocolVersion.V4))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("UTF-8");
      assertThatThrownBy(
              () ->
                  Codecs.codecFor(new io.loomcql.cqltypes.ListType(DataType.INT))
                      .decode(content.slice(cells[2], cells[3]), ProtocolVersion.V4))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("Invalid element count -1");
      assertThat(connection.isClosed()).isFalse();
      connection.close();
    }
  }

  /** A RESULT Rows body: one row of (s text, l list<int>) with the given cell bytes. */
  static byte[] rowsResult(byte[] text, byte[] list) {
    ByteBuffer out = ByteBuffer.allocate(256);
    out.putInt(0x0002).putInt(0x0001).putInt(2);
    putString(out, "ks");
    putString(out, "t");
    putString(out, "s");
    out.putShort((short) 0x000D);
    putString(out, "l");
    out.putShort((short) 0x0020).putShort((short) 0x0009);
    out.putInt(1);
    out.putInt(text.length).put(text);
    out.putInt(list.length).put(list);
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }

  private static byte[] voidResult() {
    return new byte[] {0, 0, 0, 1};
  }

  private static byte[] error(int code, String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + 2 + text.length).putInt(code).putShort((short) text.length).put(text).array();
  }

  /** Sends a query; completes with the raw response frame. */
  private static CompletableFuture<Frame> answer(Connection connection, String cql) {
    CompletableFuture<Frame> answer = new CompletableFuture<>();
    connection.send(
        new Query(cql, QueryOptions.of(ConsistencyLevel.ONE)),
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {
            answer.complete(frame);
          }

          @Override
          public void onFailure(Throwable error) {
            answer.completeExceptionally(error);
          }
        }, Connection.NO_WAIT, Connection.NO_DEADLINE);
    return answer;
  }

  /** The healthy connection's heartbeat (every 100 ms) may be awaiting its answer for a moment. */
  private static void awaitNoPendingRequests(Connection connection) {
    Await.until("no pending requests on the healthy connection", () -> connection.pendingRequests() == 0);
  }

  private static void awaitQueries(CqlTestServer server, int n) {
    Await.until(n + " queries received by the server", () -> server.count(Opcodes.QUERY) >= n);
  }

  /**
   * A server that completes the handshake, answers heartbeats, leaves every query unanswered but
   * those starting with "bad", and answers those with {@code hostile}.
   */
  private static CqlTestServer hostile(Responder hostile) throws IOException {
    CqlTestServer server = plain();
    server.when(Match.statements(), request -> request.queryStartsWith("bad") ? null : Reply.drop());
    server.when(Match.queryStartsWith("bad"), hostile);
    return server;
  }

  /** A server offering no compression: the hostile bytes are read as they are written. */
  private static CqlTestServer plain() throws IOException {
    return CqlTestServer.builder().compression(List.of()).start();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
