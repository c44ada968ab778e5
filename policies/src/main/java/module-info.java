/**
 * The driver's pluggable policies (the Python driver's {@code cassandra.policies}): load balancing,
 * retry, speculative execution, reconnection, conviction and address translation, plus the
 * interfaces through which the driver core tells them about the cluster ({@link
 * io.loomcql.policies.ClusterView}, {@link io.loomcql.policies.RoutingInfo}, {@link
 * io.loomcql.policies.HostStateListener}).
 *
 * <p>Depends on {@code io.loomcql.protocol} only (for {@code io.loomcql.node.Host}, {@code
 * ConsistencyLevel} and the exception tree), which it re-exports to its users.
 */
module io.loomcql.policies {
  requires transitive io.loomcql.protocol;
  requires org.slf4j;

  exports io.loomcql.policies;
}
