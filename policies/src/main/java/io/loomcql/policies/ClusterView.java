package io.loomcql.policies;

import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;

/**
 * What a load-balancing policy may ask about the cluster, implemented by the driver core and
 * handed to {@link LoadBalancingPolicy#populate(ClusterView, Collection)} (the Python driver passes
 * the {@code Cluster} itself; its policies read {@code cluster.endpoints_resolved} and {@code
 * cluster.metadata.get_replicas}). A policy may keep the view and query it on every request.
 *
 * <p>Every method may be called from any thread, concurrently, on the request path: each must be
 * cheap (no blocking, no I/O, no copy proportional to the cluster size) and must answer from the
 * driver's latest immutable snapshot of the cluster.
 */
public interface ClusterView {

  /**
   * Every node the driver currently knows, up or down (Python: {@code cluster.metadata.all_hosts()}).
   *
   * @return an immutable snapshot, never null; the driver may return the same instance until the
   *     set of nodes changes, so callers must not modify it
   */
  Collection<Host> hosts();

  /**
   * The contact points given to the cluster, resolved to addresses and ports (Python: {@code
   * cluster.endpoints_resolved}). {@link DCAwareRoundRobinPolicy} compares them with {@link
   * Host#endpoint()} to pick the local datacenter when none was configured, so they must be
   * resolved {@link InetSocketAddress}es carrying the port the driver connects to, and must be
   * known by the time {@code populate} is called.
   *
   * @return an immutable collection, never null (empty if the driver has none)
   */
  Collection<InetSocketAddress> contactPoints();

  /**
   * The replicas owning the token of {@code routingKey} in {@code keyspace}, in the order of the
   * token map (the primary replica first), across all datacenters (Python: {@code
   * cluster.metadata.get_replicas(keyspace, routing_key)}).
   *
   * @param keyspace the keyspace whose replication strategy applies; not null
   * @param routingKey the serialized partition key (one component as is, a composite one as
   *     {@code len|bytes|0} per component); not null. Implementations must read it without moving
   *     its position or limit (absolute gets, or a {@code duplicate()}).
   * @return an immutable list, never null; empty when the keyspace, the token map or the
   *     partitioner is unknown, in which case policies fall back to their plan without replicas
   */
  List<Host> replicas(String keyspace, ByteBuffer routingKey);
}
