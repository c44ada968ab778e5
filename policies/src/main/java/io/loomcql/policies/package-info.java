/**
 * The driver's pluggable policies, the Java rendering of the Python driver's {@code
 * cassandra.policies}.
 *
 * <ul>
 *   <li>Load balancing ({@link io.loomcql.policies.LoadBalancingPolicy}): {@link
 *       io.loomcql.policies.RoundRobinPolicy}, {@link io.loomcql.policies.DCAwareRoundRobinPolicy},
 *       {@link io.loomcql.policies.TokenAwarePolicy}, {@link io.loomcql.policies.HostFilterPolicy},
 *       {@link io.loomcql.policies.WhiteListRoundRobinPolicy}; the default is {@link
 *       io.loomcql.policies.LoadBalancingPolicy#defaultPolicy()}. Node distances: {@link
 *       io.loomcql.policies.HostDistance}.
 *   <li>Retry ({@link io.loomcql.policies.RetryPolicy} deciding a {@link
 *       io.loomcql.policies.RetryDecision}): {@link io.loomcql.policies.DefaultRetryPolicy} (Python's
 *       {@code RetryPolicy()}), {@link io.loomcql.policies.FallthroughRetryPolicy}, {@link
 *       io.loomcql.policies.NeverRetryPolicy}, {@link
 *       io.loomcql.policies.DowngradingConsistencyRetryPolicy}.
 *   <li>Speculative execution ({@link io.loomcql.policies.SpeculativeExecutionPolicy} making a
 *       per-request {@link io.loomcql.policies.SpeculativeExecutionPlan}): {@link
 *       io.loomcql.policies.NoSpeculativeExecutionPolicy}, {@link
 *       io.loomcql.policies.ConstantSpeculativeExecutionPolicy}.
 *   <li>Reconnection ({@link io.loomcql.policies.ReconnectionPolicy} making a per-node {@link
 *       io.loomcql.policies.ReconnectionSchedule}): {@link
 *       io.loomcql.policies.ConstantReconnectionPolicy}, {@link
 *       io.loomcql.policies.ExponentialReconnectionPolicy}.
 *   <li>Conviction ({@link io.loomcql.policies.ConvictionPolicy}): {@link
 *       io.loomcql.policies.SimpleConvictionPolicy}.
 *   <li>Address translation ({@link io.loomcql.policies.AddressTranslator}): {@link
 *       io.loomcql.policies.IdentityTranslator}, {@link
 *       io.loomcql.policies.EC2MultiRegionTranslator}.
 *   <li>What the driver core provides to policies: {@link io.loomcql.policies.ClusterView} (the
 *       cluster), {@link io.loomcql.policies.RoutingInfo} (the statement) and the {@link
 *       io.loomcql.policies.HostStateListener} calls.
 * </ul>
 */
package io.loomcql.policies;
