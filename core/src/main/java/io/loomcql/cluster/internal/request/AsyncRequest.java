package io.loomcql.cluster.internal.request;

import io.loomcql.cluster.ResponseFuture;
import io.loomcql.node.Host;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.query.Statement;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.Timeout;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The async driver of a {@link RequestExecution}: its steps run as tasks on the callback executor
 * (an attempt's outcome, the speculative execution timer, the deadline passing), serialized by
 * {@link #lock}, never on an I/O thread; the request completes its {@link ResponseFuture} outside
 * the lock, after any schema agreement wait or keyspace change the answer asks for.
 */
public final class AsyncRequest extends RequestExecution {

  private final ResponseFuture future;
  private final Executor executor;
  /** Serializes the steps; guards the request's state. */
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private Timeout speculationTimer;

  /**
   * A request for one page of {@code statement} ({@code pagingState} null for the first) that
   * completes {@code future}; {@code timeoutMillis} 0 or less for no client deadline. Nothing is
   * sent before {@link #start()}.
   */
  public AsyncRequest(
      RequestContext context, Statement statement, RoutingInfo routing, RequestTemplate template,
      ByteBuffer pagingState, long timeoutMillis, ResponseFuture future) {
    super(context, statement, routing, template, pagingState, timeoutMillis);
    this.future = future;
    this.executor = context.callbackExecutor();
  }

  /** Sends the first execution (on the calling thread); the rest happens on the executor. */
  public void startAsync() {
    RuntimeException error = null;
    lock.lock();
    try {
      if (future.isDone()) {
        // cancelled before it started (by a request-init listener)
        end();
        return;
      }
      start();
    } catch (RuntimeException e) {
      error = fail(e);
    } finally {
      lock.unlock();
    }
    if (error != null) {
      context.fail(future, error);
    }
  }

  /**
   * Stops the request: the attempts in flight are cancelled (a queued one is dropped, a written
   * one's stream id stays reserved until the server answers, then is freed), no retry or
   * speculative execution follows, and nothing completes the future but the caller of this
   * method. Does nothing once the request has ended.
   */
  public void cancel() {
    lock.lock();
    try {
      fail(new CancellationException("The request was cancelled"));
    } finally {
      lock.unlock();
    }
  }

  Executor executor() {
    return executor;
  }

  /** A step: {@code attempt}'s outcome arrived, or (no outcome yet) its deadline passed. */
  void onAttempt(Attempt attempt) {
    Outcome outcome = Outcome.CONTINUE;
    RuntimeException error = null;
    lock.lock();
    try {
      if (done) {
        return;
      }
      if (attempt.outcome() == null) {
        if (deadlinePassed()) {
          error = fail(timedOut());
        }
      } else {
        removeRunning(attempt);
        outcome = onOutcome(attempt);
        if (outcome != Outcome.CONTINUE) {
          end();
        } else if (oldestRunning() == null) {
          throw noHostAvailable();
        }
      }
    } catch (RuntimeException e) {
      error = fail(e);
    } finally {
      lock.unlock();
    }
    finishStep(outcome, error);
  }

  /** Outside the lock: completes the future when the step ended the request. */
  private void finishStep(Outcome outcome, RuntimeException error) {
    if (error != null) {
      context.fail(future, error);
    } else if (outcome != Outcome.CONTINUE) {
      try {
        complete(outcome);
      } catch (RuntimeException e) {
        context.fail(future, e);
        return;
      }
      context.succeed(future, result);
    }
  }

  /** A step: the next speculative execution is due. */
  private void onSpeculationTimer() {
    RuntimeException error = null;
    lock.lock();
    try {
      if (!done) {
        speculate();
      }
    } catch (RuntimeException e) {
      error = fail(e);
    } finally {
      lock.unlock();
    }
    if (error != null) {
      context.fail(future, error);
    }
  }

  @Override
  Attempt newAttempt(Host host, Connection connection, boolean reprepare) {
    return Attempt.async(host, connection, reprepare, this);
  }

  @Override
  boolean waitsForRoom() {
    return false;
  }

  @Override
  void speculationScheduled(Connection on, long delayNanos) {
    speculationTimer =
        on.timer().schedule(() -> executor.execute(this::onSpeculationTimer), delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  void cancelTimers() {
    if (speculationTimer != null) {
      speculationTimer.cancel();
    }
  }
}
