package io.loomcql.transport.internal;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.StreamIds;
import io.loomcql.transport.spi.Timer;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.lang.invoke.MethodHandles;
import java.net.InetSocketAddress;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one connection from {@code send} to their outcome: admission (one permit per
 * request queued or unanswered), the write queue, stream ids and the slots of the requests on the
 * wire, orphans, the deadline sweep, and failing everything exactly once when the connection
 * closes.
 *
 * <p>Threads. Any thread {@link #submit}s. One thread at a time, the holder of the connection's
 * <em>write token</em>, {@link #drain}s: it alone acquires stream ids and fills slots. The reading
 * thread {@link #answer}s: it alone releases ids (a CAS on their word). The connection's timer
 * thread sweeps deadlines. The closer {@link #failAll}s once, holding the write token for good,
 * so that no slot is filled after the table was swept.
 */
final class InFlightTable {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  /** How often a table with pending requests looks for passed deadlines. */
  static final long DEADLINE_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final VarHandle CLOSED_CAUSE;
  private static final VarHandle SWEEP_ARMED;

  static {
    try {
      CLOSED_CAUSE =
          MethodHandles.lookup().findVarHandle(InFlightTable.class, "closedCause", Throwable.class);
      SWEEP_ARMED =
          MethodHandles.lookup().findVarHandle(InFlightTable.class, "sweepArmed", boolean.class);
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

  private final InetSocketAddress endpoint;
  // Closes the connection (too many orphans).
  private final Consumer<Throwable> closer;
  private final int maxQueuedRequests;
  private final Counters counters;
  private final Timer timer;

  // Any thread.
  private final ConcurrentLinkedQueue<PendingRequest> queue = new ConcurrentLinkedQueue<>();
  /**
   * One permit per request queued or awaiting its answer (orphans included), maxQueuedRequests in
   * all. Fair, so that callers parked for room get it in arrival order; callers that do not wait
   * barge ({@link Semaphore#tryAcquire()}).
   */
  private final Semaphore permits;
  private final AtomicInteger orphans = new AtomicInteger();
  private final StreamIds streamIds;
  private final AtomicReferenceArray<PendingRequest> slots;
  // Set once, by the first close.
  private volatile Throwable closedCause;
  // Written by the write-token holder when it ran out of stream ids; read by the reader.
  private volatile boolean stalledOnIds;
  // Whether the deadline sweep is scheduled (see armDeadlineSweep).
  private volatile boolean sweepArmed;
  private final Runnable deadlineSweep = this::sweepDeadlines;

  InFlightTable(
      InetSocketAddress endpoint, int maxStreamIds, int maxQueuedRequests, Counters counters,
      Timer timer, Consumer<Throwable> closer) {
    this.endpoint = endpoint;
    this.closer = closer;
    this.maxQueuedRequests = maxQueuedRequests;
    this.counters = counters;
    this.timer = timer;
    this.streamIds = new StreamIds(maxStreamIds);
    this.slots = new AtomicReferenceArray<>(maxStreamIds);
    this.permits = new Semaphore(maxQueuedRequests, true);
  }

  // ------------------------------------------------------------------ any thread

  /**
   * Admits, encodes and queues a request; the caller then makes sure it gets written, and calls
   * {@link #watchDeadline}. Parks for room as {@link Connection#send} says.
   *
   * @return the queued request, or null when it failed at once (the callback was told)
   */
  PendingRequest submit(
      Framing framing, Request request, int flags, Map<String, ByteBuffer> customPayload,
      ResponseCallback callback, long maxWaitNanos, long deadlineNanos) {
    if (closedCause != null) {
      callback.onFailure(closedError());
      return null;
    }
    if (!permits.tryAcquire()) {
      if (maxWaitNanos <= 0 || !awaitPermit(maxWaitNanos)) {
        callback.onFailure(busy(maxWaitNanos));
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
      frame = framing.encode(request, flags, customPayload);
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    PendingRequest pending = new PendingRequest(this, frame, callback, deadlineNanos);
    queue.offer(pending);
    if (closedCause != null) {
      // Closed while we queued: the closer may have swept the queue already.
      failQueued(closedError());
    }
    return pending;
  }

  private BusyConnectionException busy(long maxWaitNanos) {
    return new BusyConnectionException(
        "Connection to " + endpoint + " has " + maxQueuedRequests
            + " requests queued or in flight (maxQueuedRequests)"
            + (maxWaitNanos > 0
                ? " and none finished within " + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms"
                : "")
            + "; try another connection",
        endpoint);
  }

  /**
   * Parks the calling thread (first come, first served) until a request ends and leaves room, or
   * {@code maxWaitNanos} pass. Interrupts do not end the wait; the thread's interrupt status is
   * restored on return.
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

  /** After a request with {@code deadlineNanos} was queued and its write asked for. */
  void watchDeadline(long deadlineNanos) {
    if (deadlineNanos != Long.MAX_VALUE && !sweepArmed) {
      armDeadlineSweep();
    }
  }

  /** Requests queued or awaiting their response (orphans included). */
  int pending() {
    return maxQueuedRequests - permits.availablePermits();
  }

  /** Stream ids in use: requests on the wire, orphans included. */
  int onWire() {
    return streamIds.inUse();
  }

  /** About how many requests wait in the queue (racy: for heuristics only). */
  int queuedEstimate() {
    return pending() - streamIds.inUse();
  }

  /** Whether the queue holds requests that could go out now. */
  boolean hasWritableWork() {
    if (queue.isEmpty()) {
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

  // ------------------------------------------------------------------ write-token holder

  /**
   * Moves queued requests into {@code out} (at most about {@code maxBytes}), giving each a stream
   * id and a slot. Stops early when the ids run out; the rest waits in the queue until responses
   * free ids.
   *
   * @return the number of frames added
   */
  int drain(List<ByteBuffer> out, int maxBytes) {
    int bytes = 0;
    int frames = 0;
    while (bytes < maxBytes && !queue.isEmpty()) {
      int id = streamIds.acquire();
      if (id < 0) {
        stalledOnIds = true;
        break;
      }
      PendingRequest request = queue.poll();
      if (request == null) {
        streamIds.release(id);
        break;
      }
      request.streamId = id;
      FrameCodec.setStreamId(request.frame, id);
      slots.set(id, request);
      if (!request.markWritten()) {
        // cancelled while queued (or failed by a concurrent close): never goes out
        slots.set(id, null);
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

  // ------------------------------------------------------------------ reading thread

  /** Hands a response to the request on its stream id, which is free again from here on. */
  void answer(Frame frame) {
    int id = frame.streamId();
    PendingRequest request = id < slots.length() ? slots.getAndSet(id, null) : null;
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

  /**
   * After a batch of bytes: whether the write side waited for stream ids and requests are queued
   * (the caller then asks for a write). Clears the stall.
   */
  boolean resumeStalled() {
    if (stalledOnIds && !queue.isEmpty()) {
      stalledOnIds = false;
      return true;
    }
    return false;
  }

  /** A request was cancelled after it was written: its id stays taken until the answer. */
  void onOrphaned() {
    int now = orphans.incrementAndGet();
    int limit = streamIds.max() * 3 / 4;
    if (now > limit && closedCause == null) {
      closer.accept(
          new ConnectionException(
              "Connection to " + endpoint + " has " + now + " orphaned stream ids "
                  + "(cancelled requests still unanswered), more than 3/4 of its "
                  + streamIds.max() + "; replacing it",
              endpoint));
    }
  }

  // ------------------------------------------------------------------ deadlines

  /**
   * Arms the periodic deadline sweep. It stays armed while the table has requests other than
   * orphans; the sweeper disarms it when it finds none, then looks once more (this thread took
   * its permit before looking at the flag, so one of the two sees the other).
   */
  private void armDeadlineSweep() {
    if (SWEEP_ARMED.compareAndSet(this, false, true)) {
      try {
        timer.schedule(deadlineSweep, DEADLINE_SWEEP_NANOS, TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        // The timer is shut down: so is this connection, which fails its requests itself.
        sweepArmed = false;
      }
    }
  }

  /**
   * The timer thread, every {@link #DEADLINE_SWEEP_NANOS} while requests are unanswered: tells
   * each queued or in-flight request whose deadline passed. One pass visits the words of the
   * stream-id bitmap and the slots of the ids in use, so a request's deadline costs no timer entry
   * (scheduling and cancelling one per request cost more than the request's own encoding).
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
        PendingRequest request = id < slots.length() ? slots.get(id) : null;
        if (request != null) {
          signalDeadline(request, now);
        }
      }
    }
    if (!queue.isEmpty()) {
      for (PendingRequest request : queue) {
        signalDeadline(request, now);
      }
    }
    if (hasUnansweredRequests()) {
      timer.schedule(deadlineSweep, DEADLINE_SWEEP_NANOS, TimeUnit.NANOSECONDS);
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
    return pending() - orphans.get() > 0;
  }

  private void signalDeadline(PendingRequest request, long now) {
    try {
      request.signalDeadlineIfDue(now);
    } catch (RuntimeException e) {
      LOG.error("Deadline callback for {} failed", endpoint, e);
    }
  }

  // ------------------------------------------------------------------ closing

  /** Records why the connection closes; true for the first caller only. */
  boolean markClosed(Throwable cause) {
    return CLOSED_CAUSE.compareAndSet(this, null, cause);
  }

  boolean isClosed() {
    return closedCause != null;
  }

  /** The cause the connection closed with, or null while it is open. */
  Throwable closedCause() {
    return closedCause;
  }

  /**
   * Once, by the closer holding the write token for good: fails every in-flight and queued
   * request with the close's error and frees their ids and permits.
   */
  void failAll() {
    ConnectionException error = closedError();
    for (int id = 0; id < slots.length(); id++) {
      PendingRequest request = slots.getAndSet(id, null);
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
  }

  private void failQueued(ConnectionException error) {
    PendingRequest request;
    while ((request = queue.poll()) != null) {
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

  /** The error requests fail with once the connection is closed. */
  ConnectionException closedError() {
    Throwable cause = closedCause;
    if (cause instanceof ConnectionException ce) {
      return ce;
    }
    return new ConnectionException(
        "Connection to " + endpoint + " is closed: " + cause,
        endpoint,
        cause);
  }
}
