package io.loomcql.transport.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/** A task scheduled on an {@link EventLoop}; {@link #cancel()} is safe from any thread. */
public final class Timeout implements Comparable<Timeout> {

  private final long deadlineNanos;
  private final Runnable task;
  private final AtomicBoolean done = new AtomicBoolean();

  Timeout(long deadlineNanos, Runnable task) {
    this.deadlineNanos = deadlineNanos;
    this.task = task;
  }

  /** Prevents the task from running; returns false if it already ran or was cancelled. */
  public boolean cancel() {
    return done.compareAndSet(false, true);
  }

  boolean isCancelled() {
    return done.get();
  }

  /** Claims the right to run the task. */
  boolean fire() {
    return done.compareAndSet(false, true);
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  Runnable task() {
    return task;
  }

  @Override
  public int compareTo(Timeout other) {
    return Long.compare(deadlineNanos, other.deadlineNanos);
  }
}
