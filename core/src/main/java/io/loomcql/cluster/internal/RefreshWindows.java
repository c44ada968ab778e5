package io.loomcql.cluster.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Coalesces bursts of server events into one refresh each: a refresh runs on the admin thread
 * after a random delay within its window, and events arriving meanwhile for the same key join
 * it. The pending map is concurrent: keys are added by the event thread and removed by the admin
 * thread as each refresh starts.
 */
public final class RefreshWindows {

  private final ClusterRuntime runtime;
  private final Map<String, Future<?>> pending = new ConcurrentHashMap<>();

  public RefreshWindows(ClusterRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Runs {@code refresh} after a random delay in [0, window) — coalescing a burst of events into
   * one refresh — immediately for a zero window, never for a negative one.
   */
  public void refreshLater(String key, Duration window, Runnable refresh) {
    if (window.isNegative() || runtime.isShutdown()) {
      return;
    }
    Duration delay =
        window.isZero() ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(window.toNanos()));
    pending.computeIfAbsent(
        key,
        k ->
            runtime.admin().schedule(
                () -> {
                  pending.remove(k);
                  refresh.run();
                },
                delay));
  }
}
