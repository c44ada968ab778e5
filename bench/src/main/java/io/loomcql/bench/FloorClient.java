package io.loomcql.bench;

import io.loomcql.protocol.internal.Crc24;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * The floor of the bench: one protocol v5 connection and nothing a driver does on top of it. A
 * caller thread sends a request frame encoded once in advance (only its stream id changes) and
 * parks until one platform reader thread, which reads the socket and splits segments into frames,
 * finds its stream id and unparks it. No query plan, no retries, no timeouts, no stream-id
 * allocation (each caller thread owns one id for good), no checks of the answers' CRCs, no
 * decoding beyond a RESULT's kind and row count.
 *
 * <p>Writes coalesce as loomcql's NIO connection does: callers push onto a lock-free stack; the
 * first to push since the last drain takes the flush claim. If the reader is awake (handling
 * answers), it flushes after its batch; if it sleeps in {@code read}, the claimant writes itself,
 * after one {@code Thread.yield()} when requests are on the wire so that the callers woken by the
 * same answers join its write. Whoever writes holds the write token and sends everything pushed as
 * one v5 segment (one write call), then looks again.
 *
 * <p>Thread-safe after {@link #connect}: any number of threads may call {@link #roundTrip}, each
 * with at most one request in flight.
 */
final class FloorClient implements AutoCloseable {

  static final int HEADER = 9;
  static final int STARTUP = 0x01;
  static final int READY = 0x02;
  static final int QUERY = 0x07;
  static final int RESULT = 0x08;
  static final int PREPARE = 0x09;
  static final int EXECUTE = 0x0A;
  private static final int MAX_STREAMS = 32768;
  private static final int MAX_SEGMENT_PAYLOAD = (1 << 17) - 1;
  private static final byte[] CRC32_SEED = {(byte) 0xfa, (byte) 0x2d, (byte) 0x55, (byte) 0xca};

  private static final VarHandle PENDING;
  private static final VarHandle WRITING;
  private static final VarHandle FLUSH_CLAIM;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PENDING = lookup.findVarHandle(FloorClient.class, "pending", Slot.class);
      WRITING = lookup.findVarHandle(FloorClient.class, "writing", boolean.class);
      FLUSH_CLAIM = lookup.findVarHandle(FloorClient.class, "flushClaim", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A caller thread's stream id, its request while queued, and its answer. */
  static final class Slot {
    final short stream;
    Thread waiter;
    byte[] frame;
    Slot next;
    boolean keepBody;
    // written by the reader before answered is set
    int opcode;
    int rows;
    byte[] body;
    volatile boolean answered;

    Slot(int stream) {
      this.stream = (short) stream;
    }
  }

  private final SocketChannel channel;
  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(MAX_STREAMS);
  private final AtomicInteger nextStream = new AtomicInteger();
  private final ThreadLocal<Slot> mySlot = ThreadLocal.withInitial(this::newSlot);
  private final Thread reader;
  // Requests pushed and not yet written: a stack linked through Slot.next.
  @SuppressWarnings("unused")
  private volatile Slot pending;
  /** The write token: its holder writes. */
  @SuppressWarnings("unused")
  private volatile boolean writing;
  /** Taken by the first push since the last drain: its holder sees the push written. */
  @SuppressWarnings("unused")
  private volatile boolean flushClaim;
  /** False while the reader waits in {@code read}. */
  private volatile boolean readerAwake;
  /** Requests written and not answered yet. */
  private final AtomicInteger onWire = new AtomicInteger();
  // Owned by the holder of the write token.
  private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
  private final CRC32 crc = new CRC32();
  private volatile long framesWritten;
  private volatile long writes;
  private volatile boolean closed;

  private FloorClient(SocketChannel channel) {
    this.channel = channel;
    this.reader = Thread.ofPlatform().name("floor-reader").daemon().unstarted(this::readLoop);
  }

  /** Opens the connection, STARTUP in protocol v5 (READY expected), then starts the reader. */
  static FloorClient connect(String host, int port) throws IOException {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    FloorClient client = new FloorClient(channel);
    try {
      client.startup();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    client.reader.start();
    return client;
  }

  private void startup() throws IOException {
    // [string map] {CQL_VERSION: 3.0.0}
    ByteBuffer body = ByteBuffer.allocate(2 + 2 + 11 + 2 + 5);
    body.putShort((short) 1).putShort((short) 11).put("CQL_VERSION".getBytes(StandardCharsets.US_ASCII))
        .putShort((short) 5).put("3.0.0".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer request = ByteBuffer.wrap(frame(STARTUP, body.array()));
    while (request.hasRemaining()) {
      channel.write(request);
    }
    ByteBuffer header = readFully(ByteBuffer.allocate(HEADER));
    ByteBuffer answer = readFully(ByteBuffer.allocate(header.getInt(5)));
    if (header.get(4) != READY) {
      throw new IllegalStateException("floor: STARTUP was answered with opcode " + header.get(4) + " ("
          + answer.remaining() + " bytes), not READY: the floor needs a server without authentication");
    }
  }

  private ByteBuffer readFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException("floor: the server closed the connection during STARTUP");
      }
    }
    return buffer.flip();
  }

  /** A request frame (v5 header, stream 0) around {@code body}; {@link #roundTrip} sets the stream. */
  static byte[] frame(int opcode, byte[] body) {
    ByteBuffer frame = ByteBuffer.allocate(HEADER + body.length);
    frame.put((byte) 5).put((byte) 0).putShort((short) 0).put((byte) opcode).putInt(body.length).put(body);
    return frame.array();
  }

  private Slot newSlot() {
    int stream = nextStream.getAndIncrement();
    if (stream >= MAX_STREAMS) {
      throw new IllegalStateException("floor: at most " + MAX_STREAMS + " threads (one stream id each)");
    }
    Slot slot = new Slot(stream);
    slots.set(stream, slot);
    return slot;
  }

  /**
   * Sends {@code frame} on the calling thread's stream id and parks until the answer arrives;
   * returns the slot holding it (its opcode, rows, and body when {@code keepBody}).
   */
  Slot roundTrip(byte[] frame, boolean keepBody) {
    Slot slot = mySlot.get();
    slot.waiter = Thread.currentThread();
    slot.frame = frame;
    slot.keepBody = keepBody;
    slot.answered = false;
    push(slot);
    while (!slot.answered) {
      if (closed) {
        throw new IllegalStateException("floor: connection closed");
      }
      LockSupport.park(this);
    }
    return slot;
  }

  private void push(Slot slot) {
    Slot head;
    do {
      head = pending;
      slot.next = head;
    } while (!PENDING.compareAndSet(this, head, slot));
    if (flushClaim || !FLUSH_CLAIM.compareAndSet(this, false, true)) {
      return; // whoever holds the claim sees this request written
    }
    if (readerAwake) {
      return; // the reader flushes after its batch of answers (it looks at the claim before sleeping)
    }
    if (onWire.get() > 0 && Thread.currentThread().isVirtual()) {
      Thread.yield(); // the threads woken by the same answers push theirs, and join this write
    }
    drain();
  }

  /** Writes everything pushed, holding the write token; lets go of the flush claim first. */
  private void drain() {
    flushClaim = false; // from here on, a push takes a claim of its own
    while (WRITING.compareAndSet(this, false, true)) {
      try {
        Slot batch;
        while ((batch = (Slot) PENDING.getAndSet(this, null)) != null) {
          writeBatch(batch);
        }
      } finally {
        writing = false;
      }
      if (pending == null) {
        return; // else a push came after the last look: take the token again
      }
    }
  }

  /** One v5 segment per batch (more when a batch outgrows one), written out fully. */
  private void writeBatch(Slot batch) {
    out.clear();
    out.position(6);
    int frames = 0;
    for (Slot s = batch; s != null; s = s.next) {
      if (out.position() - 6 + s.frame.length > MAX_SEGMENT_PAYLOAD) {
        flushSegment();
        out.position(6);
      }
      int at = out.position();
      out.put(s.frame);
      out.putShort(at + 2, s.stream);
      frames++;
    }
    flushSegment();
    framesWritten += frames;
    onWire.addAndGet(frames);
  }

  private void flushSegment() {
    int length = out.position() - 6;
    long h = length | 1L << 17; // self-contained
    int crc24 = Crc24.compute(h, 3);
    out.put(0, (byte) h).put(1, (byte) (h >>> 8)).put(2, (byte) (h >>> 16));
    out.put(3, (byte) crc24).put(4, (byte) (crc24 >>> 8)).put(5, (byte) (crc24 >>> 16));
    crc.reset();
    crc.update(CRC32_SEED);
    crc.update(out.slice(6, length));
    out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).order(ByteOrder.BIG_ENDIAN);
    out.flip();
    try {
      while (out.hasRemaining()) {
        channel.write(out);
        writes++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("floor: write failed", e);
    }
    out.clear();
  }

  private void readLoop() {
    ByteBuffer in = ByteBuffer.allocate(1 << 20);
    try {
      while (true) {
        readerAwake = false;
        if (flushClaim) { // a claimant saw the reader awake and left the flush to it
          readerAwake = true;
          drain();
          continue;
        }
        if (channel.read(in) < 0) {
          break;
        }
        readerAwake = true;
        int answered = 0;
        in.flip();
        while (in.remaining() >= 6) {
          int p = in.position();
          int length = (in.get(p) & 0xFF | (in.get(p + 1) & 0xFF) << 8 | (in.get(p + 2) & 0xFF) << 16)
              & MAX_SEGMENT_PAYLOAD;
          if (in.remaining() < 6 + length + 4) {
            break;
          }
          for (int q = p + 6; q < p + 6 + length; ) {
            int frameLength = in.getInt(q + 5);
            answer(in, in.getShort(q + 2), in.get(q + 4), q + HEADER, frameLength);
            answered++;
            q += HEADER + frameLength;
          }
          in.position(p + 6 + length + 4);
        }
        in.compact();
        onWire.addAndGet(-answered);
        if (flushClaim) {
          drain();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        System.err.println("floor: reader stopped: " + e);
      }
    } finally {
      closed = true;
      for (int i = 0; i < nextStream.get() && i < MAX_STREAMS; i++) {
        Slot s = slots.get(i);
        if (s != null && s.waiter != null) {
          LockSupport.unpark(s.waiter);
        }
      }
    }
  }

  private void answer(ByteBuffer in, int stream, int opcode, int body, int length) {
    Slot slot = stream >= 0 ? slots.get(stream) : null;
    if (slot == null) {
      return;
    }
    slot.opcode = opcode;
    slot.rows = 0;
    // RESULT kind 2 (rows) without metadata (the floor sets SKIP_METADATA on reads): the row count
    if (opcode == RESULT && length >= 12 && in.getInt(body) == 2 && (in.getInt(body + 4) & 0x0006) == 0x0004) {
      slot.rows = in.getInt(body + 12);
    }
    if (slot.keepBody) {
      slot.body = new byte[length];
      in.get(body, slot.body);
    }
    slot.answered = true;
    LockSupport.unpark(slot.waiter);
  }

  /** {frames written, write calls, 0}: the shape of loomcql's transport counters. */
  long[] counters() {
    return new long[] {framesWritten, writes, 0};
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
