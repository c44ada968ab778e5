package io.loomcql.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polling waits for what the driver reaches asynchronously (a node marked down or up, a schema
 * refresh, a pool resized), and sleeps to a point of a test's timeline. An interrupt fails the
 * test (with the interrupt flag restored) rather than being a checked exception at every call.
 */
public final class Waits {

  /** How often {@link #until} looks: fine enough for the durations it returns to be figures. */
  private static final long POLL_MILLIS = 20;
  /** How often {@link #untilAsserted} tries: its assertions may send queries. */
  private static final long ASSERT_EVERY_MILLIS = 100;

  private Waits() {}

  /**
   * Waits until {@code condition} holds, looking every 20 ms.
   *
   * @return how long it took
   * @throws AssertionError naming {@code what} if it does not hold within {@code atMost}
   */
  public static Duration until(Duration atMost, String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + atMost.toMillis() + " ms: " + what);
      }
      sleep(POLL_MILLIS);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Retries {@code assertion} until it passes or the time is up (then its last failure is thrown). */
  public static void untilAsserted(Duration atMost, Runnable assertion) {
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
      sleep(ASSERT_EVERY_MILLIS);
    }
  }

  /** Sleeps until {@code offset} after {@code startNanos} (a {@link System#nanoTime()}); at once if past. */
  public static void sleepUntil(long startNanos, Duration offset) {
    long wait = startNanos + offset.toNanos() - System.nanoTime();
    if (wait > 0) {
      sleep(Duration.ofNanos(wait));
    }
  }

  public static void sleep(long millis) {
    sleep(Duration.ofMillis(millis));
  }

  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
