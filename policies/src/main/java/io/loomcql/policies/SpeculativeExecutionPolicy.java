package io.loomcql.policies;

import java.util.Objects;

/**
 * Decides whether, and when, to send a request again to another node while the first attempt is
 * still waiting for its answer (the Python driver's {@code
 * cassandra.policies.SpeculativeExecutionPolicy}). The default of {@code
 * ExecutionProfile.speculative_execution_policy} is {@link NoSpeculativeExecutionPolicy}.
 *
 * <h2>How the driver core uses it</h2>
 *
 * For each request the core calls {@link #planFor(SpeculativeExecutionPolicy, String,
 * RoutingInfo)}, which returns a plan with no execution unless the statement is idempotent, and
 * otherwise the policy's {@link #newPlan}. Once the first attempt is written, it asks the plan for
 * {@link SpeculativeExecutionPlan#nextExecutionDelayNanos(io.loomcql.node.Host)}; if that is zero
 * or more and shorter than the time left before the request's client timeout, it arms a timer
 * that, if the request is still not complete when it fires, sends the same message (same client
 * timestamp) to the next node of the same query plan, then asks the plan again. The first response
 * completes the request exactly once; the others are ignored (the Python driver 3.25 lacks that
 * guard: two responses may both complete its future).
 * A negative delay stops speculation for the request.
 *
 * <p>Only idempotent statements are speculated, as in Python: a speculative execution sends the
 * same request twice. The check lives in {@link #planFor}, so that a custom policy cannot forget
 * it; policies need not repeat it.
 *
 * <p>Policies are shared by all requests and must be thread-safe; plans belong to one request.
 */
public interface SpeculativeExecutionPolicy {

  /**
   * A new plan for one request (Python: {@code new_plan(keyspace, statement)}).
   *
   * @param keyspace the request's keyspace (the statement's, else the session's), or null
   * @param statement the statement, never null when called through {@link #planFor}
   * @return a new plan, never null, never shared between requests
   */
  SpeculativeExecutionPlan newPlan(String keyspace, RoutingInfo statement);

  /**
   * The plan for one request: {@code policy.newPlan(keyspace, statement)} if the statement is
   * idempotent, else a plan with no speculative execution (Python's {@code ResponseFuture} creates a
   * plan only {@code if query.is_idempotent}). This is where the idempotence check lives.
   *
   * @param policy the request's policy; not null
   * @param keyspace the request's keyspace, or null
   * @param statement the statement, or null (no statement, as for a PREPARE: no speculation)
   * @return the plan, never null
   */
  static SpeculativeExecutionPlan planFor(
      SpeculativeExecutionPolicy policy, String keyspace, RoutingInfo statement) {
    Objects.requireNonNull(policy, "policy");
    if (statement == null || !statement.isIdempotent()) {
      return NoSpeculativeExecutionPolicy.PLAN;
    }
    return Objects.requireNonNull(policy.newPlan(keyspace, statement),
        "SpeculativeExecutionPolicy.newPlan returned null");
  }
}
