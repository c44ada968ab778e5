package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;

/**
 * What to do after a failed attempt, as a {@link RetryPolicy} decides it (the Python driver's
 * {@code (retry_type, consistency)} pairs with {@code RetryPolicy.RETRY = 0, RETHROW = 1, IGNORE =
 * 2, RETRY_NEXT_HOST = 3}). A closed set of immutable values, so the driver core switches over it
 * exhaustively:
 *
 * <pre>{@code
 * switch (decision) {
 *   case RetryDecision.RetrySameHost retry -> ... // same node, retry.consistency() if not null
 *   case RetryDecision.RetryNextHost retry -> ... // next node of the same plan
 *   case RetryDecision.Rethrow rethrow -> ...     // fail the request with the error
 *   case RetryDecision.Ignore ignore -> ...       // succeed with an empty result
 * }
 * }</pre>
 *
 * Values are compared with {@code equals}; the constants {@link #RETRY_SAME_HOST}, {@link
 * #RETRY_NEXT_HOST}, {@link #RETHROW} and {@link #IGNORE} are the common ones.
 */
public sealed interface RetryDecision {

  /** Retry on the same node at the same consistency level (Python: {@code (RETRY, None)}). */
  RetryDecision RETRY_SAME_HOST = new RetrySameHost(null);

  /** Retry on the next node of the plan at the same level (Python: {@code (RETRY_NEXT_HOST, None)}). */
  RetryDecision RETRY_NEXT_HOST = new RetryNextHost(null);

  /** Give up: the request fails with the error (Python: {@code (RETHROW, None)}). */
  RetryDecision RETHROW = new Rethrow();

  /**
   * Give up silently: the request succeeds with an empty result (Python: {@code (IGNORE, None)}; the
   * {@code ignores} metric counts it).
   */
  RetryDecision IGNORE = new Ignore();

  /**
   * Retry on the same node (Python: {@code RETRY}).
   *
   * @param consistency the level to retry at, or null to keep the request's level
   * @return the decision
   */
  static RetryDecision retrySameHost(ConsistencyLevel consistency) {
    return consistency == null ? RETRY_SAME_HOST : new RetrySameHost(consistency);
  }

  /**
   * Retry on the next node of the query plan (Python: {@code RETRY_NEXT_HOST}).
   *
   * @param consistency the level to retry at, or null to keep the request's level
   * @return the decision
   */
  static RetryDecision retryNextHost(ConsistencyLevel consistency) {
    return consistency == null ? RETRY_NEXT_HOST : new RetryNextHost(consistency);
  }

  /** {@return whether this decision sends the request again (same or next node)} */
  default boolean isRetry() {
    return this instanceof RetrySameHost || this instanceof RetryNextHost;
  }

  /**
   * Send the request again to the node that failed it; the core may use another connection of that
   * node. The retry counts against the request's retry number.
   *
   * @param consistency the level to retry at, or null to keep the request's level (Python
   *     overwrites {@code message.consistency_level} only when not None)
   */
  record RetrySameHost(ConsistencyLevel consistency) implements RetryDecision {}

  /**
   * Send the request again to the next node of the same query plan (never one already tried); if
   * the plan is exhausted the request fails with {@code NoHostAvailableException} listing the errors
   * per node.
   *
   * @param consistency the level to retry at, or null to keep the request's level
   */
  record RetryNextHost(ConsistencyLevel consistency) implements RetryDecision {}

  /** Fail the request with the error that was reported. */
  record Rethrow() implements RetryDecision {}

  /** Complete the request successfully with an empty result, as if the server had answered VOID. */
  record Ignore() implements RetryDecision {}
}
