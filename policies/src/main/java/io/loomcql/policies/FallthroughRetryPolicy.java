package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;

/**
 * Never retries nor ignores: every failure is reported to the caller, who decides (the Python
 * driver's {@code cassandra.policies.FallthroughRetryPolicy}: "A retry policy that never retries
 * and always propagates failures to the application."). Thread-safe and stateless.
 */
public final class FallthroughRetryPolicy implements RetryPolicy {

  /** The policy (Python: {@code FallthroughRetryPolicy()}). */
  public FallthroughRetryPolicy() {}

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

  /** Always {@code RETHROW}. */
  @Override
  public RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
      DriverException error, int retryNum) {
    return RetryDecision.RETHROW;
  }

  @Override
  public String toString() {
    return "FallthroughRetryPolicy()";
  }
}
