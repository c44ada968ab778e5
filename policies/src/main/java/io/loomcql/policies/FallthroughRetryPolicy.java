package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;

/**
 * Never retries nor ignores: every failure is reported to the caller, who decides (the Python
 * driver's {@code cassandra.policies.FallthroughRetryPolicy}: "A retry policy that never retries
 * and always propagates failures to the application."). Thread-safe and stateless.
 */
public final class FallthroughRetryPolicy extends RethrowingTimeouts {

  /** The policy (Python: {@code FallthroughRetryPolicy()}). */
  public FallthroughRetryPolicy() {}

  /** Always {@code RETHROW}. */
  @Override
  public RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
      DriverException error, int retryNum) {
    return RetryDecision.RETHROW;
  }
}
