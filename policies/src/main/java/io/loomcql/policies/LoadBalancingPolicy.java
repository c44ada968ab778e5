package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.Collection;
import java.util.Iterator;

/**
 * Decides which nodes a request goes to, and in which order (the Python driver's {@code
 * cassandra.policies.LoadBalancingPolicy}). It also decides each node's {@link HostDistance},
 * which tells the driver whether to open connections to the node at all.
 *
 * <p>The Python driver's default, {@code Cluster.load_balancing_policy} and the default profile's
 * {@code load_balancing_policy}, is {@code TokenAwarePolicy(DCAwareRoundRobinPolicy())}: see
 * {@link #defaultPolicy()}.
 *
 * <h2>Life cycle, as the driver core drives it</h2>
 *
 * <ol>
 *   <li>Once the control connection knows the nodes: {@link #populate(ClusterView, Collection)}
 *       with every known node, then {@link #checkSupported()}.
 *   <li>From then on, every change of a node's state is reported through the {@link
 *       HostStateListener} methods: {@code onUp}/{@code onDown} once the driver has marked the
 *       node up or down ({@link Host#isUp()} already answers the new state), {@code onAdd}/{@code onRemove} for topology changes. When the driver
 *       learns or changes a node's datacenter or rack, it calls {@code onUp} for that node again
 *       (or {@code onDown} if the node is down), so that policies regroup it; Python's {@code
 *       ControlConnection._update_location_info} calls {@code on_down} then {@code on_up}, which
 *       works too.
 *   <li>For each request: {@link #newQueryPlan(String, RoutingInfo)}, walked lazily: the first
 *       node gets the request, later ones are tried on retries with {@code RETRY_NEXT_HOST}, after
 *       connection failures and for speculative executions. A node is never tried twice from one
 *       plan; when the plan is exhausted the request fails with {@code NoHostAvailableException}.
 *   <li>Whenever pools are (re)created: {@link #distance(Host)} for each node.
 * </ol>
 *
 * <p>A policy instance holds the state of one cluster: it must not be shared between two {@code
 * Cluster}s (as in Python). One instance may serve several execution profiles of the same cluster.
 *
 * <h2>Threads</h2>
 *
 * All methods are called from many threads at once: {@code newQueryPlan} and {@code distance} on
 * the request path of every caller thread, the listener methods from the driver's event threads.
 * Implementations must be thread-safe, must not block, and must not take monitors ({@code
 * synchronized}) on the request path. The shipped policies keep their hosts in immutable arrays
 * swapped on each state change and read lock-free.
 */
public interface LoadBalancingPolicy extends HostStateListener {

  /**
   * Initializes the policy before its first use (Python: {@code populate(cluster, hosts)}).
   *
   * @param cluster what the policy may later ask about the cluster; not null. The policy may keep
   *     it for the lifetime of the cluster.
   * @param hosts every node known at this point, up or unknown; not null. The shipped policies
   *     consider a node live unless it is known to be down ({@link Host#isUp()} is {@code false}).
   */
  void populate(ClusterView cluster, Collection<Host> hosts);

  /**
   * How far a node is: {@link HostDistance#LOCAL}, {@link HostDistance#REMOTE} or {@link
   * HostDistance#IGNORED} (Python: {@code distance(host)}). The driver opens no connection to an
   * ignored node, and fewer to a remote one.
   *
   * @param host a node; not null
   * @return its distance, never null
   */
  HostDistance distance(Host host);

  /**
   * The nodes to try for one request, best first (Python: {@code make_query_plan(working_keyspace,
   * query)}).
   *
   * <p>The plan is computed lazily: building it costs no copy of the host list, and later nodes are
   * only looked at if the request gets that far. It holds no node twice. The returned iterator is
   * not thread-safe: it belongs to one request, and when the request's speculative executions pull
   * nodes from the same plan the core must serialize its calls to {@code hasNext}/{@code next} (a
   * per-request lock). {@code remove} is not supported.
   *
   * @param workingKeyspace the session's current keyspace ({@code Session.setKeyspace} or {@code
   *     USE}), or null
   * @param statement the statement being executed, or null when there is none (a {@code PREPARE})
   * @return the plan; never null, possibly empty
   */
  Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement);

  /**
   * Fails if this policy cannot work with the cluster (Python: {@code check_supported()}, called
   * once the cluster metadata is known). Does nothing by default.
   *
   * @throws IllegalStateException if the policy cannot be used with this cluster
   */
  default void checkSupported() {}

  /**
   * A new instance of the driver's default policy, {@code new TokenAwarePolicy(new
   * DCAwareRoundRobinPolicy())}: token-aware routing to the replicas of the local datacenter, the
   * local datacenter being inferred from the contact points, no remote datacenter used (Python:
   * {@code cassandra.cluster.default_lbp_factory()}). Each call returns a fresh, unpopulated
   * instance.
   *
   * @return the default policy
   */
  static LoadBalancingPolicy defaultPolicy() {
    return new TokenAwarePolicy(new DCAwareRoundRobinPolicy());
  }
}
