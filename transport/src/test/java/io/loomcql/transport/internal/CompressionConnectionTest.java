package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.Opcodes;
import static io.loomcql.transport.internal.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.testserver.Frames;
import io.loomcql.testserver.Reply;
import io.loomcql.transport.Compression;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.wire.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Negotiated compression on real sockets: v4 frame bodies (LZ4, Snappy) and v5 LZ4 segments. */
@ParameterizedClass
@EnumSource(value = TestTransport.class, names = {"NIO", "BLOCKING"})
class CompressionConnectionTest {

  /** A query text of about 300 KB: more than two segments, and very compressible. */
  private static final String BIG = "SELECT * FROM ks.t WHERE k = 'abcdefgh';".repeat(7500);

  private final TestTransport kind;
  private TransportFactory transport;
  private CqlTestServer server;
  private final List<Connection> opened = new ArrayList<>();

  CompressionConnectionTest(TestTransport kind) {
    this.kind = kind;
  }

  @BeforeEach
  void start() throws Exception {
    transport = kind.create("compression-" + kind.name().toLowerCase());
    server = compressingServer();
  }

  @AfterEach
  void stop() throws Exception {
    for (Connection connection : opened) {
      connection.close();
    }
    transport.close();
    server.close();
    assertThat(server.errors()).isEmpty();
    assertThat(TestTransport.threadsEnded(transport)).as("transport threads ended").isTrue();
  }

  /**
   * The echoing server offering snappy and lz4; a query starting with {@code garbage} (v3/v4) gets
   * a frame flagged compressed whose body no algorithm can read.
   */
  private static CqlTestServer compressingServer() throws Exception {
    CqlTestServer server = TestServers.echo(CqlTestServer.builder().compression(List.of("snappy", "lz4")));
    byte[] junk = {0, 0, 0, 0x40, (byte) 0xf0, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    server.when(request -> request.opcode() == Opcodes.QUERY && request.version() < 5
        && request.queryStartsWith("garbage"), request -> {
          byte[] frame = Frames.frame(request.version(), request.streamId(), Opcodes.RESULT, junk);
          frame[1] = Frame.FLAG_COMPRESSED;
          return Reply.raw(frame);
        });
    return server;
  }

  private Connection open(ProtocolVersion version, Compression compression) throws Exception {
    Connection connection =
        transport
            .open(server.address(), ConnectionOptions.defaults(version).toBuilder().compression(compression).build())
            .get(10, TimeUnit.SECONDS);
    opened.add(connection);
    return connection;
  }

  private static void assertEchoes(Connection connection) throws Exception {
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(query(connection, "SELECT " + i));
    }
    answers.add(query(connection, BIG));
    for (int i = 0; i < 100; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("SELECT " + i);
    }
    String big = answers.get(100).get(10, TimeUnit.SECONDS);
    assertThat(big.length()).isEqualTo(TestServers.ECHO_LIMIT);
    assertThat(BIG.startsWith(big)).as("the echo is the query's start").isTrue();
  }

  @Test
  void should_prefer_lz4_on_auto_and_compress_v4_frames_both_ways() throws Exception {
    Connection connection = open(ProtocolVersion.V4, Compression.AUTO);

    assertThat(connection.compression()).isEqualTo("lz4");
    assertThat(TestServers.startupCompressions(server)).containsExactly("lz4");
    assertEchoes(connection);
    assertThat(TestServers.compressedRequests(server)).isEqualTo(101);
  }

  @Test
  void should_take_snappy_on_v4_when_it_is_the_only_one_offered() throws Exception {
    server.compressionOffered(List.of("snappy"));
    Connection connection = open(ProtocolVersion.V4, Compression.AUTO);

    assertThat(connection.compression()).isEqualTo("snappy");
    assertEchoes(connection);
    assertThat(TestServers.compressedRequests(server)).isEqualTo(101);
  }

  @Test
  void should_compress_v5_segments_with_lz4() throws Exception {
    Connection connection = open(ProtocolVersion.V5, Compression.LZ4);

    assertThat(connection.compression()).isEqualTo("lz4");
    assertThat(TestServers.startupCompressions(server)).containsExactly("lz4");
    assertEchoes(connection);
    assertThat(TestServers.compressedRequests(server)).as("v5 frames are never flagged").isZero();
    assertThat(server.segmentBytesReceived())
        .as("segment bytes received vs payload bytes they carried")
        .isLessThan(server.segmentPayloadBytesReceived() / 10);
  }

  @Test
  void should_run_v5_uncompressed_when_only_snappy_is_possible() throws Exception {
    server.compressionOffered(List.of("snappy"));
    Connection auto = open(ProtocolVersion.V5, Compression.AUTO);
    Connection snappy = open(ProtocolVersion.V5, Compression.SNAPPY);

    assertThat(auto.compression()).isNull();
    assertThat(snappy.compression()).isNull();
    assertThat(TestServers.startupCompressions(server)).containsExactly("none", "none");
    assertEchoes(auto);
    assertEchoes(snappy);
    assertThat(server.segmentBytesReceived()).isGreaterThan(server.segmentPayloadBytesReceived());
  }

  @Test
  void should_send_no_compression_when_told_none() throws Exception {
    Connection connection = open(ProtocolVersion.V4, Compression.NONE);

    assertThat(connection.compression()).isNull();
    assertThat(TestServers.startupCompressions(server)).containsExactly("none");
    assertEchoes(connection);
    assertThat(TestServers.compressedRequests(server)).isZero();
  }

  @Test
  void should_fail_the_handshake_when_a_required_algorithm_is_not_offered() {
    server.compressionOffered(List.of("snappy"));

    assertThatThrownBy(() -> open(ProtocolVersion.V4, Compression.LZ4))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("lz4 was required")
        .hasMessageContaining("[snappy]");
  }

  @Test
  void should_close_the_connection_with_a_protocol_exception_on_a_malformed_compressed_body()
      throws Exception {
    Connection connection = open(ProtocolVersion.V4, Compression.LZ4);
    CompletableFuture<String> answer = query(connection, "garbage please");

    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionException.class);
    Throwable cause = connection.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(cause)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("RESULT frame on stream")
        .hasMessageContaining("lz4");
  }
}
