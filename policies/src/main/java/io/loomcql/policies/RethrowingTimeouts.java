package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;

/**
 * What {@link FallthroughRetryPolicy} and {@link NeverRetryPolicy} have in common: read and write
 * timeouts and unavailable errors are always rethrown. They differ only in {@link
 * #onRequestError}, which each defines. Stateless.
 */
abstract sealed class RethrowingTimeouts implements RetryPolicy
    permits FallthroughRetryPolicy, NeverRetryPolicy {

  RethrowingTimeouts() {}

  /** Always {@code RETHROW}. */
  @Override
  public final RetryDecision onReadTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredResponses, int receivedResponses, boolean dataRetrieved, int retryNum) {
    return RetryDecision.RETHROW;
  }

  /** Always {@code RETHROW}. */
  @Override
  public final RetryDecision onWriteTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      WriteType writeType, int requiredResponses, int receivedResponses, int retryNum) {
    return RetryDecision.RETHROW;
  }

  /** Always {@code RETHROW}. */
  @Override
  public final RetryDecision onUnavailable(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredReplicas, int aliveReplicas, int retryNum) {
    return RetryDecision.RETHROW;
  }

  /** {@return the policy's class name and {@code ()}, as the Python driver's repr} */
  @Override
  public final String toString() {
    return getClass().getSimpleName() + "()";
  }
}
