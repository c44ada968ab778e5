package io.loomcql.policies;

/**
 * Never sends a request speculatively (the Python driver's {@code
 * cassandra.policies.NoSpeculativeExecutionPolicy}, the default of {@code
 * ExecutionProfile.speculative_execution_policy}). Its plans always answer -1.
 */
public final class NoSpeculativeExecutionPolicy implements SpeculativeExecutionPolicy {

  /** The plan with no execution (Python: {@code NoSpeculativeExecutionPlan}); stateless, shared. */
  static final SpeculativeExecutionPlan PLAN = lastTried -> -1L;

  /** The policy (Python: {@code NoSpeculativeExecutionPolicy()}). */
  public NoSpeculativeExecutionPolicy() {}

  /** A plan whose {@code nextExecutionDelayNanos} is always -1. */
  @Override
  public SpeculativeExecutionPlan newPlan(String keyspace, RoutingInfo statement) {
    return PLAN;
  }

  @Override
  public String toString() {
    return "NoSpeculativeExecutionPolicy()";
  }
}
