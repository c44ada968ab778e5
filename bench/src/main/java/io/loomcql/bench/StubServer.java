package io.loomcql.bench;

import io.loomcql.protocol.internal.Crc24;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.zip.CRC32;

/**
 * A CQL server that answers instantly, to measure a driver alone: OPTIONS, STARTUP, REGISTER,
 * QUERY, PREPARE, EXECUTE and BATCH with canned answers (see {@link StubResponses}); protocol v3, v4
 * and v5 (segments after READY, uncompressed, both CRCs checked on the way in).
 *
 * <p>One platform thread accepts; {@code loops} selector threads (default 1) each own their
 * connections, their buffers and their keys. A loop reads everything available, answers every
 * frame into one output buffer (one v5 segment per batch of answers) and writes it with one
 * write call; when the socket is full it stops reading that connection until it drains.
 *
 * <pre>
 * StubServer [--address 127.0.0.1] [--port 0] [--loops 1] [--value-size 64]
 * </pre>
 * prints {@code LISTENING host:port pid} once bound, then serves until killed.
 */
public final class StubServer implements AutoCloseable {

  private static final int MAX_SEGMENT_PAYLOAD = (1 << 17) - 1;
  private static final byte[] CRC32_SEED = {(byte) 0xfa, (byte) 0x2d, (byte) 0x55, (byte) 0xca};

  private final ServerSocketChannel server;
  private final Loop[] loops;
  private final Thread acceptor;
  private final StubResponses responses;
  // Prepared statements, shared by all connections (drivers prepare on one, execute on another).
  private final Map<String, Prepared> preparedByQuery = new ConcurrentHashMap<>();
  private volatile Prepared[] preparedById = new Prepared[0];
  private volatile boolean closed;

  /** A prepared statement: its ids, its classification, and its canned answers. */
  private record Prepared(byte[] id, byte[] resultMetadataId, StubResponses.Classified classified,
      byte[][] preparedByVersion, byte[] full, byte[] noMetadata) {}

  public StubServer(String address, int port, int loopCount, int valueSize) throws IOException {
    InetAddress bindAddress = InetAddress.getByName(address);
    server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(new InetSocketAddress(bindAddress, port), 1024);
    responses = new StubResponses(bindAddress, port(), valueSize);
    loops = new Loop[loopCount];
    for (int i = 0; i < loopCount; i++) {
      loops[i] = new Loop(i);
      loops[i].thread.start();
    }
    acceptor = Thread.ofPlatform().name("stub-accept").daemon().start(this::accept);
  }

  public int port() {
    return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    String address = a.string("--address", "127.0.0.1");
    StubServer stub = new StubServer(address, a.integer("--port", 0), a.integer("--loops", 1),
        a.integer("--value-size", 64));
    System.out.println("LISTENING " + address + ":" + stub.port() + " " + ProcessHandle.current().pid());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private void accept() {
    int next = 0;
    while (!closed) {
      try {
        SocketChannel channel = server.accept();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Loop loop = loops[next++ % loops.length];
        loop.pending.add(channel);
        loop.selector.wakeup();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("stub: accept failed: " + e);
        }
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Loop loop : loops) {
      loop.selector.wakeup();
    }
    for (Loop loop : loops) {
      try {
        loop.thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Prepared prepare(String query) {
    return preparedByQuery.computeIfAbsent(query, q -> {
      StubResponses.Classified c = StubResponses.classify(q);
      byte[] id = StubResponses.md5(q);
      byte[] rmId = StubResponses.md5("result-metadata:" + q);
      byte[][] byVersion = new byte[6][];
      for (int v = 3; v <= 5; v++) {
        byVersion[v] = StubResponses.preparedFrame(c, id, rmId, v);
      }
      byte[] full;
      byte[] noMetadata;
      switch (c.kind()) {
        case READ -> {
          full = responses.readRowFull;
          noMetadata = responses.readRowNoMetadata;
        }
        case SCAN -> {
          full = responses.scanFrame(c.scanRows(), false);
          noMetadata = responses.scanFrame(c.scanRows(), true);
        }
        case WIDE -> {
          full = responses.wideFrame(c.scanRows(), false);
          noMetadata = responses.wideFrame(c.scanRows(), true);
        }
        default -> {
          full = responses.voidResult;
          noMetadata = responses.voidResult;
        }
      }
      Prepared p = new Prepared(id, rmId, c, byVersion, full, noMetadata);
      Prepared[] old = preparedById;
      Prepared[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = p;
      preparedById = grown; // computeIfAbsent serializes writers per key; ids differ per key
      return p;
    });
  }

  private Prepared findPrepared(byte[] src, int off, int len) {
    for (Prepared p : preparedById) {
      if (StubResponses.sameId(p.id, src, off, len)) {
        return p;
      }
    }
    return null;
  }

  /** One selector thread and the connections it owns. Everything here runs on {@link #thread}. */
  private final class Loop {
    final Selector selector;
    final Thread thread;
    final ConcurrentLinkedQueue<SocketChannel> pending = new ConcurrentLinkedQueue<>();

    Loop(int index) throws IOException {
      selector = Selector.open();
      thread = Thread.ofPlatform().name("stub-loop-" + index).daemon().unstarted(this::run);
    }

    private void run() {
      try {
        while (!closed) {
          selector.select(this::onReady, 1000);
          SocketChannel channel;
          while ((channel = pending.poll()) != null) {
            channel.register(selector, SelectionKey.OP_READ, new Conn(channel));
          }
        }
        for (SelectionKey key : selector.keys()) {
          key.channel().close();
        }
        selector.close();
      } catch (IOException e) {
        System.err.println("stub: selector loop failed: " + e);
      }
    }

    private void onReady(SelectionKey key) {
      Conn conn = (Conn) key.attachment();
      try {
        if (key.isWritable()) {
          if (conn.flush()) {
            key.interestOps(SelectionKey.OP_READ);
            conn.processInput(); // resume whatever input was held back
            if (!conn.flush()) {
              key.interestOps(SelectionKey.OP_WRITE);
            }
          }
        } else if (key.isReadable()) {
          int n = conn.channel.read(conn.in);
          if (n < 0) {
            key.cancel();
            conn.channel.close();
            return;
          }
          conn.processInput();
          if (!conn.flush()) {
            key.interestOps(SelectionKey.OP_WRITE);
          }
        }
      } catch (IOException | RuntimeException e) {
        if (!(e instanceof IOException)) {
          System.err.println("stub: closing a connection: " + e);
          e.printStackTrace();
        }
        key.cancel();
        try {
          conn.channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  /** One client connection; touched only by its loop's thread. */
  private final class Conn {
    final SocketChannel channel;
    // raw bytes read, in write mode between calls
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    // v5: frame bytes reassembled from segment payloads, in write mode between calls
    ByteBuffer frames = ByteBuffer.allocate(64 * 1024);
    // answers not yet written, in write mode; direct so the write does not copy
    ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    boolean segments; // v5 framing: on after READY answered a v5 STARTUP
    int segmentStart = -1; // position in out of the open segment's header, or -1
    final CRC32 crc = new CRC32();
    // a tiny cache of the last simple-statement texts, to classify without decoding a String
    final byte[][] lastQueries = new byte[4][];
    final byte[][] lastAnswers = new byte[4][];
    int lastQueriesNext;
    // capacities the input buffers need to hold the next incomplete frame or segment (0: enough)
    int inNeed;
    int framesNeed;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }

    /** Parses and answers everything complete in the input buffers. */
    void processInput() {
      in.flip();
      try {
        if (!segments) {
          parseFrames(in, true);
        }
        if (segments) {
          decodeSegments();
        }
      } finally {
        in.compact();
      }
      if (inNeed > 0) {
        in = grow(in, inNeed);
        inNeed = 0;
      }
      if (framesNeed > 0) {
        frames = grow(frames, framesNeed);
        framesNeed = 0;
      }
    }

    private void decodeSegments() {
      while (in.remaining() >= 6) {
        int p = in.position();
        long h = (in.get(p) & 0xFF) | (in.get(p + 1) & 0xFF) << 8 | (in.get(p + 2) & 0xFF) << 16;
        int crc24 = (in.get(p + 3) & 0xFF) | (in.get(p + 4) & 0xFF) << 8 | (in.get(p + 5) & 0xFF) << 16;
        if (Crc24.compute(h, 3) != crc24) {
          throw new IllegalStateException("segment header CRC24 mismatch");
        }
        int length = (int) (h & MAX_SEGMENT_PAYLOAD);
        if (in.remaining() < 6 + length + 4) {
          if (in.capacity() < 6 + length + 4) {
            inNeed = 6 + length + 4 + 64;
          }
          return;
        }
        int payload = p + 6;
        crc.reset();
        crc.update(CRC32_SEED);
        crc.update(in.array(), in.arrayOffset() + payload, length);
        int expected = (in.get(payload + length) & 0xFF) | (in.get(payload + length + 1) & 0xFF) << 8
            | (in.get(payload + length + 2) & 0xFF) << 16 | (in.get(payload + length + 3) & 0xFF) << 24;
        if ((int) crc.getValue() != expected) {
          throw new IllegalStateException("segment payload CRC32 mismatch");
        }
        if (frames.remaining() < length) {
          frames = grow(frames, frames.position() + length + 1024);
        }
        frames.put(in.array(), in.arrayOffset() + payload, length);
        in.position(payload + length + 4);
      }
      frames.flip();
      try {
        parseFrames(frames, false);
      } finally {
        frames.compact();
      }
    }

    /** Answers every whole frame of {@code src}; stops early when v5 framing starts (raw input). */
    private void parseFrames(ByteBuffer src, boolean raw) {
      byte[] a = src.array();
      int base = src.arrayOffset();
      while (src.remaining() >= StubResponses.HEADER_SIZE) {
        int p = src.position();
        int length = src.getInt(p + 5);
        if (length < 0 || length > 256 * 1024 * 1024) {
          throw new IllegalStateException("bad frame length " + length);
        }
        if (src.remaining() < StubResponses.HEADER_SIZE + length) {
          if (src.capacity() < StubResponses.HEADER_SIZE + length) {
            if (raw) {
              inNeed = StubResponses.HEADER_SIZE + length + 64;
            } else {
              framesNeed = StubResponses.HEADER_SIZE + length + 64;
            }
          }
          return;
        }
        int version = a[base + p] & 0x7F;
        int flags = a[base + p + 1];
        int stream = src.getShort(p + 2);
        int opcode = a[base + p + 4];
        src.position(p + StubResponses.HEADER_SIZE + length);
        answer(a, base + p + StubResponses.HEADER_SIZE, length, version, flags, stream, opcode);
        if (raw && segments) {
          return;
        }
      }
    }

    private void answer(byte[] a, int body, int length, int version, int flags, int stream, int opcode) {
      if (version < 3 || version > 5) {
        emit(StubResponses.errorFrame(0x000A, "Invalid or unsupported protocol version (" + version
            + "); supported versions are (3/v3, 4/v4, 5/v5)"), Math.min(Math.max(version, 3), 4), stream);
        return;
      }
      int pos = body;
      if ((flags & 0x04) != 0) { // custom payload: [bytes map] to skip
        int n = u16(a, pos);
        pos += 2;
        for (int i = 0; i < n; i++) {
          pos += 2 + u16(a, pos);
          int len = i32(a, pos);
          pos += 4 + Math.max(len, 0);
        }
      }
      switch (opcode) {
        case StubResponses.OPTIONS -> emit(responses.supported, version, stream);
        case StubResponses.STARTUP -> {
          emit(responses.ready, version, stream);
          if (version == 5) {
            segments = true;
          }
        }
        case StubResponses.REGISTER -> emit(responses.ready, version, stream);
        case StubResponses.QUERY -> emit(answerQuery(a, pos), version, stream);
        case StubResponses.PREPARE -> {
          String query = new String(a, pos + 4, i32(a, pos), StandardCharsets.UTF_8);
          emit(prepare(query).preparedByVersion[version], version, stream);
        }
        case StubResponses.EXECUTE -> {
          int idLength = u16(a, pos);
          Prepared p = findPrepared(a, pos + 2, idLength);
          if (p == null) {
            emit(StubResponses.unpreparedFrame(Arrays.copyOfRange(a, pos + 2, pos + 2 + idLength)), version, stream);
            return;
          }
          int q = pos + 2 + idLength;
          if (version >= 5) {
            q += 2 + u16(a, q); // result metadata id
          }
          int queryFlags = version >= 5 ? i32(a, q + 2) : a[q + 2];
          emit((queryFlags & 0x02) != 0 ? p.noMetadata : p.full, version, stream);
        }
        case StubResponses.BATCH -> emit(responses.voidResult, version, stream);
        default -> emit(StubResponses.errorFrame(0x000A, "stub server: unsupported opcode " + opcode), version,
            stream);
      }
    }

    private byte[] answerQuery(byte[] a, int pos) {
      int length = i32(a, pos);
      int start = pos + 4;
      for (int i = 0; i < lastQueries.length; i++) {
        byte[] known = lastQueries[i];
        if (known != null && known.length == length
            && Arrays.equals(known, 0, length, a, start, start + length)) {
          return lastAnswers[i];
        }
      }
      String query = new String(a, start, length, StandardCharsets.UTF_8);
      StubResponses.Classified c = StubResponses.classify(query);
      byte[] answer = switch (c.kind()) {
        case SYSTEM -> responses.systemFrame(query);
        case READ -> responses.readRowFull;
        case SCAN, WIDE -> prepare(query).full;
        case USE -> StubResponses.setKeyspaceFrame(query);
        case WRITE, OTHER -> responses.voidResult;
      };
      if (c.kind() != StubResponses.Kind.SYSTEM) { // system answers are rare: never cached
        int slot = lastQueriesNext++ & (lastQueries.length - 1);
        lastQueries[slot] = Arrays.copyOfRange(a, start, start + length);
        lastAnswers[slot] = answer;
      }
      return answer;
    }

    /** Appends {@code frame} with its version and stream id, inside a segment when framing is on. */
    private void emit(byte[] frame, int version, int stream) {
      if (segments) {
        if (frame.length > MAX_SEGMENT_PAYLOAD) {
          closeSegment();
          for (int off = 0; off < frame.length; off += MAX_SEGMENT_PAYLOAD) {
            int n = Math.min(MAX_SEGMENT_PAYLOAD, frame.length - off);
            openSegment();
            ensureOut(n);
            int at = out.position();
            out.put(frame, off, n);
            if (off == 0) {
              patch(at, version, stream);
            }
            closeSegment(false);
          }
          return;
        }
        if (segmentStart >= 0 && out.position() - segmentStart - 6 + frame.length > MAX_SEGMENT_PAYLOAD) {
          closeSegment();
        }
        if (segmentStart < 0) {
          openSegment();
        }
      }
      ensureOut(frame.length);
      int at = out.position();
      out.put(frame);
      patch(at, version, stream);
    }

    private void patch(int at, int version, int stream) {
      out.put(at, (byte) (0x80 | version));
      out.putShort(at + 2, (short) stream);
    }

    private void openSegment() {
      ensureOut(6);
      segmentStart = out.position();
      out.position(segmentStart + 6);
    }

    private void closeSegment() {
      closeSegment(true);
    }

    private void closeSegment(boolean selfContained) {
      if (segmentStart < 0) {
        return;
      }
      int length = out.position() - segmentStart - 6;
      long h = length | (selfContained ? 1L << 17 : 0);
      int crc24 = Crc24.compute(h, 3);
      out.put(segmentStart, (byte) h).put(segmentStart + 1, (byte) (h >>> 8))
          .put(segmentStart + 2, (byte) (h >>> 16));
      out.put(segmentStart + 3, (byte) crc24).put(segmentStart + 4, (byte) (crc24 >>> 8))
          .put(segmentStart + 5, (byte) (crc24 >>> 16));
      crc.reset();
      crc.update(CRC32_SEED);
      crc.update(out.slice(segmentStart + 6, length));
      ensureOut(4);
      int value = (int) crc.getValue();
      out.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16)).put((byte) (value >>> 24));
      segmentStart = -1;
    }

    private void ensureOut(int more) {
      if (out.remaining() < more + 16) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + more + 1024));
        out.flip();
        bigger.put(out);
        out = bigger;
      }
    }

    /** Writes what is pending; true when everything went out. */
    boolean flush() throws IOException {
      closeSegment();
      if (out.position() == 0) {
        return true;
      }
      out.flip();
      channel.write(out);
      boolean done = !out.hasRemaining();
      out.compact();
      return done;
    }
  }

  private static ByteBuffer grow(ByteBuffer buffer, int capacity) {
    if (capacity <= buffer.capacity()) {
      return buffer;
    }
    ByteBuffer bigger = ByteBuffer.allocate(capacity);
    buffer.flip();
    bigger.put(buffer);
    return bigger;
  }

  private static int u16(byte[] a, int p) {
    return (a[p] & 0xFF) << 8 | (a[p + 1] & 0xFF);
  }

  private static int i32(byte[] a, int p) {
    return (a[p] & 0xFF) << 24 | (a[p + 1] & 0xFF) << 16 | (a[p + 2] & 0xFF) << 8 | (a[p + 3] & 0xFF);
  }
}
