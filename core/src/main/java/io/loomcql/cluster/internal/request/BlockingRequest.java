package io.loomcql.cluster.internal.request;

import io.loomcql.cluster.ResultSet;
import io.loomcql.node.Host;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.query.Statement;
import io.loomcql.transport.internal.IoThreads;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.Timeout;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The blocking driver of a {@link RequestExecution}: every step runs on the caller's thread,
 * which parks once per wait and is unparked by whichever attempt answers first, by the timer for
 * the next speculative execution, or by a connection carrying an attempt when the deadline
 * passes. No other thread touches the request's state. On a virtual thread the wait frees its
 * carrier.
 */
public final class BlockingRequest extends RequestExecution implements Runnable {

  private Thread caller;
  // The timer that unparks the caller at wakeTimerAt (its task is this request).
  private Timeout wakeTimer;
  private long wakeTimerAt;

  /**
   * A request for one page of {@code statement} ({@code pagingState} null for the first), or for
   * a PREPARE ({@code routing} null); {@code timeoutMillis} 0 or less for no client deadline.
   */
  public BlockingRequest(
      RequestContext context, Statement statement, RoutingInfo routing, RequestTemplate template,
      ByteBuffer pagingState, long timeoutMillis) {
    super(context, statement, routing, template, pagingState, timeoutMillis);
  }

  /** Runs the request on the calling thread and returns its page of results. */
  public ResultSet execute() {
    complete(await());
    return result;
  }

  /** Runs a PREPARE on the calling thread and returns the node's answer. */
  public Prepared prepare() {
    complete(await());
    return prepared;
  }

  /**
   * Fails when called on a driver I/O thread, where blocking would stall every connection that
   * thread serves.
   */
  public static void checkNotIoThread() {
    String ioThread = IoThreads.currentName();
    if (ioThread != null) {
      throw new IllegalStateException(
          "Blocking call on driver I/O thread " + ioThread + ": it would stall every "
              + "connection that thread serves. Use the async API in callbacks that run there.");
    }
  }

  /** Takes steps until one answers (the request has ended then) or the request fails (thrown). */
  private Outcome await() {
    checkNotIoThread();
    caller = Thread.currentThread();
    boolean interrupted = false;
    try {
      start();
      while (true) {
        Attempt answered;
        while ((answered = takeAnswered()) != null) {
          Outcome outcome = onOutcome(answered);
          if (outcome != Outcome.CONTINUE) {
            end();
            return outcome;
          }
        }
        long now = context.nanoTime();
        if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
          throw timedOut();
        }
        if (nextSpeculationNanos != Long.MAX_VALUE && now - nextSpeculationNanos >= 0) {
          speculate();
          continue;
        }
        if (oldestRunning() == null) {
          throw noHostAvailable();
        }
        armWakeTimer(now);
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
    } catch (RuntimeException e) {
      throw fail(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The connections carrying the attempts wake the caller at the deadline ({@link
   * Attempt#onDeadline}); the timer of the first one wakes it for the next speculative execution.
   * A timed park would schedule and cancel a task in the JDK's delay scheduler, and wake its
   * thread, on every request.
   */
  private void armWakeTimer(long now) {
    long wakeAt = nextSpeculationNanos;
    if (wakeAt != Long.MAX_VALUE && (wakeTimer == null || wakeTimerAt != wakeAt)) {
      if (wakeTimer != null) {
        wakeTimer.cancel();
      }
      wakeTimerAt = wakeAt;
      wakeTimer =
          oldestRunning().connection.timer().schedule(this, Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * On the timer's thread: the next speculative execution is due, so the caller wakes up to act
   * on it (a spurious wake-up is harmless: the caller re-checks).
   */
  @Override
  public void run() {
    LockSupport.unpark(caller);
  }

  @Override
  Attempt newAttempt(Host host, Connection connection, boolean reprepare) {
    return Attempt.blocking(host, connection, reprepare);
  }

  @Override
  boolean waitsForRoom() {
    return true;
  }

  @Override
  void speculationScheduled(Connection on, long delayNanos) {
    // the loop arms the wake timer before it parks
  }

  @Override
  void cancelTimers() {
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
  }
}
