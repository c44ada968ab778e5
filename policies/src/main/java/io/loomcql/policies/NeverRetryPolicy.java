package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;

/**
 * Never retries timeouts nor unavailable errors, but moves to the next node after a request error
 * like the default policy (the Python driver's {@code cassandra.policies.NeverRetryPolicy}, which
 * overrides the three timeout/unavailable methods to re-raise and inherits {@code
 * on_request_error} from {@code RetryPolicy}). Use {@link FallthroughRetryPolicy} to never retry at
 * all.
 *
 * <p>Request errors follow {@link DefaultRetryPolicy#onRequestError}: {@code RETRY_NEXT_HOST} for
 * an idempotent statement (or a PREPARE, or a bootstrapping node), {@code RETHROW} otherwise.
 * Thread-safe and stateless.
 */
public final class NeverRetryPolicy extends RethrowingTimeouts {

  /** The policy (Python: {@code NeverRetryPolicy()}). */
  public NeverRetryPolicy() {}

  /**
   * {@code RETRY_NEXT_HOST} if the statement is idempotent or absent or the error is {@code
   * IsBootstrappingException}; else {@code RETHROW}.
   */
  @Override
  public RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
      DriverException error, int retryNum) {
    return DefaultRetryPolicy.mayRetryAfter(statement, error)
        ? RetryDecision.RETRY_NEXT_HOST
        : RetryDecision.RETHROW;
  }
}
