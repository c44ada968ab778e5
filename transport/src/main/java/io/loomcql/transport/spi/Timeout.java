package io.loomcql.transport.spi;

/**
 * A task scheduled on a {@link Timer}. {@link #cancel()} is safe and cheap from any thread.
 */
public interface Timeout {

  /** Prevents the task from running; returns false if it already ran or was cancelled. */
  boolean cancel();

  /** Whether {@link #cancel()} stopped the task. */
  boolean isCancelled();

  /** Whether the task ran (or is running). */
  boolean isExpired();
}
