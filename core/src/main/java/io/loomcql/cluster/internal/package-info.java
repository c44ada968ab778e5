/**
 * The engine behind the {@code Cluster} and {@code Session} facades: not exported, so nothing
 * here is public API. Each part is a final class named for what it is, owned by one thread or
 * guarded by one lock (its class comment says which):
 *
 * <ul>
 *   <li>{@link io.loomcql.cluster.internal.ClusterConfig} — the options a cluster was built with;
 *   <li>{@link io.loomcql.cluster.internal.ClusterRuntime} — admin thread, callback executor,
 *       transport, connector; started by the first connect, stopped by close;
 *   <li>{@link io.loomcql.cluster.internal.NodeStateMonitor} — up/down, reconnection, conviction,
 *       node events;
 *   <li>{@link io.loomcql.cluster.internal.ExecutionProfiles} — profiles by name and the fan-out
 *       to their load-balancing policies, which see the cluster through {@link
 *       io.loomcql.cluster.internal.PolicyView};
 *   <li>{@link io.loomcql.cluster.internal.SchemaRefresh} — schema agreement and metadata
 *       refreshes, with {@link io.loomcql.cluster.internal.RefreshWindows} coalescing events;
 *   <li>{@link io.loomcql.cluster.internal.SessionPools}, {@link
 *       io.loomcql.cluster.internal.NodePool} — a session's connections, per node;
 *   <li>{@link io.loomcql.cluster.internal.SessionKeyspace}, {@link
 *       io.loomcql.cluster.internal.PreparedRegistry}, {@link
 *       io.loomcql.cluster.internal.ConcurrentExecution} — a session's keyspace, prepared
 *       statements and bounded concurrent execution.
 * </ul>
 */
package io.loomcql.cluster.internal;
