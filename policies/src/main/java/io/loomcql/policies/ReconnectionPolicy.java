package io.loomcql.policies;

/**
 * Decides how long to wait between attempts to reconnect to a node that is down (the Python
 * driver's {@code cassandra.policies.ReconnectionPolicy}).
 *
 * <p>The policy itself is shared by all nodes and holds no per-node state: each time a node goes
 * down the driver asks for a {@linkplain #newSchedule() new schedule}, which holds the backoff state
 * of that one reconnection effort. Python's {@code Cluster.reconnection_policy} defaults to {@code
 * ExponentialReconnectionPolicy(1.0, 600.0)} (see {@link ExponentialReconnectionPolicy}).
 *
 * <p>Implementations must be thread-safe: schedules for different nodes are created concurrently.
 */
public interface ReconnectionPolicy {

  /**
   * A fresh schedule of delays for one reconnection effort (Python: {@code new_schedule()}, which
   * returns an iterable of delays in seconds).
   *
   * @return a new schedule, never {@code null}; never shared between two reconnection efforts
   */
  ReconnectionSchedule newSchedule();
}
