package io.loomcql.transport.internal;

import io.loomcql.transport.spi.Timeout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A task scheduled on a {@link TimerWheel}; {@link #cancel()} is safe and cheap from any thread (a
 * CAS and a lock-free enqueue: the wheel's owner unlinks the entry on its next turn, so cancelled
 * entries never pile up).
 */
final class WheelTimeout implements Timeout {

  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int EXPIRED = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(WheelTimeout.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final long deadlineNanos;
  private final TimerWheel wheel;
  private volatile int state;
  // Dropped on cancel so a cancelled entry retains nothing while it waits to be unlinked.
  private volatile Runnable task;

  // Set by the thread that offers this timeout to the wheel, read by the owner after taking it.
  WheelTimeout nextOffer;

  // Wheel owner's thread only.
  WheelTimeout prev;
  WheelTimeout next;
  int bucket = -1;
  long rounds;

  WheelTimeout(TimerWheel wheel, long deadlineNanos, Runnable task) {
    this.wheel = wheel;
    this.deadlineNanos = deadlineNanos;
    this.task = task;
  }

  /** Prevents the task from running; returns false if it already ran or was cancelled. */
  @Override
  public boolean cancel() {
    if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
      return false;
    }
    task = null;
    wheel.cancelled(this);
    return true;
  }

  @Override
  public boolean isCancelled() {
    return state == CANCELLED;
  }

  /** Whether the task ran (or is running). */
  @Override
  public boolean isExpired() {
    return state == EXPIRED;
  }

  /** Claims the right to run the task; null if it was cancelled. */
  Runnable fire() {
    Runnable t = task;
    return STATE.compareAndSet(this, PENDING, EXPIRED) ? t : null;
  }
}
