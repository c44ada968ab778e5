package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** v5 segments compressed with LZ4: 8-byte header, stored fallback, CRCs, reassembly. */
class CompressedSegmentTest {

  /** Cassandra 5.0.6's FrameEncoderLZ4 on an OPTIONS frame: too small to shrink, so stored. */
  private static final String OPTIONS_SEGMENT =
      "09 00 00 00 04 | c2 b8 95 | 05 00 00 00 05 00 00 00 00 | 10 86 28 4d";

  /** Cassandra 5.0.6's FrameEncoderLZ4 on {@link CompressionTest#SELECTS}, self-contained. */
  private static final String SELECTS_SEGMENT = "2a 00 f0 01 04 | d4 ba 8e | "
      + CompressionTest.SELECTS_LZ4_BLOCK + " | 27 73 aa a6";

  /** The same, not self-contained. */
  private static final String SELECTS_PART_SEGMENT = "2a 00 f0 01 00 | e5 57 6a | "
      + CompressionTest.SELECTS_LZ4_BLOCK + " | 27 73 aa a6";

  private static final Lz4Compressor LZ4 = Lz4Compressor.forSegments();

  private static byte[] wire(List<ByteBuffer> frames) {
    List<ByteBuffer> out = new ArrayList<>();
    new SegmentEncoder(LZ4).encode(frames, out::add);
    return SegmentTestSupport.concat(out);
  }

  private static List<byte[]> payloads(byte[] wire, int chunk) {
    List<byte[]> payloads = new ArrayList<>();
    SegmentDecoder decoder = new SegmentDecoder(LZ4);
    for (int at = 0; at < wire.length; at += chunk) {
      decoder.feed(ByteBuffer.wrap(wire, at, Math.min(chunk, wire.length - at)), p -> {
        byte[] a = new byte[p.remaining()];
        p.duplicate().get(a);
        payloads.add(a);
      });
    }
    assertThat(decoder.hasPartialSegment()).isFalse();
    return payloads;
  }

  private static byte[] join(List<byte[]> parts) {
    return SegmentTestSupport.concat(parts.stream().map(ByteBuffer::wrap).toList());
  }

  @Test
  void should_store_a_segment_that_does_not_shrink_like_cassandra() {
    byte[] options = Bin.hex("05 00 0000 05 00000000");
    assertThat(Bin.toHex(ByteBuffer.wrap(wire(List.of(ByteBuffer.wrap(options))))))
        .isEqualTo(Bin.toHex(ByteBuffer.wrap(Bin.hex(OPTIONS_SEGMENT))));
    assertThat(payloads(Bin.hex(OPTIONS_SEGMENT), 1000)).containsExactly(options);
  }

  @Test
  void should_compress_a_segment_like_cassandra() {
    assertThat(Bin.toHex(ByteBuffer.wrap(wire(List.of(ByteBuffer.wrap(CompressionTest.SELECTS))))))
        .isEqualTo(Bin.toHex(ByteBuffer.wrap(Bin.hex(SELECTS_SEGMENT))));
  }

  @Test
  void should_decompress_cassandras_segments_and_read_the_self_contained_flag() {
    SegmentDecoder decoder = new SegmentDecoder(LZ4);
    List<byte[]> out = new ArrayList<>();
    decoder.feed(ByteBuffer.wrap(Bin.hex(SELECTS_SEGMENT)), p -> out.add(copy(p)));
    assertThat(decoder.lastSegmentSelfContained()).isTrue();
    decoder.feed(ByteBuffer.wrap(Bin.hex(SELECTS_PART_SEGMENT)), p -> out.add(copy(p)));
    assertThat(decoder.lastSegmentSelfContained()).isFalse();
    assertThat(out).containsExactly(CompressionTest.SELECTS, CompressionTest.SELECTS);
  }

  private static byte[] copy(ByteBuffer p) {
    byte[] a = new byte[p.remaining()];
    p.duplicate().get(a);
    return a;
  }

  @Test
  void should_round_trip_small_packed_and_split_frames_fed_in_any_chunks() {
    Random random = new Random(3);
    List<ByteBuffer> frames = new ArrayList<>();
    ByteArrayBuilder expected = new ByteArrayBuilder();
    for (int size : new int[] {9, 40, 300, 131_071, 131_072, 400_000, 12, 70_000, 70_000}) {
      byte[] f = new byte[size];
      for (int i = 0; i < size; i++) {
        f[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt() : i / 7);
      }
      frames.add(ByteBuffer.wrap(f));
      expected.add(f);
    }
    byte[] wire = wire(frames);
    for (int chunk : new int[] {1, 7, 1000, 65_536, wire.length}) {
      assertThat(join(payloads(wire, chunk))).as("chunk " + chunk).containsExactly(expected.get());
    }
    assertThat(wire.length).isLessThan(expected.get().length);
  }

  @Test
  void should_store_incompressible_payloads_with_uncompressed_length_zero() {
    byte[] noise = new byte[5000];
    new Random(1).nextBytes(noise);
    byte[] wire = wire(List.of(ByteBuffer.wrap(noise)));
    long header = 0;
    for (int i = 0; i < 5; i++) {
      header |= (long) (wire[i] & 0xFF) << (8 * i);
    }
    assertThat(header & 0x1FFFF).isEqualTo(5000);
    assertThat((header >>> 17) & 0x1FFFF).isZero();
    assertThat(wire).hasSize(8 + 5000 + 4);
    assertThat(payloads(wire, 999)).containsExactly(noise);
  }

  @Test
  void should_reject_a_corrupted_header_crc() {
    byte[] wire = Bin.hex(SELECTS_SEGMENT);
    wire[1] ^= 1;
    assertThatThrownBy(() -> payloads(wire, 100))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC24");
  }

  @Test
  void should_reject_a_corrupted_payload_crc() {
    byte[] wire = Bin.hex(SELECTS_SEGMENT);
    wire[12] ^= 1;
    assertThatThrownBy(() -> payloads(wire, 100))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC32");
  }

  @Test
  void should_reject_a_block_that_does_not_expand_to_its_declared_length() {
    // a valid CRC over a wrong uncompressed length: 247 instead of 248
    byte[] block = Bin.hex(CompressionTest.SELECTS_LZ4_BLOCK);
    ByteBuffer header = SegmentEncoder.compressedHeader(block.length, 247, true);
    ByteBuffer trailer = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(0, Crc32.compute(ByteBuffer.wrap(block)));
    byte[] wire = SegmentTestSupport.concat(List.of(header, ByteBuffer.wrap(block), trailer));
    assertThatThrownBy(() -> payloads(wire, 100))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("decompress a segment payload");
  }

  @Test
  void should_only_throw_protocol_exceptions_for_garbage_blocks_with_valid_crcs() {
    Random random = new Random(11);
    for (int i = 0; i < 5000; i++) {
      byte[] block = new byte[1 + random.nextInt(200)];
      random.nextBytes(block);
      int declared = 1 + random.nextInt(SegmentEncoder.MAX_PAYLOAD);
      ByteBuffer header = SegmentEncoder.compressedHeader(block.length, declared, true);
      ByteBuffer trailer = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putInt(0, Crc32.compute(ByteBuffer.wrap(block)));
      byte[] wire = SegmentTestSupport.concat(List.of(header, ByteBuffer.wrap(block), trailer));
      try {
        payloads(wire, wire.length);
      } catch (ProtocolException expected) {
        // the only failure allowed
      }
    }
  }

  /** Collects byte arrays. */
  private static final class ByteArrayBuilder {
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    void add(byte[] b) {
      out.writeBytes(b);
    }

    byte[] get() {
      return out.toByteArray();
    }
  }
}
