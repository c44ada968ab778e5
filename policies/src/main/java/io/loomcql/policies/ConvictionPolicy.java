package io.loomcql.policies;

/**
 * Decides whether a connection failure marks its node down (the Python driver's {@code
 * cassandra.policies.ConvictionPolicy}). The driver keeps one instance per node, made by {@code
 * Cluster.conviction_policy_factory}, whose Python default is {@link SimpleConvictionPolicy}.
 *
 * <p>Implementations may be called from several threads at once (connections of the same node fail
 * independently) and must be thread-safe.
 */
public interface ConvictionPolicy {

  /**
   * Records a failure of a connection to this policy's node (Python: {@code
   * add_failure(connection_exc)}).
   *
   * @param error what went wrong; not null
   * @return {@code true} if the node should now be considered down
   */
  boolean addFailure(Throwable error);

  /**
   * Forgets all failures recorded so far, for example once the node is back up (Python: {@code
   * reset()}).
   */
  void reset();
}
