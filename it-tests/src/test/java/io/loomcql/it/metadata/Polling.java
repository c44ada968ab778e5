package io.loomcql.it.metadata;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls for what the driver reaches asynchronously (schema refreshes after events). */
final class Polling {

  private Polling() {}

  /** Waits until {@code condition} holds; returns how long it took; fails after {@code atMost}. */
  static Duration until(Duration atMost, String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + atMost.toMillis() + " ms: " + what);
      }
      sleep(20);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
