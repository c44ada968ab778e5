package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.Lz4Compressor;
import io.loomcql.protocol.internal.SegmentDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted connection, read by its own platform thread: reads whatever the client sent,
 * answers every whole request of that read into one output batch, and writes the batch with one
 * write call (pipelined requests are answered together, as a real node does).
 *
 * <p>The reading thread owns the input side (buffers, the segment decoder). The output side
 * ({@link Output}) is guarded by {@link #writeLock}: the reading thread holds it while it answers
 * a read's requests; delayed replies and pushed events take it from other threads.
 */
final class ServerConnection {

  private static final int MAX_FRAME = 256 * 1024 * 1024;

  final int id;
  final Socket socket;
  private final CqlTestServer server;
  private final Request request;
  final ReentrantLock writeLock = new ReentrantLock();
  private final Output output;
  // input side: the reading thread's
  private byte[] in = new byte[64 * 1024];
  private int inLength;
  private byte[] frames = new byte[64 * 1024];
  private int framesLength;
  private SegmentDecoder segmentDecoder;
  private Compressor compressor;
  private boolean ending;
  /** The protocol version of the STARTUP (events are sent in it); 0 before. */
  volatile int version;
  volatile boolean registered;
  private volatile boolean closed;

  ServerConnection(int id, Socket socket, CqlTestServer server) throws IOException {
    this.id = id;
    this.socket = socket;
    this.server = server;
    this.request = new Request(id, server);
    this.output = new Output(socket, server.reversesBatches());
  }

  /** Serves the connection until either side closes it. */
  void run() {
    try (socket) {
      InputStream input = socket.getInputStream();
      while (true) {
        int n = input.read(in, inLength, in.length - inLength);
        if (n < 0) {
          return;
        }
        server.reads.increment();
        inLength += n;
        boolean keepGoing;
        writeLock.lock();
        try {
          keepGoing = processInput();
          output.flush();
        } finally {
          writeLock.unlock();
        }
        if (!keepGoing) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed && !(e instanceof IOException)) {
        server.errors.add(e);
      }
    } finally {
      closed = true;
      server.connectionClosed(this);
    }
  }

  void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  boolean isOpen() {
    return !closed && !socket.isClosed();
  }

  /** Answers every whole request read so far; false when the connection must end. */
  private boolean processInput() throws IOException {
    ending = false;
    int consumed = 0;
    if (segmentDecoder == null) {
      consumed = parseFrames(in, inLength, true);
    }
    if (!ending && segmentDecoder != null && consumed < inLength) {
      server.segmentBytes.add(inLength - consumed);
      segmentDecoder.feed(ByteBuffer.wrap(in, consumed, inLength - consumed), this::appendPayload);
      consumed = inLength;
      int used = parseFrames(frames, framesLength, false);
      System.arraycopy(frames, used, frames, 0, framesLength - used);
      framesLength -= used;
    }
    System.arraycopy(in, consumed, in, 0, inLength - consumed);
    inLength -= consumed;
    if (inLength == in.length) {
      in = Arrays.copyOf(in, in.length * 2);
    }
    return !ending;
  }

  private void appendPayload(ByteBuffer payload) {
    int n = payload.remaining();
    server.segmentPayloadBytes.add(n);
    if (framesLength + n > frames.length) {
      frames = Arrays.copyOf(frames, Math.max(frames.length * 2, framesLength + n));
    }
    payload.get(frames, framesLength, n);
    framesLength += n;
  }

  /**
   * Answers the whole frames at the start of {@code a}; returns how many bytes they took. Stops
   * early when the connection must end ({@link #ending}) and, for raw input, where v5 framing
   * begins.
   */
  private int parseFrames(byte[] a, int length, boolean raw) throws IOException {
    int p = 0;
    while (length - p >= Frames.HEADER_SIZE) {
      int bodyLength = i32(a, p + 5);
      if (bodyLength < 0 || bodyLength > MAX_FRAME) {
        throw new IOException("bad frame length " + bodyLength + " from the client");
      }
      if (length - p < Frames.HEADER_SIZE + bodyLength) {
        if (raw && in.length < Frames.HEADER_SIZE + bodyLength) {
          in = Arrays.copyOf(in, Frames.HEADER_SIZE + bodyLength + 64);
        }
        break;
      }
      int frameVersion = a[p] & 0x7F;
      int flags = a[p + 1];
      int stream = (short) ((a[p + 2] & 0xFF) << 8 | (a[p + 3] & 0xFF));
      int opcode = a[p + 4] & 0xFF;
      int start = p + Frames.HEADER_SIZE;
      p = start + bodyLength;
      if (!answer(a, start, bodyLength, frameVersion, flags, stream, opcode)) {
        ending = true;
        break;
      }
      if (raw && segmentDecoder != null) {
        break;
      }
    }
    return p;
  }

  private boolean answer(byte[] a, int start, int length, int frameVersion, int flags, int stream,
      int opcode) throws IOException {
    byte[] body = a;
    int offset = start;
    int bodyLength = length;
    if ((flags & 0x01) != 0 && compressor != null) {
      ByteBuffer plain = compressor.decompressBody(ByteBuffer.wrap(a, start, length));
      body = new byte[plain.remaining()];
      plain.get(body);
      offset = 0;
      bodyLength = body.length;
    }
    if ((flags & 0x04) != 0) { // a custom payload ([bytes map]) precedes the message
      int end = offset + bodyLength;
      int n = (body[offset] & 0xFF) << 8 | (body[offset + 1] & 0xFF);
      offset += 2;
      for (int i = 0; i < n; i++) {
        offset += 2 + ((body[offset] & 0xFF) << 8 | (body[offset + 1] & 0xFF));
        offset += 4 + Math.max(i32(body, offset), 0);
      }
      bodyLength = end - offset;
    }
    request.reset(frameVersion, flags, stream, opcode, body, offset, bodyLength);
    Reply reply = server.replyTo(request, this);
    if (opcode == Opcodes.STARTUP) {
      startFraming(reply, frameVersion);
    } else if (opcode == Opcodes.REGISTER) {
      registered = true;
    }
    // A version the server does not speak is refused in the highest one it does, as Cassandra does.
    int highest = server.highestProtocolVersion();
    return send(reply, frameVersion > highest ? highest : frameVersion, stream);
  }

  /** Compression and (v5) segments from the answer to STARTUP on, as the client asked. */
  private void startFraming(Reply reply, int frameVersion) throws IOException {
    version = frameVersion;
    int answered = reply.opcode();
    if (answered != Opcodes.READY && answered != Opcodes.AUTHENTICATE) {
      return;
    }
    String name = request.record().options().get("COMPRESSION");
    compressor = name == null ? null : Compressor.forName(name, MAX_FRAME);
    if (frameVersion < 5) {
      output.compressWith(compressor); // the answer to STARTUP is compressed already
      return;
    }
    Lz4Compressor lz4 = compressor instanceof Lz4Compressor l ? l : null;
    compressor = null; // v5 compresses segments, never frame bodies
    segmentDecoder = new SegmentDecoder(lz4);
    output.segmentsAfterNextMessage(lz4);
  }

  /**
   * Sends {@code reply} now or, if it is delayed, later from the server's scheduler; false when
   * the connection must end. The caller holds {@link #writeLock} if it answers now.
   */
  boolean send(Reply reply, int frameVersion, int stream) throws IOException {
    if (!reply.delay.isZero()) {
      server.later(reply.delay, () -> sendLater(reply.delayed(Duration.ZERO), frameVersion,
          stream));
      return true;
    }
    int onStream = reply.stream == Reply.NO_STREAM ? stream : reply.stream;
    switch (reply.kind) {
      case MESSAGE -> output.message(reply.bytes, frameVersion, onStream);
      case RAW -> output.raw(reply.bytes, 0, reply.bytes.length);
      case TRUNCATED -> {
        byte[] frame = reply.bytes.clone();
        frame[0] = (byte) (0x80 | frameVersion);
        frame[2] = (byte) (onStream >>> 8);
        frame[3] = (byte) onStream;
        output.raw(frame, 0, frame.length / 2);
      }
      case DROP, CLOSE -> { }
    }
    if (reply.closeAfter) {
      output.flush();
      close();
      return false;
    }
    return true;
  }

  private void sendLater(Reply reply, int frameVersion, int stream) {
    writeLock.lock();
    try {
      if (isOpen()) {
        send(reply, frameVersion, stream);
        output.flush();
        server.delayedRepliesSent.incrementAndGet();
      }
    } catch (IOException e) {
      close();
    } finally {
      writeLock.unlock();
    }
  }

  /** Pushes an EVENT on stream -1, in the connection's protocol version. */
  void push(Reply event) {
    writeLock.lock();
    try {
      if (isOpen()) {
        output.message(event.bytes, version, -1);
        output.flush();
      }
    } catch (IOException e) {
      close();
    } finally {
      writeLock.unlock();
    }
  }

  private static int i32(byte[] a, int p) {
    return (a[p] & 0xFF) << 24 | (a[p + 1] & 0xFF) << 16 | (a[p + 2] & 0xFF) << 8 | (a[p + 3] & 0xFF);
  }
}
