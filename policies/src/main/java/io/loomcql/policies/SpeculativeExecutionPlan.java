package io.loomcql.policies;

import io.loomcql.node.Host;

/**
 * The speculative executions of one request, from {@link SpeculativeExecutionPolicy#newPlan} (the
 * Python driver's {@code cassandra.policies.SpeculativeExecutionPlan}). Holds the request's mutable
 * speculation state; it belongs to that request and need not be thread-safe (the core calls it
 * from one timer or thread at a time).
 */
public interface SpeculativeExecutionPlan {

  /**
   * How long to wait before the next speculative execution (Python: {@code next_execution(host)},
   * seconds or -1).
   *
   * @param lastTried the node the most recent execution was sent to; may be null if unknown
   * @return the delay in nanoseconds, zero or positive; or negative when there must be no further
   *     execution (then every later call is negative too)
   */
  long nextExecutionDelayNanos(Host lastTried);
}
