package io.loomcql.transport.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The writing half of a {@link NioConnection}, used by whoever holds its write token: drains the
 * {@link InFlightTable} into frames, wraps them for the wire ({@link Framing}), and writes them in
 * gathering writes on the non-blocking socket, keeping what the socket did not take for the next
 * turn.
 */
final class GatheringWriter {

  /** How a write turn ended. */
  enum Result { ALL_WRITTEN, SOCKET_FULL, MORE_WORK }

  private static final int MAX_BYTES_PER_DRAIN = 256 * 1024;
  private static final int MAX_BUFFERS_PER_WRITE = 1024;

  private final InFlightTable table;
  private final Framing framing;
  private final Counters counters;

  // Set by the loop before the connection turns OPEN (which publishes them).
  private SocketChannel channel;
  private TlsChannel tls;

  // Write-token holder only.
  private final ArrayDeque<ByteBuffer> unflushed = new ArrayDeque<>();
  private final Consumer<ByteBuffer> unflushedSink = unflushed::add;
  private final ArrayList<ByteBuffer> drained = new ArrayList<>();
  private ByteBuffer[] writeArray = new ByteBuffer[64];

  GatheringWriter(InFlightTable table, Framing framing, Counters counters) {
    this.table = table;
    this.framing = framing;
    this.counters = counters;
  }

  /** Loop, before the connection turns OPEN: the socket to write to, and its TLS if any. */
  void attach(SocketChannel channel, TlsChannel tls) {
    this.channel = channel;
    this.tls = tls;
  }

  /** Token holder: pending output first, then up to {@code batches} drains of the queue. */
  Result writeOut(int batches) throws IOException {
    if (!flushUnflushed()) {
      return Result.SOCKET_FULL;
    }
    for (int i = 0; i < batches; i++) {
      drained.clear();
      if (table.drain(drained, MAX_BYTES_PER_DRAIN) == 0) {
        return Result.ALL_WRITTEN;
      }
      framing.frameForWire(drained, unflushedSink);
      drained.clear();
      if (!flushUnflushed()) {
        return Result.SOCKET_FULL;
      }
    }
    return table.hasWritableWork() ? Result.MORE_WORK : Result.ALL_WRITTEN;
  }

  /**
   * Whether output is left over. Read after the token was released: a stale answer only costs an
   * extra loop turn.
   */
  boolean hasUnflushedHint() {
    return !unflushed.isEmpty();
  }

  /** The closer, holding the token for good: drops what will never be written. */
  void discard() {
    unflushed.clear();
  }

  /** Token holder: writes buffered output; true when all of it went out. */
  private boolean flushUnflushed() throws IOException {
    TlsChannel tlsChannel = tls;
    while (!unflushed.isEmpty()) {
      int count = Math.min(unflushed.size(), MAX_BUFFERS_PER_WRITE);
      if (writeArray.length < count) {
        writeArray = new ByteBuffer[Math.max(count, writeArray.length * 2)];
      }
      int i = 0;
      for (ByteBuffer buffer : unflushed) {
        if (i == count) {
          break;
        }
        writeArray[i++] = buffer;
      }
      if (tlsChannel != null) {
        tlsChannel.write(channel, writeArray, 0, count);
      } else {
        long written = channel.write(writeArray, 0, count);
        counters.flushes.increment();
        counters.bytesWritten.add(written);
      }
      Arrays.fill(writeArray, 0, count, null);
      int done = 0;
      while (!unflushed.isEmpty() && !unflushed.peekFirst().hasRemaining()) {
        unflushed.pollFirst();
        done++;
      }
      if (done < count) {
        return false; // the socket buffer is full
      }
    }
    return tlsChannel == null || !tlsChannel.hasPendingOutput();
  }
}
