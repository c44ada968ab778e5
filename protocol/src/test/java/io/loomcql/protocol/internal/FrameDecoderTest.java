package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  private static byte[] threeFrames() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Bin.of().responseFrame(4, 0, 0, Opcodes.READY));
    out.writeBytes(Bin.of().int_(1).responseFrame(4, 0, 5, Opcodes.RESULT));
    out.writeBytes(Bin.of().string("x".repeat(300)).responseFrame(5, 0x08, -1, Opcodes.EVENT));
    return out.toByteArray();
  }

  private static String describe(Frame f) {
    return f.version() + "/" + f.flags() + "/" + f.streamId() + "/" + f.opcode() + "/"
        + Bin.toHex(f.body());
  }

  @Test
  void frames_in_one_buffer_are_all_emitted_in_order() {
    List<Frame> frames = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(threeFrames());
    new FrameDecoder(1 << 20).feed(in, frames::add);
    assertThat(in.hasRemaining()).isFalse();
    assertThat(frames).extracting(Frame::streamId).containsExactly(0, 5, -1);
    assertThat(frames).extracting(Frame::version)
        .containsExactly(ProtocolVersion.V4, ProtocolVersion.V4, ProtocolVersion.V5);
    assertThat(frames.get(1).body().position()).isZero();
    assertThat(frames.get(1).body().remaining()).isEqualTo(4);
    assertThat(frames.get(2).flags()).isEqualTo(0x08);
  }

  @Test
  void feeding_one_byte_at_a_time_yields_the_same_frames() {
    byte[] bytes = threeFrames();
    List<Frame> whole = new ArrayList<>();
    new FrameDecoder(1 << 20).feed(ByteBuffer.wrap(bytes), whole::add);
    List<Frame> oneByOne = new ArrayList<>();
    FrameDecoder decoder = new FrameDecoder(1 << 20);
    ByteBuffer reused = ByteBuffer.allocate(1);
    for (byte b : bytes) {
      reused.clear();
      reused.put(0, b);
      decoder.feed(reused, oneByOne::add);
      reused.put(0, (byte) 0x55); // the caller reuses its buffer: the decoder must have copied
    }
    assertThat(decoder.hasPartialFrame()).isFalse();
    assertThat(oneByOne).extracting(FrameDecoderTest::describe)
        .containsExactlyElementsOf(whole.stream().map(FrameDecoderTest::describe).toList());
  }

  @Test
  void a_partial_frame_is_kept_until_the_rest_arrives() {
    byte[] bytes = threeFrames();
    FrameDecoder decoder = new FrameDecoder(1 << 20);
    List<Frame> frames = new ArrayList<>();
    decoder.feed(ByteBuffer.wrap(bytes, 0, 12), frames::add);
    assertThat(frames).hasSize(1);
    assertThat(decoder.hasPartialFrame()).isTrue();
    decoder.feed(ByteBuffer.wrap(bytes, 12, bytes.length - 12), frames::add);
    assertThat(frames).hasSize(3);
    assertThat(decoder.hasPartialFrame()).isFalse();
  }

  @Test
  void request_frames_unknown_versions_and_bad_lengths_are_refused() {
    assertThatThrownBy(() -> new FrameDecoder(100).feed(
        ByteBuffer.wrap(Bin.hex("04 00 0000 05 00000000")), f -> {}))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("request");
    assertThatThrownBy(() -> new FrameDecoder(100).feed(
        ByteBuffer.wrap(Bin.hex("86 00 0000 02 00000000")), f -> {}))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("version 6");
    assertThatThrownBy(() -> new FrameDecoder(100).feed(
        ByteBuffer.wrap(Bin.hex("84 00 0000 02 ffffffff")), f -> {}))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> new FrameDecoder(100).feed(
        ByteBuffer.wrap(Bin.hex("84 00 0000 02 00000065")), f -> {}))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("101");
    // also when the header arrives in pieces
    FrameDecoder d = new FrameDecoder(100);
    d.feed(ByteBuffer.wrap(Bin.hex("84 00 00")), f -> {});
    assertThatThrownBy(() -> d.feed(ByteBuffer.wrap(Bin.hex("00 02 7fffffff")), f -> {}))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("maximum");
  }

  @Test
  void response_version_bytes_of_v3_v4_and_v5_are_accepted() {
    List<Frame> frames = new ArrayList<>();
    new FrameDecoder(10).feed(ByteBuffer.wrap(Bin.hex(
        "83 00 0000 02 00000000 84 00 0000 02 00000000 85 00 0000 02 00000000")), frames::add);
    assertThat(frames).extracting(Frame::version)
        .containsExactly(ProtocolVersion.V3, ProtocolVersion.V4, ProtocolVersion.V5);
  }

  @Test
  void plain_void_results_share_one_read_only_body_and_other_frames_do_not() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Bin.of().int_(1).responseFrame(5, 0, 1, Opcodes.RESULT));
    out.writeBytes(Bin.of().int_(1).responseFrame(4, 0, 2, Opcodes.RESULT));
    out.writeBytes(Bin.of().int_(2).responseFrame(5, 0, 3, Opcodes.RESULT)); // ROWS kind
    out.writeBytes(Bin.of().int_(1).responseFrame(5, Frame.FLAG_TRACING, 4, Opcodes.RESULT));
    out.writeBytes(Bin.of().int_(1).responseFrame(5, 0, 5, Opcodes.EVENT));
    List<Frame> frames = new ArrayList<>();
    new FrameDecoder(1 << 20).feed(ByteBuffer.wrap(out.toByteArray()), frames::add);
    assertThat(frames).extracting(Frame::streamId).containsExactly(1, 2, 3, 4, 5);
    assertThat(frames.get(0).body()).isSameAs(FrameDecoder.VOID_BODY);
    assertThat(frames.get(1).body()).isSameAs(FrameDecoder.VOID_BODY);
    assertThat(frames.get(1).version()).isEqualTo(ProtocolVersion.V4);
    assertThat(frames.get(0).opcode()).isEqualTo(Opcodes.RESULT);
    for (int i = 2; i < 5; i++) {
      assertThat(frames.get(i).body()).isNotSameAs(FrameDecoder.VOID_BODY);
    }
    assertThat(FrameDecoder.VOID_BODY.isReadOnly()).isTrue();
    assertThat(FrameDecoder.VOID_BODY.getInt(0)).isEqualTo(Result.VOID);
    assertThat(ResponseDecoder.decode(frames.get(0)).response()).isEqualTo(new VoidResult());
  }
}
