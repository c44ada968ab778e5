package io.loomcql.transport.internal;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.FrameDecoder;
import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.protocol.internal.Options;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both transports share: encoding on the caller's thread, the bounded write queue, stream
 * ids and the in-flight table, framing (v5 segments, compression), dispatch of responses and
 * events, orphan accounting, heartbeats, and failing everything exactly once on close.
 *
 * <p>Threads. Any thread may {@link #send}. One thread at a time holds the subclass's <em>write
 * token</em> and calls {@link #drainFrames}: it alone acquires stream ids and fills table slots.
 * One reading thread calls {@link #onBytes}: it alone releases ids (a CAS on their word) and owns
 * the decoders. Closing takes the write token for good, so no slot is filled after the table was
 * swept.
 */
abstract class BaseConnection implements Connection {

  static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  static final int MAX_BYTES_PER_DRAIN = 256 * 1024;
  /** How often a connection with pending requests looks for passed deadlines. */
  static final long DEADLINE_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final VarHandle CLOSED_CAUSE;
  private static final VarHandle SWEEP_ARMED;

  static {
    try {
      CLOSED_CAUSE =
          MethodHandles.lookup().findVarHandle(BaseConnection.class, "closedCause", Throwable.class);
      SWEEP_ARMED =
          MethodHandles.lookup().findVarHandle(BaseConnection.class, "sweepArmed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    // Loads the queue-node classes of a semaphore wait now, on the thread opening the first
    // connection: left to the first callers that wait for room, thousands of virtual threads
    // would load them at once and the losers would wait for the class pinned to their carriers.
    try {
      new Semaphore(0, true).tryAcquire(1, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  final InetSocketAddress endpoint;
  final ConnectionOptions options;
  final ProtocolVersion version;
  final Counters counters;
  final CompletableFuture<Connection> ready = new CompletableFuture<>();
  private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

  // Any thread.
  final ConcurrentLinkedQueue<PendingRequest> writeQueue = new ConcurrentLinkedQueue<>();
  /**
   * One permit per request queued or awaiting its answer (orphans included), maxQueuedRequests in
   * all. Fair, so that callers parked for room get it in arrival order; callers that do not wait
   * barge ({@link Semaphore#tryAcquire()}).
   */
  private final Semaphore permits;
  private final AtomicInteger orphans = new AtomicInteger();
  final StreamIds streamIds;
  private final AtomicReferenceArray<PendingRequest> inFlight;
  volatile Throwable closedCause;
  private volatile String keyspace;
  // Set once by the handshake, before the first request after STARTUP is encoded.
  private volatile Compressor frameCompressor;
  private volatile String compression;
  // Written by the write-token holder when it ran out of stream ids; read by the reader.
  volatile boolean stalledOnIds;
  // Set by the handshake before the first segment is written; read by the write-token holder.
  volatile SegmentEncoder segmentEncoder;
  private volatile Timeout heartbeat;
  private volatile Timeout heartbeatDeadline;
  volatile boolean readSinceHeartbeat;
  // Whether the deadline sweep is scheduled (see armDeadlineSweep).
  private volatile boolean sweepArmed;
  private final Runnable deadlineSweep = this::sweepDeadlines;

  // Reading thread only.
  private final FrameDecoder frameDecoder;
  private SegmentDecoder segmentDecoder;
  private Compressor decompressor;
  private final Consumer<Frame> frameSink = this::onFrame;
  private final Consumer<ByteBuffer> payloadSink;

  BaseConnection(InetSocketAddress endpoint, ConnectionOptions options, Counters counters) {
    this.endpoint = endpoint;
    this.options = options;
    this.version = options.protocolVersion();
    this.counters = counters;
    this.streamIds = new StreamIds(options.maxStreamIds());
    this.inFlight = new AtomicReferenceArray<>(options.maxStreamIds());
    this.permits = new Semaphore(options.maxQueuedRequests(), true);
    this.frameDecoder = new FrameDecoder(options.maxFrameLength());
    FrameDecoder decoder = frameDecoder;
    this.payloadSink = payload -> decoder.feed(payload, frameSink);
  }

  // ------------------------------------------------------------------ for the subclasses

  /** Makes sure queued requests get written: by the caller, or by handing off to the I/O thread. */
  abstract void requestWrite();

  /** Stops I/O, takes the write token for good, then calls {@link #failEverything}. */
  abstract void shutdownTransport(Throwable cause);

  // ------------------------------------------------------------------ Connection

  @Override
  public InetSocketAddress endpoint() {
    return endpoint;
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return version;
  }

  @Override
  public int pendingRequests() {
    return options.maxQueuedRequests() - permits.availablePermits();
  }

  @Override
  public boolean isClosed() {
    return closedCause != null;
  }

  @Override
  public CompletableFuture<Throwable> closeFuture() {
    return closed;
  }

  @Override
  public String keyspace() {
    return keyspace;
  }

  @Override
  public void keyspace(String keyspace) {
    this.keyspace = keyspace;
  }

  @Override
  public String compression() {
    return compression;
  }

  @Override
  public InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos, long deadlineNanos) {
    if (closedCause != null) {
      callback.onFailure(closedError());
      return null;
    }
    if (!permits.tryAcquire()) {
      if (maxWaitNanos <= 0 || !awaitPermit(maxWaitNanos)) {
        callback.onFailure(
            new BusyConnectionException(
                "Connection to " + endpoint + " has " + options.maxQueuedRequests()
                    + " requests queued or in flight (maxQueuedRequests)"
                    + (maxWaitNanos > 0
                        ? " and none finished within " + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms"
                        : "")
                    + "; try another connection",
                endpoint));
        return null;
      }
      if (closedCause != null) {
        // Closed while we waited: the permit came from a request the close failed.
        permits.release();
        callback.onFailure(closedError());
        return null;
      }
    }
    ByteBuffer frame;
    try {
      Compressor compressor = segmentEncoder == null ? frameCompressor : null;
      frame = FrameCompression.encode(request, version, flags, customPayload, compressor);
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    PendingRequest inFlightRequest = new PendingRequest(this, frame, callback, deadlineNanos);
    writeQueue.offer(inFlightRequest);
    if (closedCause != null) {
      // Closed while we queued: the closer may have swept the queue already.
      failQueued(closedError());
      return inFlightRequest;
    }
    requestWrite();
    if (deadlineNanos != Long.MAX_VALUE && !sweepArmed) {
      armDeadlineSweep();
    }
    return inFlightRequest;
  }

  // ------------------------------------------------------------------ deadlines

  /**
   * Arms the periodic deadline sweep. It stays armed while the connection has requests other
   * than orphans; the sweeper disarms it when it finds none, then looks once more (this thread
   * took its permit before looking at the flag, so one of the two sees the other).
   */
  private void armDeadlineSweep() {
    if (SWEEP_ARMED.compareAndSet(this, false, true)) {
      try {
        timer().schedule(deadlineSweep, DEADLINE_SWEEP_NANOS, TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        // The timer is shut down: so is this connection, which fails its requests itself.
        sweepArmed = false;
      }
    }
  }

  /**
   * The connection's timer thread, every {@link #DEADLINE_SWEEP_NANOS} while requests are
   * unanswered: tells each queued or in-flight request whose deadline passed. One pass visits the
   * words of the stream-id bitmap and the slots of the ids in use, so a request's deadline costs
   * no timer entry (scheduling and cancelling one per request cost more than the request's own
   * encoding).
   */
  private void sweepDeadlines() {
    if (closedCause != null) {
      sweepArmed = false;
      return;
    }
    long now = System.nanoTime();
    for (int w = 0, words = streamIds.words(); w < words; w++) {
      long word = streamIds.word(w);
      while (word != 0) {
        int id = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        PendingRequest request = id < inFlight.length() ? inFlight.get(id) : null;
        if (request != null) {
          signalDeadline(request, now);
        }
      }
    }
    if (!writeQueue.isEmpty()) {
      for (PendingRequest request : writeQueue) {
        signalDeadline(request, now);
      }
    }
    if (hasUnansweredRequests()) {
      timer().schedule(deadlineSweep, DEADLINE_SWEEP_NANOS, TimeUnit.NANOSECONDS);
      return;
    }
    sweepArmed = false;
    if (hasUnansweredRequests()) {
      armDeadlineSweep();
    }
  }

  /**
   * Whether requests are queued or in flight besides orphans (whose callers gave up: a hung node
   * may never answer them, and they need no watching).
   */
  private boolean hasUnansweredRequests() {
    return pendingRequests() - orphans.get() > 0;
  }

  private void signalDeadline(PendingRequest request, long now) {
    try {
      request.signalDeadlineIfDue(now);
    } catch (RuntimeException e) {
      LOG.error("Deadline callback for {} failed", endpoint, e);
    }
  }

  /**
   * Parks the calling thread (first come, first served) until a request of this connection ends
   * and leaves room, or {@code maxWaitNanos} pass. Interrupts do not end the wait; the thread's
   * interrupt status is restored on return.
   *
   * @return true once a permit is taken, false when the wait timed out
   */
  private boolean awaitPermit(long maxWaitNanos) {
    long deadline = System.nanoTime() + maxWaitNanos;
    boolean interrupted = false;
    try {
      while (true) {
        long left = maxWaitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          if (left == Long.MAX_VALUE) {
            permits.acquire();
            return true;
          }
          return permits.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    closeWith(new ConnectionException("Connection to " + endpoint + " was closed", endpoint), true);
  }

  @Override
  public void closeWith(Throwable cause) {
    closeWith(cause, false);
  }

  private void closeWith(Throwable cause, boolean asked) {
    if (CLOSED_CAUSE.compareAndSet(this, null, cause)) {
      ConnectionEvent.emit(
          String.valueOf(endpoint), asked ? "CLOSE" : "DEFUNCT", version.code(),
          asked ? null : String.valueOf(cause));
      shutdownTransport(cause);
    }
  }

  // ------------------------------------------------------------------ write side

  /**
   * Write-token holder only: moves queued requests into {@code out} (at most about {@code
   * maxBytes}), giving each a stream id and a slot in the in-flight table. Stops early when the
   * ids run out; the rest waits in the queue until responses free ids.
   *
   * @return the number of frames added
   */
  final int drainFrames(List<ByteBuffer> out, int maxBytes) {
    int bytes = 0;
    int frames = 0;
    while (bytes < maxBytes && !writeQueue.isEmpty()) {
      int id = streamIds.acquire();
      if (id < 0) {
        stalledOnIds = true;
        break;
      }
      PendingRequest request = writeQueue.poll();
      if (request == null) {
        streamIds.release(id);
        break;
      }
      request.streamId = id;
      FrameCodec.setStreamId(request.frame, id);
      inFlight.set(id, request);
      if (!request.markWritten()) {
        // cancelled while queued (or failed by a concurrent close): never goes out
        inFlight.set(id, null);
        streamIds.release(id);
        permits.release();
        continue;
      }
      counters.inFlight.increment();
      out.add(request.frame);
      bytes += request.frame.remaining();
      frames++;
    }
    if (frames > 0) {
      counters.framesWritten.add(frames);
    }
    return frames;
  }

  /** About how many requests wait in the queue (racy: for heuristics only). */
  final int queuedEstimate() {
    return pendingRequests() - streamIds.inUse();
  }

  /** Whether the queue holds requests that could go out now. */
  final boolean hasWritableWork() {
    if (writeQueue.isEmpty()) {
      return false;
    }
    if (streamIds.hasFree()) {
      return true;
    }
    // Requests wait for ids: the reader resumes writing when it frees one. Set the flag, then look
    // again, so that a release that checked the flag just before it was set is not missed.
    stalledOnIds = true;
    return streamIds.hasFree();
  }

  /** Wraps frames for the wire: v5 segments after the handshake, else the frames themselves. */
  final void frameForWire(List<ByteBuffer> frames, Consumer<ByteBuffer> out) {
    SegmentEncoder encoder = segmentEncoder;
    if (encoder != null) {
      encoder.encode(frames, out);
    } else {
      for (int i = 0; i < frames.size(); i++) {
        out.accept(frames.get(i));
      }
    }
  }

  // ------------------------------------------------------------------ read side

  /** Reading thread only: consumes received bytes (after TLS), dispatching every whole frame. */
  final void onBytes(ByteBuffer bytes) {
    readSinceHeartbeat = true;
    if (segmentDecoder != null) {
      segmentDecoder.feed(bytes, payloadSink);
    } else {
      frameDecoder.feed(bytes, frameSink);
    }
  }

  private void onFrame(Frame frame) {
    if (decompressor != null && frame.hasFlag(Frame.FLAG_COMPRESSED)) {
      frame = FrameCompression.decompress(frame, decompressor);
    }
    int id = frame.streamId();
    if (!isResponseOpcode(frame.opcode())) {
      // Like the Python driver, which marks a connection defunct on a message it cannot decode:
      // the server speaks something else, so nothing more it sends can be trusted.
      throw new ProtocolException(
          "Received a frame with opcode " + Opcodes.name(frame.opcode()) + " on stream id " + id
              + " from " + endpoint + ", which is not a response opcode");
    }
    if (id < 0) {
      if (options.eventListener() != null) {
        try {
          options.eventListener().accept(frame);
        } catch (RuntimeException e) {
          LOG.error("Event listener for {} failed", endpoint, e);
        }
      }
      return;
    }
    PendingRequest request = id < inFlight.length() ? inFlight.getAndSet(id, null) : null;
    if (request == null) {
      throw new ProtocolException(
          "Received a response on stream id " + id + " from " + endpoint
              + " but no request is in flight on it");
    }
    streamIds.release(id);
    permits.release();
    counters.inFlight.decrement();
    if (request.markAnswered()) {
      try {
        request.callback.onResponse(frame);
      } catch (RuntimeException e) {
        LOG.error("Response callback for {} failed", endpoint, e);
      }
    } else {
      orphans.decrementAndGet();
    }
  }

  private static boolean isResponseOpcode(int opcode) {
    return switch (opcode) {
      case Opcodes.ERROR, Opcodes.READY, Opcodes.AUTHENTICATE, Opcodes.SUPPORTED, Opcodes.RESULT,
          Opcodes.EVENT, Opcodes.AUTH_CHALLENGE, Opcodes.AUTH_SUCCESS -> true;
      default -> false;
    };
  }

  /** Reading thread, after a batch of bytes: resumes a write side that waited for stream ids. */
  final void resumeIfStalled() {
    if (stalledOnIds && !writeQueue.isEmpty()) {
      stalledOnIds = false;
      requestWrite();
    }
  }

  /** A request was cancelled after it was written: its id stays taken until the answer. */
  final void onOrphaned() {
    int now = orphans.incrementAndGet();
    int limit = streamIds.max() * 3 / 4;
    if (now > limit && closedCause == null) {
      closeWith(
          new ConnectionException(
              "Connection to " + endpoint + " has " + now + " orphaned stream ids (cancelled "
                  + "requests still unanswered), more than 3/4 of its " + streamIds.max()
                  + "; replacing it",
              endpoint));
    }
  }

  // ------------------------------------------------------------------ handshake hooks

  /** Reading thread: frames with the COMPRESSED flag are decompressed with {@code c} from now on. */
  final void expectCompressed(Compressor c) {
    this.decompressor = c;
  }

  /**
   * Reading thread, right after READY or AUTHENTICATE: compress outgoing requests with {@code c}
   * (may be null); on v5, switch both directions to segments (compressed with {@code c}).
   */
  final void enableFraming(Compressor c) {
    compression = c == null ? null : c.name();
    if (version.usesSegments()) {
      segmentDecoder = FrameCompression.segmentDecoder(c);
      segmentEncoder = FrameCompression.segmentEncoder(c);
      decompressor = null;
    } else {
      frameCompressor = c;
    }
  }

  /** Called by the handshake once the server accepts requests. */
  void handshakeDone() {
    ConnectionEvent.emit(String.valueOf(endpoint), "OPEN", version.code(), null);
    ready.complete(this);
    startHeartbeat();
  }

  // ------------------------------------------------------------------ heartbeat

  private void startHeartbeat() {
    long interval = options.idleHeartbeatInterval().toNanos();
    if (interval > 0 && closedCause == null) {
      readSinceHeartbeat = false;
      heartbeat = timer().schedule(this::heartbeatTick, interval, TimeUnit.NANOSECONDS);
    }
  }

  private void heartbeatTick() {
    if (closedCause != null) {
      return;
    }
    if (readSinceHeartbeat) {
      startHeartbeat();
      return;
    }
    long timeoutMillis = options.idleHeartbeatTimeout().toMillis();
    Timeout deadline =
        timer()
            .schedule(
                () ->
                    closeWith(
                        new ConnectionException(
                            "Connection to " + endpoint + " did not answer the heartbeat (OPTIONS)"
                                + " within " + timeoutMillis + " ms; marking it defunct",
                            endpoint)),
                timeoutMillis,
                TimeUnit.MILLISECONDS);
    heartbeatDeadline = deadline;
    send(
        new Options(),
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {
            deadline.cancel();
            startHeartbeat();
          }

          @Override
          public void onFailure(Throwable error) {
            deadline.cancel();
          }
        },
        NO_WAIT,
        NO_DEADLINE);
  }

  // ------------------------------------------------------------------ closing

  /**
   * Once, by the closer holding the write token for good: fails every in-flight and queued
   * request, releases their ids and completes the futures.
   */
  final void failEverything(Throwable cause) {
    Timeout t = heartbeat;
    if (t != null) {
      t.cancel();
    }
    t = heartbeatDeadline;
    if (t != null) {
      t.cancel();
    }
    ConnectionException error = closedError();
    for (int id = 0; id < inFlight.length(); id++) {
      PendingRequest request = inFlight.getAndSet(id, null);
      if (request != null) {
        streamIds.release(id);
        permits.release();
        counters.inFlight.decrement();
        if (request.markAnswered()) {
          notifyFailure(request, error);
        } else {
          orphans.decrementAndGet();
        }
      }
    }
    failQueued(error);
    ready.completeExceptionally(cause);
    closed.complete(cause);
  }

  private void failQueued(ConnectionException error) {
    PendingRequest request;
    while ((request = writeQueue.poll()) != null) {
      permits.release();
      if (request.markDroppedFromQueue()) {
        notifyFailure(request, error);
      }
    }
  }

  private void notifyFailure(PendingRequest request, Throwable error) {
    try {
      request.callback.onFailure(error);
    } catch (RuntimeException e) {
      LOG.error("Failure callback for {} failed", endpoint, e);
    }
  }

  /**
   * The error for the server closing (or resetting, {@code cause}) the socket. Before the
   * handshake is done it says so, and, without TLS, the usual reason: a node that requires client
   * encryption drops plaintext connections at their first byte.
   */
  final ConnectionException closedByServer(IOException cause) {
    String message = "Connection closed by " + endpoint;
    if (!ready.isDone()) {
      message += " during the handshake";
      if (cause != null) {
        message += " (" + cause.getMessage() + ")";
      }
      if (options.ssl() == null) {
        message += "; a node that requires TLS does this to a plaintext client: is sslOptions set?";
      }
    }
    return new ConnectionException(message, endpoint, cause);
  }

  final ConnectionException closedError() {
    Throwable cause = closedCause;
    if (cause instanceof ConnectionException ce) {
      return ce;
    }
    return new ConnectionException(
        "Connection to " + endpoint + " is closed: " + cause, endpoint, cause);
  }

  /** Requests in the in-flight table (for tests). */
  final int inFlightCount() {
    return streamIds.inUse();
  }

  /** Whether the deadline sweep is scheduled (for tests). */
  final boolean deadlineSweepArmed() {
    return sweepArmed;
  }

  /** Orphaned stream ids (for tests). */
  final int orphanCount() {
    return orphans.get();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + endpoint + ", " + version + ")";
  }
}
