package io.loomcql.cluster.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which a cluster changes its own state: node up/down/add/remove, control
 * connection moves, refreshes after server events, reconnection attempts. Serial by construction,
 * so that state needs no locks; never a request path.
 */
public final class AdminExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(AdminExecutor.class);

  private final ScheduledThreadPoolExecutor executor;

  public AdminExecutor(String name) {
    executor =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name(name).daemon(true).factory());
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  public void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  /** Runs {@code task} after {@code delay}; silently dropped once shut down. */
  public Future<?> schedule(Runnable task, Duration delay) {
    try {
      return executor.schedule(
          () -> {
            try {
              task.run();
            } catch (Throwable t) {
              LOG.error("Cluster admin task failed", t);
            }
          },
          Math.max(0, delay.toNanos()),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      return CompletableFuture.completedFuture(null);
    }
  }

  public void shutdown() {
    executor.shutdownNow();
  }
}
