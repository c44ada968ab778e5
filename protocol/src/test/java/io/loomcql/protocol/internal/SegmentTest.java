package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import io.loomcql.wire.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentTest {

  /** The Python driver's vector: an OPTIONS frame in one self-contained uncompressed segment. */
  private static final String OPTIONS_SEGMENT =
      "09 00 02 | a4 c8 c1 | 05 00 00 00 05 00 00 00 00 | 10 86 28 4d";

  private static List<ByteBuffer> encode(List<ByteBuffer> frames) {
    List<ByteBuffer> out = new ArrayList<>();
    new SegmentEncoder().encode(frames, out::add);
    return out;
  }

  private static byte[] concat(List<ByteBuffer> buffers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer b : buffers) {
      ByteBuffer d = b.duplicate();
      byte[] a = new byte[d.remaining()];
      d.get(a);
      out.writeBytes(a);
    }
    return out.toByteArray();
  }

  private static List<byte[]> decodeSegments(byte[] wire) {
    List<byte[]> payloads = new ArrayList<>();
    new SegmentDecoder().feed(ByteBuffer.wrap(wire), p -> {
      byte[] a = new byte[p.remaining()];
      p.duplicate().get(a);
      payloads.add(a);
    });
    return payloads;
  }

  @Test
  void crc24_of_the_options_segment_header_matches_the_vector() {
    assertThat(Crc24.compute(0x020009, 3)).isEqualTo(0xc1c8a4);
  }

  @Test
  void the_crc32_starts_from_the_seeded_value() {
    assertThat(Integer.toHexString(Crc32.compute(ByteBuffer.allocate(0)))).isEqualTo("44777ed3");
  }

  @Test
  void an_options_frame_encodes_to_the_python_driver_vector() {
    ByteBuffer frame = ByteBuffer.wrap(Bin.hex("05 00 0000 05 00000000"));
    List<ByteBuffer> out = encode(List.of(frame));
    assertThat(out).hasSize(3);
    assertThat(out.get(1)).isSameAs(frame);
    assertThat(frame.position()).isZero();
    assertThat(Bin.toHex(ByteBuffer.wrap(concat(out))))
        .isEqualTo(Bin.toHex(ByteBuffer.wrap(Bin.hex(OPTIONS_SEGMENT))));
  }

  @Test
  void the_python_driver_vector_decodes_to_the_options_frame() {
    List<byte[]> payloads = decodeSegments(Bin.hex(OPTIONS_SEGMENT));
    assertThat(payloads).hasSize(1);
    assertThat(payloads.get(0)).containsExactly(Bin.hex("05 00 0000 05 00000000"));
  }

  @Test
  void fifty_small_frames_share_one_self_contained_segment() {
    List<ByteBuffer> frames = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      frames.add(ByteBuffer.wrap(Bin.of().int_(i).responseFrame(5, 0, i, Opcodes.RESULT)));
    }
    List<ByteBuffer> out = encode(frames);
    assertThat(out).hasSize(52);
    assertThat(out.get(0).get(2) & 0x02).isEqualTo(0x02); // self-contained bit 17
    byte[] wire = concat(out);
    SegmentDecoder segments = new SegmentDecoder();
    FrameDecoder frameDecoder = new FrameDecoder(1 << 20);
    List<Frame> decoded = new ArrayList<>();
    segments.feed(ByteBuffer.wrap(wire), p -> frameDecoder.feed(p, decoded::add));
    assertThat(segments.lastSegmentSelfContained()).isTrue();
    assertThat(decoded).hasSize(50);
    assertThat(decoded).extracting(Frame::streamId).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 50).boxed().toList());
  }

  @Test
  void a_300000_byte_frame_is_split_across_three_segments_and_reassembled() {
    byte[] body = new byte[300_000 - Frame.HEADER_SIZE];
    new Random(42).nextBytes(body);
    ByteBuffer frame = ByteBuffer.wrap(Bin.of().raw(body).responseFrame(5, 0, 7, Opcodes.RESULT));
    ByteBuffer small = ByteBuffer.wrap(Bin.of().responseFrame(5, 0, 8, Opcodes.READY));
    List<ByteBuffer> out = encode(List.of(small, frame, small.duplicate()));
    // small | 3 parts of the big one | small again: 5 segments of 3 buffers each
    assertThat(out).hasSize(15);
    int[] headerLengths = new int[5];
    for (int s = 0; s < 5; s++) {
      ByteBuffer h = out.get(3 * s);
      headerLengths[s] = (h.get(0) & 0xFF) | (h.get(1) & 0xFF) << 8 | (h.get(2) & 0x01) << 16;
      boolean selfContained = (h.get(2) & 0x02) != 0;
      assertThat(selfContained).isEqualTo(s == 0 || s == 4);
    }
    assertThat(headerLengths).containsExactly(9, 131071, 131071, 300_000 - 2 * 131071, 9);
    assertThat(frame.position()).isZero();

    byte[] wire = concat(out);
    // feed in odd-sized chunks so that segments and frames straddle the reads
    SegmentDecoder segments = new SegmentDecoder();
    FrameDecoder frames = new FrameDecoder(1 << 20);
    List<Frame> decoded = new ArrayList<>();
    for (int pos = 0; pos < wire.length; pos += 7919) {
      int n = Math.min(7919, wire.length - pos);
      segments.feed(ByteBuffer.wrap(wire, pos, n), p -> frames.feed(p, decoded::add));
    }
    assertThat(decoded).extracting(Frame::streamId).containsExactly(8, 7, 8);
    byte[] got = new byte[decoded.get(1).body().remaining()];
    decoded.get(1).body().get(got);
    assertThat(got).isEqualTo(body);
  }

  @Test
  void a_flipped_bit_in_the_header_is_a_crc24_error() {
    byte[] wire = Bin.hex(OPTIONS_SEGMENT);
    wire[0] ^= 0x01;
    assertThatThrownBy(() -> decodeSegments(wire)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("CRC24").hasMessageContaining("0xc1c8a4");
  }

  @Test
  void a_flipped_bit_in_the_payload_is_a_crc32_error() {
    byte[] wire = Bin.hex(OPTIONS_SEGMENT);
    wire[10] ^= 0x10;
    assertThatThrownBy(() -> decodeSegments(wire)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("CRC32").hasMessageContaining("0x4d288610");
    // also when the segment arrives byte by byte
    SegmentDecoder d = new SegmentDecoder();
    assertThatThrownBy(() -> {
      for (byte b : wire) {
        d.feed(ByteBuffer.wrap(new byte[] {b}), p -> {});
      }
    }).isInstanceOf(ProtocolException.class).hasMessageContaining("CRC32");
  }

  @Test
  void segments_fed_one_byte_at_a_time_give_the_same_payloads() {
    byte[] wire = Bin.hex(OPTIONS_SEGMENT + OPTIONS_SEGMENT);
    SegmentDecoder d = new SegmentDecoder();
    List<byte[]> payloads = new ArrayList<>();
    for (byte b : wire) {
      d.feed(ByteBuffer.wrap(new byte[] {b}), p -> {
        byte[] a = new byte[p.remaining()];
        p.duplicate().get(a);
        payloads.add(a);
      });
    }
    assertThat(payloads).hasSize(2);
    assertThat(d.hasPartialSegment()).isFalse();
  }

  @Test
  void a_frame_assembled_from_reused_segment_buffers_keeps_its_bytes_after_later_responses() {
    // Two big frames of different bytes, each spanning partial segments, then a small one: the
    // decoder assembles all their segments in the same buffer. The first frame's body, still held,
    // must not see a byte of the later ones.
    byte[] first = new byte[200_000];
    byte[] second = new byte[250_000];
    java.util.Arrays.fill(first, (byte) 0x11);
    new Random(7).nextBytes(second);
    byte[] firstCopy = first.clone();
    List<ByteBuffer> out = encode(List.of(
        ByteBuffer.wrap(Bin.of().raw(first).responseFrame(5, 0, 1, Opcodes.RESULT)),
        ByteBuffer.wrap(Bin.of().raw(second).responseFrame(5, 0, 2, Opcodes.RESULT)),
        ByteBuffer.wrap(Bin.of().int_(0x2222_2222).responseFrame(5, 0, 3, Opcodes.RESULT))));
    byte[] wire = concat(out);
    SegmentDecoder segments = new SegmentDecoder();
    FrameDecoder frames = new FrameDecoder(1 << 20);
    List<Frame> decoded = new ArrayList<>();
    List<Object> payloadArrays = new ArrayList<>();
    for (int pos = 0; pos < wire.length; pos += 4099) {
      int n = Math.min(4099, wire.length - pos);
      segments.feed(ByteBuffer.wrap(wire, pos, n), p -> {
        if (p.array() != wire) { // else a segment whole in one read, passed as a slice of it
          payloadArrays.add(p.array());
        }
        frames.feed(p, decoded::add);
      });
    }
    assertThat(decoded).extracting(Frame::streamId).containsExactly(1, 2, 3);
    // the big frames' segments straddled reads: they were assembled, always in the same array
    assertThat(payloadArrays).hasSizeGreaterThanOrEqualTo(4);
    assertThat(new java.util.HashSet<>(payloadArrays.stream()
        .map(System::identityHashCode).toList())).hasSize(1);
    assertThat(bytes(decoded.get(0).body())).isEqualTo(firstCopy);
    assertThat(bytes(decoded.get(1).body())).isEqualTo(second);
    assertThat(decoded.get(2).body().getInt(0)).isEqualTo(0x2222_2222);
    assertThat(decoded.get(0).body().array()).isNotSameAs(payloadArrays.get(0));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
