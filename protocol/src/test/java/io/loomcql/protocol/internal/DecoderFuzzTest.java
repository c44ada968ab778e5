package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid response frames (bit flips, truncations, length fields set to huge or negative
 * values) and checks that decoding them only ever fails with a ProtocolException.
 *
 * <p>Each test runs {@code loomcql.fuzz.mutations} mutations (a system property; 5000 by default,
 * 1,000,000 in the {@code long} Maven profile), the segment test a quarter of them.
 */
class DecoderFuzzTest {

  private static final int ITERATIONS = Integer.getInteger("loomcql.fuzz.mutations", 5000);

  /** Valid response bodies: {version, flags, opcode} and the body bytes. */
  private record Sample(ProtocolVersion version, int flags, int opcode, byte[] body) {}

  private static List<Sample> corpus() {
    List<Sample> samples = new ArrayList<>();
    ProtocolVersion v4 = ProtocolVersion.V4;
    ProtocolVersion v5 = ProtocolVersion.V5;
    samples.add(new Sample(v4, 0, Opcodes.READY, new byte[0]));
    samples.add(new Sample(v4, 0, Opcodes.SUPPORTED, Bin.of().short_(2).string("CQL_VERSION")
        .stringList("3.4.7").string("COMPRESSION").stringList("lz4", "snappy").array()));
    samples.add(new Sample(v4, 0, Opcodes.AUTHENTICATE,
        Bin.of().string("org.apache.cassandra.auth.PasswordAuthenticator").array()));
    samples.add(new Sample(v5, 0, Opcodes.ERROR, Bin.of().int_(0x1300).string("failed").short_(4)
        .int_(1).int_(2).int_(1).byte_(4).raw("7f000002").short_(1).byte_(1).array()));
    samples.add(new Sample(v4, 0, Opcodes.ERROR, Bin.of().int_(0x1100).string("t").short_(6)
        .int_(1).int_(2).string("BATCH_LOG").array()));
    samples.add(new Sample(v4, 0, Opcodes.ERROR, Bin.of().int_(0x1000).string("u").short_(4)
        .int_(3).int_(1).array()));
    samples.add(new Sample(v4, 0, Opcodes.ERROR, Bin.of().int_(0x1400).string("f").string("ks")
        .string("fn").stringList("int").array()));
    samples.add(new Sample(v4, 0, Opcodes.ERROR, Bin.of().int_(0x2500).string("u")
        .shortBytes("cafe").array()));
    samples.add(new Sample(v4, 0, Opcodes.ERROR, Bin.of().int_(0x2400).string("a").string("ks")
        .string("t").array()));
    samples.add(new Sample(v4, 0, Opcodes.RESULT, Bin.of().int_(1).array()));
    samples.add(new Sample(v4, 0, Opcodes.RESULT, Bin.of().int_(3).string("ks").array()));
    samples.add(new Sample(v4, 0, Opcodes.RESULT, Bin.of().int_(5).string("DROPPED")
        .string("FUNCTION").string("ks").string("f").stringList("int", "text").array()));
    samples.add(new Sample(v4, Frame.FLAG_TRACING | Frame.FLAG_WARNING | Frame.FLAG_CUSTOM_PAYLOAD,
        Opcodes.RESULT, Bin.of().uuid(UUID.randomUUID()).stringList("w1", "w2").short_(1)
        .string("k").bytes("ff").int_(2).int_(3).int_(3).bytes("0102")
        .string("ks").string("t")
        .string("a").short_(0x09)
        .string("b").short_(0x21).short_(0x0D).short_(0x20).short_(0x02)
        .string("c").short_(0x31).short_(2).short_(0x0C).short_(0x30).string("ks").string("u")
        .short_(1).string("f").short_(0x00).string(
            "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)")
        .int_(2)
        .bytes("0000002a")
        .bytes("00000001 00000001 61 00000010 00000001 00000008 0000000000000007")
        .int_(-1)
        .bytes("00000001").int_(-1).bytes("")
        .array()));
    samples.add(new Sample(v5, 0, Opcodes.RESULT, Bin.of().int_(4).shortBytes("0102")
        .shortBytes("0304").int_(1).int_(2).int_(1).short_(0)
        .string("ks").string("t").string("id").short_(9).string("v").short_(0x0D)
        .int_(1 | 8).int_(1).shortBytes("beef").string("ks").string("t").string("v").short_(0x0C)
        .array()));
    samples.add(new Sample(v4, 0, Opcodes.EVENT, Bin.of().string("TOPOLOGY_CHANGE")
        .string("NEW_NODE").byte_(16).raw("00000000000000000000000000000001").int_(9042)
        .array()));
    samples.add(new Sample(v4, 0, Opcodes.EVENT, Bin.of().string("SCHEMA_CHANGE")
        .string("CREATED").string("AGGREGATE").string("ks").string("agg").stringList("int")
        .array()));
    samples.add(new Sample(v4, 0, Opcodes.AUTH_CHALLENGE, Bin.of().bytes("010203").array()));
    return samples;
  }

  private static final int[] SPECIAL_INTS = {
    -1, -2, -3, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFF, 0xFFFF, 0x10000, 0x3FFFFFFF
  };

  private static byte[] mutate(byte[] original, Random random) {
    byte[] b = original.clone();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      switch (random.nextInt(5)) {
        case 0 -> { // bit flip
          if (b.length > 0) {
            int i = random.nextInt(b.length);
            b[i] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length)); // truncate
        case 2 -> { // a 4-byte length set to a special value
          if (b.length >= 4) {
            int i = random.nextInt(b.length - 3);
            ByteBuffer.wrap(b).putInt(i, SPECIAL_INTS[random.nextInt(SPECIAL_INTS.length)]);
          }
        }
        case 3 -> { // a 2-byte length set to a large value
          if (b.length >= 2) {
            int i = random.nextInt(b.length - 1);
            ByteBuffer.wrap(b).putShort(i, (short) (random.nextBoolean() ? 0xFFFF : 0x8000));
          }
        }
        default -> { // random byte
          if (b.length > 0) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
          }
        }
      }
    }
    return b;
  }

  /** Decodes a body fully (including the rows' cell index and cells); returns the failure, if any. */
  private static void decodeFully(Frame frame) {
    DecodedResponse d = ResponseDecoder.decode(frame);
    if (d.response() instanceof Rows rows) {
      int[] offsets = rows.cellOffsets();
      ByteBuffer buffer = rows.buffer();
      List<io.loomcql.protocol.internal.ColumnSpec> columns = rows.metadata().columns();
      if (columns != null) {
        for (int i = 0; i < offsets.length; i++) {
          DataType type = columns.get(i % columns.size()).type();
          TypeCodec<Object> codec;
          try {
            codec = Codecs.codecFor(type);
          } catch (IllegalArgumentException noCodec) {
            continue;
          }
          int length = buffer.getInt(offsets[i] - 4);
          ByteBuffer cell = length < 0 ? null : buffer.slice(offsets[i], length);
          codec.decode(cell, frame.version());
        }
      }
    }
  }

  private static void expectOnlyProtocolExceptions(Runnable r, byte[] input) {
    try {
      r.run();
    } catch (ProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (Throwable t) {
      fail("Decoding " + Bin.toHex(ByteBuffer.wrap(input)) + " threw " + t, t);
    }
  }

  @Test
  void mutated_response_bodies_only_ever_raise_protocol_exceptions() {
    Random random = new Random(20240611L);
    List<Sample> corpus = corpus();
    for (Sample s : corpus) { // the unmutated samples decode
      decodeFully(new Frame(s.version(), s.flags(), 0, s.opcode(), ByteBuffer.wrap(s.body())));
    }
    for (int i = 0; i < ITERATIONS; i++) {
      Sample s = corpus.get(random.nextInt(corpus.size()));
      byte[] body = mutate(s.body(), random);
      int flags = random.nextInt(10) == 0 ? random.nextInt(16) : s.flags();
      Frame frame = new Frame(s.version(), flags, 0, s.opcode(), ByteBuffer.wrap(body));
      expectOnlyProtocolExceptions(() -> decodeFully(frame), body);
    }
  }

  @Test
  void mutated_frames_through_the_frame_decoder_only_ever_raise_protocol_exceptions() {
    Random random = new Random(77L);
    List<Sample> corpus = corpus();
    for (int i = 0; i < ITERATIONS; i++) {
      Sample s = corpus.get(random.nextInt(corpus.size()));
      byte[] wire = mutate(Bin.of().raw(s.body())
          .responseFrame(s.version().code(), s.flags(), 1, s.opcode()), random);
      expectOnlyProtocolExceptions(() -> new FrameDecoder(1 << 16)
          .feed(ByteBuffer.wrap(wire), DecoderFuzzTest::decodeFully), wire);
    }
  }

  @Test
  void mutated_segments_only_ever_raise_protocol_exceptions() {
    Random random = new Random(5L);
    List<Sample> corpus = corpus();
    for (int i = 0; i < ITERATIONS / 4; i++) {
      Sample s = corpus.get(random.nextInt(corpus.size()));
      List<ByteBuffer> out = new ArrayList<>();
      new SegmentEncoder().encode(List.of(ByteBuffer.wrap(Bin.of().raw(s.body())
          .responseFrame(s.version().code(), s.flags(), 1, s.opcode()))), out::add);
      byte[] wire = Bin.of().raw(SegmentTestSupport.concat(out)).array();
      byte[] mutated = mutate(wire, random);
      FrameDecoder frames = new FrameDecoder(1 << 16);
      expectOnlyProtocolExceptions(() -> new SegmentDecoder().feed(ByteBuffer.wrap(mutated),
          p -> frames.feed(p, DecoderFuzzTest::decodeFully)), mutated);
    }
  }
}
