package io.loomcql.policies;

import java.time.Duration;
import java.util.Optional;

/**
 * The delays of one reconnection effort, produced by {@link ReconnectionPolicy#newSchedule()} (the
 * iterator over the Python driver's {@code new_schedule()}).
 *
 * <p>A schedule holds mutable backoff state and belongs to the one reconnection handler that asked
 * for it; it need not be thread-safe. The handler calls {@link #nextDelay()} once before each
 * attempt; when the schedule is exhausted the driver stops reconnecting to that node (Python logs
 * "Will not continue to retry reconnection attempts due to an exhausted retry schedule") until the
 * node is seen up again by other means (a server UP event or a topology refresh).
 */
public interface ReconnectionSchedule {

  /**
   * The delay to wait before the next reconnection attempt.
   *
   * @return the next delay (zero or positive), or empty when the schedule is exhausted; once empty,
   *     every later call is empty too
   */
  Optional<Duration> nextDelay();
}
