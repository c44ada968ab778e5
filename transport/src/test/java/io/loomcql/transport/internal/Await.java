package io.loomcql.transport.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for what another thread reaches (a count, a state): the bound is a hang guard, far
 * above what the event takes on a busy machine, and running past it fails the test naming what
 * never happened.
 */
final class Await {

  private static final Duration DEFAULT = Duration.ofSeconds(10);

  private Await() {}

  /** Waits until {@code condition} holds, at most 10 s. */
  static void until(String what, BooleanSupplier condition) {
    until(DEFAULT, what, condition);
  }

  /** Waits until {@code condition} holds, looking every millisecond. */
  static void until(Duration atMost, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Not true within " + atMost.toMillis() + " ms: " + what);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }

  /** Waits until {@code thread} is parked or waiting (blocked on a lock or condition). */
  static void parked(Thread thread) {
    until(thread + " waiting", () -> {
      Thread.State state = thread.getState();
      return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    });
  }
}
