package io.loomcql.cluster.internal;

import io.loomcql.metadata.Metadata;
import io.loomcql.policies.ClusterView;
import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster as its load-balancing policies see it: the known nodes, the contact points and the
 * replicas of a routing key. Read-only and lock-free: every read returns the latest immutable
 * state, so policies may call it on request threads.
 */
public final class PolicyView implements ClusterView {

  private final Supplier<Collection<Host>> hosts;
  private final ClusterRuntime runtime;
  private final Metadata metadata;

  public PolicyView(Supplier<Collection<Host>> hosts, ClusterRuntime runtime, Metadata metadata) {
    this.hosts = hosts;
    this.runtime = runtime;
    this.metadata = metadata;
  }

  @Override
  public Collection<Host> hosts() {
    return hosts.get();
  }

  @Override
  public Collection<InetSocketAddress> contactPoints() {
    return runtime.contactEndpoints();
  }

  /**
   * The replicas of a routing key in a keyspace, for token-aware routing: a precomputed immutable
   * list (no allocation), empty when the keyspace, the key or the ring is unknown.
   */
  @Override
  public List<Host> replicas(String keyspace, ByteBuffer routingKey) {
    if (keyspace == null || routingKey == null) {
      return List.of();
    }
    return metadata.getReplicas(keyspace, routingKey);
  }
}
