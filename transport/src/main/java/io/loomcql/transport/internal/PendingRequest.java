package io.loomcql.transport.internal;

import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A request handed to a connection: its encoded frame, who to tell, and (once written)
 * its stream id.
 *
 * <p>States: QUEUED → WRITTEN → DONE, or CANCELLED from either of the first two. Each transition
 * is a CAS, so the callback runs at most once whoever races (response, close, cancel). Cancelling
 * a WRITTEN request orphans its stream id: the id stays reserved until the server answers, so a
 * late response can never be mistaken for the answer to a newer request.
 */
final class PendingRequest implements InFlightRequest {

  static final int QUEUED = 0;
  static final int WRITTEN = 1;
  static final int DONE = 2;
  static final int CANCELLED = 3;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PendingRequest.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ByteBuffer frame;
  final ResponseCallback callback;
  /** When the callback hears of the deadline (nanoTime); Long.MAX_VALUE for never. */
  final long deadlineNanos;
  private final InFlightTable owner;
  int streamId = -1; // set by the write-token holder before the request is published as WRITTEN
  private volatile int state;
  // The connection's timer thread only: onDeadline was called.
  boolean deadlineSignalled;

  PendingRequest(InFlightTable owner, ByteBuffer frame, ResponseCallback callback, long deadlineNanos) {
    this.owner = owner;
    this.frame = frame;
    this.callback = callback;
    this.deadlineNanos = deadlineNanos;
  }

  /** Timer thread only: tells the callback, once, that the deadline passed while pending. */
  void signalDeadlineIfDue(long now) {
    if (!deadlineSignalled && deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
      int s = state;
      if (s == QUEUED || s == WRITTEN) {
        deadlineSignalled = true;
        callback.onDeadline();
      }
    }
  }

  /**
   * Abandons the request (the caller timed out or no longer wants the answer): the callback will
   * not be called; the response, if one comes, is dropped.
   */
  @Override
  public void cancel() {
    while (true) {
      int s = state;
      if (s == QUEUED) {
        if (STATE.compareAndSet(this, QUEUED, CANCELLED)) {
          return;
        }
      } else if (s == WRITTEN) {
        if (STATE.compareAndSet(this, WRITTEN, CANCELLED)) {
          if (owner != null) {
            owner.onOrphaned();
          }
          return;
        }
      } else {
        return;
      }
    }
  }

  @Override
  public boolean isCancelled() {
    return state == CANCELLED;
  }

  boolean markWritten() {
    return STATE.compareAndSet(this, QUEUED, WRITTEN);
  }

  /** Claims the outcome of a written request; false if it was cancelled (an orphan). */
  boolean markAnswered() {
    return STATE.compareAndSet(this, WRITTEN, DONE);
  }

  /** Claims the outcome of a request still queued; false if it was cancelled. */
  boolean markDroppedFromQueue() {
    return STATE.compareAndSet(this, QUEUED, DONE);
  }
}
