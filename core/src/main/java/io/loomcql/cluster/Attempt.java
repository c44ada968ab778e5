package io.loomcql.cluster;

import io.loomcql.protocol.internal.Frame;
import io.loomcql.transport.internal.Connection;
import io.loomcql.transport.internal.InFlightRequest;
import io.loomcql.transport.internal.ResponseCallback;
import io.loomcql.transport.internal.Timeout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One try of a request on one connection, and the hand-off of its outcome (a response
 * {@link Frame}, an error, or {@link #TIMED_OUT}) from the I/O thread to whoever continues the
 * request: the caller's thread parked in {@link #await} (blocking execute) or a task on the
 * callback executor (async execute). The first outcome wins; later ones are ignored.
 */
final class Attempt implements ResponseCallback, Runnable {

  static final Object TIMED_OUT = new Object();

  private static final VarHandle OUTCOME;

  static {
    try {
      OUTCOME = MethodHandles.lookup().findVarHandle(Attempt.class, "outcome", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Connection connection;
  private final Thread waiter;
  private final Executor executor;
  private final Runnable continuation;
  private volatile Object outcome;
  private volatile InFlightRequest inFlight;
  // Written by the sender, read by whoever completes: volatile, so one of them cancels it.
  private volatile Timeout timer;

  /** An attempt whose outcome the current thread will {@link #await}. */
  static Attempt blocking(Connection connection) {
    return new Attempt(connection, Thread.currentThread(), null, null);
  }

  /** An attempt whose outcome runs {@code continuation} on {@code executor}. */
  static Attempt async(Connection connection, Executor executor, Runnable continuation) {
    return new Attempt(connection, null, executor, continuation);
  }

  private Attempt(Connection connection, Thread waiter, Executor executor, Runnable continuation) {
    this.connection = connection;
    this.waiter = waiter;
    this.executor = executor;
    this.continuation = continuation;
  }

  void sent(InFlightRequest request) {
    this.inFlight = request;
  }

  /** For async attempts: time out at {@code deadlineNanos} (on the connection's loop). */
  void timeoutAt(long deadlineNanos) {
    long delay = deadlineNanos - System.nanoTime();
    timer = connection.timer().schedule(this, Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  Object outcome() {
    return outcome;
  }

  @Override
  public void onResponse(Frame frame) {
    complete(frame);
  }

  @Override
  public void onFailure(Throwable error) {
    complete(error);
  }

  /** The timer's task: the deadline passed. */
  @Override
  public void run() {
    if (complete(TIMED_OUT)) {
      cancelInFlight();
    }
  }

  private boolean complete(Object value) {
    if (!OUTCOME.compareAndSet(this, null, value)) {
      return false;
    }
    Timeout t = timer;
    if (t != null && value != TIMED_OUT) {
      t.cancel();
    }
    if (waiter != null) {
      LockSupport.unpark(waiter);
    } else {
      executor.execute(continuation);
    }
    return true;
  }

  private void cancelInFlight() {
    InFlightRequest request = inFlight;
    if (request != null) {
      request.cancel();
    }
  }

  /**
   * Parks the calling thread until the outcome arrives or {@code deadlineNanos} passes (then
   * returns {@link #TIMED_OUT}, having abandoned the request). An interrupt does not end the wait
   * (the request is still in flight); the thread's interrupt status is restored on return.
   *
   * <p>The deadline is kept by the connection's timer (which unparks the caller), not by a timed
   * park: a virtual thread's timed park schedules and cancels a task in the JDK's delay
   * scheduler, waking its thread, on every request.
   */
  Object await(long deadlineNanos) {
    if (outcome == null && deadlineNanos != Long.MAX_VALUE && timer == null) {
      timeoutAt(deadlineNanos);
      if (outcome != null && outcome != TIMED_OUT) {
        timer.cancel(); // answered while we scheduled: complete() may not have seen the timer
      }
    }
    boolean interrupted = false;
    try {
      Object value;
      while ((value = outcome) == null) {
        if (deadlineNanos - System.nanoTime() <= 0) {
          if (OUTCOME.compareAndSet(this, null, TIMED_OUT)) {
            cancelInFlight();
            return TIMED_OUT;
          }
          continue;
        }
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
      return value;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
