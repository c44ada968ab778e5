package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** v3/v4 frame body compression (LZ4 with Cassandra's length prefix, raw Snappy). */
class CompressionTest {

  private static final int MAX = 256 * 1024 * 1024;

  /** 31 bytes of CQL repeated 8 times: 248 bytes that compress well. */
  static final byte[] SELECTS =
      "SELECT * FROM ks.t WHERE k = 1;".repeat(8).getBytes(StandardCharsets.US_ASCII);

  /** The raw LZ4 block Cassandra 5.0.6 (lz4-java fastCompressor) makes of {@link #SELECTS}. */
  static final String SELECTS_LZ4_BLOCK =
      "ff10 53454c454354202a2046524f4d206b732e74205748455245206b203d20313b 1f00 c150203d20313b";

  private static Compressor compressor(String name) {
    Compressor c = Compressor.forName(name, MAX);
    assertThat(c).as(name + " loads on this platform").isNotNull();
    return c;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  @Test
  void should_know_lz4_and_snappy_by_their_startup_names_only() {
    assertThat(Compressor.forName("LZ4", MAX)).isInstanceOf(Lz4Compressor.class);
    assertThat(Compressor.forName("snappy", MAX)).isInstanceOf(SnappyCompressor.class);
    assertThat(Compressor.forName("deflate", MAX)).isNull();
    assertThat(compressor("lz4").name()).isEqualTo("lz4");
    assertThat(compressor("snappy").name()).isEqualTo("snappy");
  }

  @Test
  void should_prefix_an_lz4_body_with_its_big_endian_length() {
    // Fewer than 13 bytes: one sequence of literals only (token 0x50 = 5 literals).
    ByteBuffer body = compressor("lz4").compressBody(ByteBuffer.wrap("hello".getBytes()));
    assertThat(Bin.toHex(body)).isEqualTo(Bin.toHex(ByteBuffer.wrap(Bin.hex("00000005 50 68656c6c6f"))));
  }

  @Test
  void should_decompress_the_lz4_block_cassandra_makes() {
    ByteBuffer body = ByteBuffer.wrap(Bin.hex("000000f8 " + SELECTS_LZ4_BLOCK));
    assertThat(bytes(compressor("lz4").decompressBody(body))).containsExactly(SELECTS);
  }

  @Test
  void should_compress_like_cassandra() {
    ByteBuffer body = compressor("lz4").compressBody(ByteBuffer.wrap(SELECTS));
    assertThat(Bin.toHex(body))
        .isEqualTo(Bin.toHex(ByteBuffer.wrap(Bin.hex("000000f8 " + SELECTS_LZ4_BLOCK))));
  }

  @Test
  void should_write_a_raw_snappy_block() {
    // varint length 5, literal tag (5-1)<<2, the bytes
    ByteBuffer body = compressor("snappy").compressBody(ByteBuffer.wrap("hello".getBytes()));
    assertThat(Bin.toHex(body)).isEqualTo(Bin.toHex(ByteBuffer.wrap(Bin.hex("05 10 68656c6c6f"))));
    assertThat(bytes(compressor("snappy").decompressBody(body))).containsExactly("hello".getBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy"})
  void should_round_trip_bodies_of_every_size(String name) {
    Compressor c = compressor(name);
    Random random = new Random(42);
    for (int size : new int[] {1, 7, 12, 13, 100, 4096, 65_536, 131_071, 131_072, 1 << 20}) {
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : i % 17);
      }
      ByteBuffer compressed = c.compressBody(ByteBuffer.wrap(data));
      assertThat(bytes(c.decompressBody(compressed))).as(name + " " + size).containsExactly(data);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy"})
  void should_flag_and_restore_a_compressed_frame(String name) {
    Compressor c = compressor(name);
    ByteBuffer plain = FrameCodec.encode(
        new Query("SELECT * FROM system.local WHERE key = 'local'".repeat(4),
            QueryOptions.of(ConsistencyLevel.ONE)),
        ProtocolVersion.V4, 7, Frame.FLAG_TRACING, null);
    ByteBuffer compressed = c.compressFrame(plain);
    assertThat(plain.position()).isZero();
    assertThat(compressed.get(0)).isEqualTo((byte) 0x04);
    assertThat(compressed.get(1)).isEqualTo((byte) (Frame.FLAG_TRACING | Frame.FLAG_COMPRESSED));
    assertThat(compressed.getShort(2)).isEqualTo((short) 7);
    assertThat(compressed.get(4)).isEqualTo((byte) Opcodes.QUERY);
    assertThat(compressed.getInt(5)).isEqualTo(compressed.remaining() - Frame.HEADER_SIZE)
        .isLessThan(plain.remaining() - Frame.HEADER_SIZE);

    Frame received = new Frame(ProtocolVersion.V4, compressed.get(1), 7, Opcodes.QUERY,
        compressed.slice(Frame.HEADER_SIZE, compressed.remaining() - Frame.HEADER_SIZE));
    Frame restored = c.decompressFrame(received);
    assertThat(restored.flags()).isEqualTo(Frame.FLAG_TRACING);
    assertThat(bytes(restored.body()))
        .containsExactly(bytes(plain.slice(Frame.HEADER_SIZE, plain.remaining() - 9)));
  }

  @Test
  void should_leave_empty_bodies_uncompressed_and_unflagged() {
    ByteBuffer options = FrameCodec.encode(new Options(), ProtocolVersion.V4, 0, 0, null);
    assertThat(compressor("lz4").compressFrame(options)).isSameAs(options);
    Frame unflagged = new Frame(ProtocolVersion.V4, 0, 1, Opcodes.READY, ByteBuffer.allocate(0));
    assertThat(compressor("snappy").decompressFrame(unflagged)).isSameAs(unflagged);
  }

  @Test
  void should_refuse_an_lz4_length_above_the_maximum_frame_length() {
    Compressor c = Compressor.forName("lz4", 1024);
    assertThatThrownBy(() -> c.decompressBody(ByteBuffer.wrap(Bin.hex("00000401 " + "ff".repeat(40)))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("1025 uncompressed bytes, more than the maximum frame length of 1024");
  }

  @Test
  void should_refuse_a_length_the_bytes_cannot_expand_to_before_allocating_it() {
    // 2 GiB - 1 declared from 3 bytes: refused without allocating
    assertThatThrownBy(() -> compressor("lz4").decompressBody(ByteBuffer.wrap(Bin.hex("7fffffff 10 61 00"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("maximum frame length");
    assertThatThrownBy(() -> Compressor.forName("lz4", Integer.MAX_VALUE)
            .decompressBody(ByteBuffer.wrap(Bin.hex("40000000 10 61 00"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than lz4 can expand it to");
    assertThatThrownBy(() -> Compressor.forName("snappy", Integer.MAX_VALUE)
            .decompressBody(ByteBuffer.wrap(Bin.hex("ffffffff07 00"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than snappy can expand it to");
  }

  @Test
  void should_refuse_negative_and_truncated_lengths() {
    assertThatThrownBy(() -> compressor("lz4").decompressBody(ByteBuffer.wrap(Bin.hex("ffffffff 00"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> compressor("lz4").decompressBody(ByteBuffer.wrap(Bin.hex("0000"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("at least 4 bytes");
    assertThatThrownBy(() -> compressor("snappy").decompressBody(ByteBuffer.wrap(Bin.hex("ff ff"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("ends inside");
  }

  @Test
  void should_name_the_frame_when_its_body_is_garbage() {
    Frame frame = new Frame(ProtocolVersion.V4, Frame.FLAG_COMPRESSED, 12, Opcodes.RESULT,
        ByteBuffer.wrap(Bin.hex("00000020 f0 ff ff ff ff")));
    assertThatThrownBy(() -> compressor("lz4").decompressFrame(frame))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("RESULT")
        .hasMessageContaining("stream 12")
        .hasMessageContaining("lz4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy"})
  void should_only_throw_protocol_exceptions_for_mutated_bodies(String name) {
    Compressor c = Compressor.forName(name, 1 << 20);
    Random random = new Random(7);
    ByteBuffer valid = c.compressBody(ByteBuffer.wrap(SELECTS));
    byte[] original = bytes(valid);
    int failures = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] mutated = original.clone();
      int kind = random.nextInt(3);
      if (kind == 0) {
        mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
      } else if (kind == 1) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt();
      } else {
        mutated = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length));
      }
      try {
        c.decompressBody(ByteBuffer.wrap(mutated));
      } catch (ProtocolException expected) {
        failures++;
      }
    }
    assertThat(failures).as("mutations detected as malformed").isPositive();
  }
}
