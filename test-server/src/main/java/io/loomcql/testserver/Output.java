package io.loomcql.testserver;

import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.Crc24;
import io.loomcql.protocol.internal.Lz4Compressor;
import io.loomcql.protocol.internal.SegmentEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The answers of one connection not yet written, and how they are framed. Guarded by its
 * connection's write lock.
 *
 * <p>The fast path (no compression, answers in order) copies each reply's frame into one growing
 * buffer, patching the version and stream id in place, and opens and closes uncompressed v5
 * segments around them in place (CRC24 header, CRC32 trailer): nothing is allocated per answer.
 * With compression (v3/v4 bodies, v5 LZ4 segments) or reversed batches, answers are collected and
 * framed at flush time with the protocol module's compressors and segment encoder.
 */
final class Output {

  private static final int MAX_SEGMENT_PAYLOAD = SegmentEncoder.MAX_PAYLOAD;
  private static final byte[] CRC32_SEED = {(byte) 0xfa, (byte) 0x2d, (byte) 0x55, (byte) 0xca};

  /** A collected answer: a frame, or raw bytes written as they are. */
  private record Item(byte[] bytes, boolean raw) {}

  private final OutputStream out;
  private final SocketChannel channel; // the socket's channel, or null (TLS)
  private final boolean reverse;
  private final CRC32 crc = new CRC32();
  private final List<Item> items = new ArrayList<>();
  // direct, so the channel writes it without first copying it to a direct buffer of its own
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
  private int length;
  private int segmentStart = -1; // where the open segment's header is in buffer, or -1
  private boolean segments;
  private boolean segmentsPending;
  private Lz4Compressor segmentCompressor;
  private Compressor bodyCompressor;

  Output(Socket socket, boolean reverse) throws IOException {
    this.out = socket.getOutputStream();
    this.channel = socket.getChannel();
    this.reverse = reverse;
  }

  private boolean collecting() {
    return reverse || bodyCompressor != null || segmentCompressor != null;
  }

  /** v3/v4: compresses every non-empty frame body from now on. */
  void compressWith(Compressor compressor) {
    encodeItems();
    bodyCompressor = compressor;
  }

  /** v5: frames travel in segments (LZ4-compressed if {@code lz4} is set) after the next message. */
  void segmentsAfterNextMessage(Lz4Compressor lz4) {
    segmentsPending = true;
    segmentCompressor = lz4;
  }

  /** Appends a message: {@code template}'s frame with {@code version} and {@code stream}. */
  void message(byte[] template, int version, int stream) {
    if (segmentsPending) {
      appendFrame(template, version, stream);
      encodeItems();
      closeSegment(true);
      segmentsPending = false;
      segments = true;
      return;
    }
    appendFrame(template, version, stream);
  }

  private void appendFrame(byte[] template, int version, int stream) {
    if (collecting() || segmentsPending) {
      byte[] frame = template.clone();
      patch(frame, 0, version, stream);
      items.add(new Item(frame, false));
      return;
    }
    if (segments) {
      if (template.length > MAX_SEGMENT_PAYLOAD) {
        appendLargeFrame(template, version, stream);
        return;
      }
      if (segmentStart >= 0 && length - segmentStart - 6 + template.length > MAX_SEGMENT_PAYLOAD) {
        closeSegment(true);
      }
      if (segmentStart < 0) {
        openSegment();
      }
    }
    ensure(template.length);
    buffer.put(length, template);
    patch(buffer, length, version, stream);
    length += template.length;
  }

  /** A frame beyond one segment's payload: split over segments that are not self-contained. */
  private void appendLargeFrame(byte[] template, int version, int stream) {
    closeSegment(true);
    for (int off = 0; off < template.length; off += MAX_SEGMENT_PAYLOAD) {
      int n = Math.min(MAX_SEGMENT_PAYLOAD, template.length - off);
      openSegment();
      ensure(n);
      buffer.put(length, template, off, n);
      if (off == 0) {
        patch(buffer, length, version, stream);
      }
      length += n;
      closeSegment(false);
    }
  }

  /** Appends bytes as they are, outside any segment. */
  void raw(byte[] bytes, int offset, int count) {
    if (collecting()) {
      items.add(new Item(Arrays.copyOfRange(bytes, offset, offset + count), true));
      return;
    }
    closeSegment(true);
    ensure(count);
    buffer.put(length, bytes, offset, count);
    length += count;
  }

  /** Writes everything appended, in one write call. */
  void flush() throws IOException {
    encodeItems();
    closeSegment(true);
    if (length > 0) {
      if (channel != null) {
        ByteBuffer bytes = buffer.slice(0, length);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } else {
        byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        out.write(bytes);
        out.flush();
      }
      length = 0;
    }
  }

  /** Frames the collected items into the buffer, with the current compression and segments. */
  private void encodeItems() {
    if (items.isEmpty()) {
      return;
    }
    if (reverse) {
      Collections.reverse(items);
    }
    closeSegment(true);
    List<ByteBuffer> run = new ArrayList<>();
    for (Item item : items) {
      if (item.raw()) {
        encodeRun(run);
        put(ByteBuffer.wrap(item.bytes()));
      } else {
        ByteBuffer frame = ByteBuffer.wrap(item.bytes());
        run.add(bodyCompressor != null && !segments ? bodyCompressor.compressFrame(frame) : frame);
      }
    }
    encodeRun(run);
    items.clear();
  }

  private void encodeRun(List<ByteBuffer> frames) {
    if (segments) {
      new SegmentEncoder(segmentCompressor).encode(frames, this::put);
    } else {
      frames.forEach(this::put);
    }
    frames.clear();
  }

  private void put(ByteBuffer bytes) {
    int n = bytes.remaining();
    ensure(n);
    buffer.put(length, bytes, bytes.position(), n);
    length += n;
  }

  private static void patch(byte[] frame, int at, int version, int stream) {
    frame[at] = (byte) (0x80 | version);
    frame[at + 2] = (byte) (stream >>> 8);
    frame[at + 3] = (byte) stream;
  }

  private static void patch(ByteBuffer frame, int at, int version, int stream) {
    frame.put(at, (byte) (0x80 | version));
    frame.put(at + 2, (byte) (stream >>> 8));
    frame.put(at + 3, (byte) stream);
  }

  private void openSegment() {
    ensure(6);
    segmentStart = length;
    length += 6;
  }

  private void closeSegment(boolean selfContained) {
    if (segmentStart < 0) {
      return;
    }
    int payload = length - segmentStart - 6;
    long header = payload | (selfContained ? 1L << 17 : 0);
    int crc24 = Crc24.compute(header, 3);
    int at = segmentStart;
    buffer.put(at, (byte) header);
    buffer.put(at + 1, (byte) (header >>> 8));
    buffer.put(at + 2, (byte) (header >>> 16));
    buffer.put(at + 3, (byte) crc24);
    buffer.put(at + 4, (byte) (crc24 >>> 8));
    buffer.put(at + 5, (byte) (crc24 >>> 16));
    crc.reset();
    crc.update(CRC32_SEED);
    crc.update(buffer.slice(segmentStart + 6, payload));
    int value = (int) crc.getValue();
    ensure(4);
    buffer.put(length, (byte) value);
    buffer.put(length + 1, (byte) (value >>> 8));
    buffer.put(length + 2, (byte) (value >>> 16));
    buffer.put(length + 3, (byte) (value >>> 24));
    length += 4;
    segmentStart = -1;
  }

  private void ensure(int more) {
    if (length + more + 16 > buffer.capacity()) {
      ByteBuffer grown = ByteBuffer.allocateDirect(Math.max(buffer.capacity() * 2, length + more + 1024));
      grown.put(0, buffer, 0, length);
      buffer = grown;
    }
  }
}
