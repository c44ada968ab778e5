package io.loomcql.it.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling waits for conditions the driver reaches asynchronously (node down/up, refreshes). */
final class Waits {

  private Waits() {}

  static void until(Duration atMost, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + atMost.toSeconds() + " s: " + what);
      }
      sleep();
    }
  }

  /** Retries {@code assertion} until it passes or the time is up (then its last failure is thrown). */
  static void untilAsserted(Duration atMost, Runnable assertion) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
