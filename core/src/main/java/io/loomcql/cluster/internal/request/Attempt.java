package io.loomcql.cluster.internal.request;

import io.loomcql.node.Host;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.wire.Frame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One try of a request on one connection, and the hand-off of its outcome (a response {@link
 * Frame} or an error) from the I/O thread to whoever continues the request: the caller's thread,
 * parked in {@link BlockingRequest} or {@link DirectRequests} (it is unparked), or a step of an
 * {@link AsyncRequest} on the callback executor. The first outcome wins; later ones are ignored.
 *
 * <p>Whether the request may have reached the node: a request the connection refused at once
 * ({@code send} returned null: closed or too busy) was never written, so any statement may be
 * sent elsewhere ({@link #notSent()}). In async mode the outcome of such a request can arrive
 * while {@code send} is still running; the {@code phase} CAS makes the continuation run only once
 * {@link #sent} has recorded that, whichever comes first.
 */
final class Attempt implements ResponseCallback, Runnable {

  /** What {@link #await} returns when the deadline passed first. */
  static final Object TIMED_OUT = new Object();

  private static final int SENDING = 0;
  private static final int SENT = 1;
  private static final int COMPLETED_WHILE_SENDING = 2;

  private static final VarHandle OUTCOME;
  private static final VarHandle PHASE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      OUTCOME = lookup.findVarHandle(Attempt.class, "outcome", Object.class);
      PHASE = lookup.findVarHandle(Attempt.class, "phase", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Host host;
  final Connection connection;
  /** Whether this attempt is the PREPARE sent to re-prepare the statement on this node. */
  final boolean reprepare;
  private final Thread waiter;
  // Async only: the request whose step runs on the callback executor (and this attempt is that task).
  private final AsyncRequest owner;
  private volatile Object outcome;
  private volatile int phase;
  private volatile InFlightRequest inFlight;
  private volatile boolean notSent;

  /** An attempt whose outcome unparks the current thread. */
  static Attempt blocking(Host host, Connection connection, boolean reprepare) {
    return new Attempt(host, connection, reprepare, Thread.currentThread(), null);
  }

  /** An attempt on {@code connection}, outside any query plan, that the current thread will {@link #await}. */
  static Attempt blocking(Connection connection) {
    return new Attempt(null, connection, false, Thread.currentThread(), null);
  }

  /** An attempt whose outcome runs a step of {@code request} on its callback executor. */
  static Attempt async(Host host, Connection connection, boolean reprepare, AsyncRequest request) {
    return new Attempt(host, connection, reprepare, null, request);
  }

  private Attempt(
      Host host, Connection connection, boolean reprepare, Thread waiter, AsyncRequest request) {
    this.host = host;
    this.connection = connection;
    this.reprepare = reprepare;
    this.waiter = waiter;
    this.owner = request;
  }

  /** Records what {@code Connection.send} returned (null: refused at once, nothing written). */
  void sent(InFlightRequest request) {
    this.inFlight = request;
    if (request == null) {
      notSent = true;
    }
    if (!PHASE.compareAndSet(this, SENDING, SENT) && owner != null) {
      owner.executor().execute(this);
    }
  }

  /** The response frame, the error, or null while pending. */
  Object outcome() {
    return outcome;
  }

  /** Whether the request certainly never reached the node. Valid once the outcome is known. */
  boolean notSent() {
    return notSent;
  }

  @Override
  public void onResponse(Frame frame) {
    complete(frame);
  }

  @Override
  public void onFailure(Throwable error) {
    complete(error);
  }

  /**
   * The request's deadline passed with no outcome: the waiting caller wakes (and finds the
   * deadline passed), or the continuation runs with no outcome yet, which means the same.
   */
  @Override
  public void onDeadline() {
    if (outcome != null) {
      return;
    }
    if (waiter != null) {
      LockSupport.unpark(waiter);
    } else {
      owner.executor().execute(this);
    }
  }

  /**
   * Runs the request's step (async mode, on the callback executor): for the outcome, or, while
   * {@link #outcome()} is still null, because the deadline passed.
   */
  @Override
  public void run() {
    owner.onAttempt(this);
  }

  private void complete(Object value) {
    if (!OUTCOME.compareAndSet(this, null, value)) {
      return;
    }
    if (waiter != null) {
      LockSupport.unpark(waiter);
    } else if (!PHASE.compareAndSet(this, SENDING, COMPLETED_WHILE_SENDING)) {
      owner.executor().execute(this);
    }
  }

  /**
   * Parks the calling thread until the outcome arrives or {@code deadlineNanos} passes (then
   * returns {@link #TIMED_OUT}, having abandoned the request). An interrupt does not end the wait
   * (the request is still in flight); the thread's interrupt status is restored on return.
   */
  Object await(long deadlineNanos) {
    boolean interrupted = false;
    try {
      Object value;
      while ((value = outcome) == null) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          if (OUTCOME.compareAndSet(this, null, TIMED_OUT)) {
            cancel();
            return TIMED_OUT;
          }
          continue;
        }
        LockSupport.parkNanos(this, left);
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

  /**
   * Abandons the attempt (another one won, or the request timed out): a request still queued is
   * dropped, one written is orphaned (its stream id stays reserved until the server answers).
   */
  void cancel() {
    InFlightRequest request = inFlight;
    if (request != null) {
      request.cancel();
    }
  }
}
