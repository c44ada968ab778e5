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
public final class NeverRetryPolicy implements RetryPolicy {

  /** The policy (Python: {@code NeverRetryPolicy()}). */
  public NeverRetryPolicy() {}

  /** Always {@code RETHROW}. */
  @Override
  public RetryDecision onReadTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredResponses, int receivedResponses, boolean dataRetrieved, int retryNum) {
    return RetryDecision.RETHROW;
  }

  /** Always {@code RETHROW}. */
  @Override
  public RetryDecision onWriteTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      WriteType writeType, int requiredResponses, int receivedResponses, int retryNum) {
    return RetryDecision.RETHROW;
  }

  /** Always {@code RETHROW}. */
  @Override
  public RetryDecision onUnavailable(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredReplicas, int aliveReplicas, int retryNum) {
    return RetryDecision.RETHROW;
  }

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

  @Override
  public String toString() {
    return "NeverRetryPolicy()";
  }
}
