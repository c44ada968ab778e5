package io.loomcql.policies;

import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster view for tests: a host list, contact points and a replicas map keyed by key text. */
final class FakeClusterView implements ClusterView {

  private final List<Host> hosts = new CopyOnWriteArrayList<>();
  private final List<InetSocketAddress> contactPoints = new CopyOnWriteArrayList<>();
  private final Map<String, List<Host>> replicas = new ConcurrentHashMap<>();

  FakeClusterView hosts(Host... added) {
    hosts.addAll(List.of(added));
    return this;
  }

  FakeClusterView contactPoints(Host... points) {
    for (Host point : points) {
      contactPoints.add(point.endpoint());
    }
    return this;
  }

  FakeClusterView contactPoint(InetSocketAddress point) {
    contactPoints.add(point);
    return this;
  }

  /** The replicas of routing key {@code key} (UTF-8) in {@code keyspace}. */
  FakeClusterView replicas(String keyspace, String key, Host... owners) {
    replicas.put(keyspace + "/" + key, List.of(owners));
    return this;
  }

  @Override
  public Collection<Host> hosts() {
    return List.copyOf(hosts);
  }

  @Override
  public Collection<InetSocketAddress> contactPoints() {
    return List.copyOf(contactPoints);
  }

  @Override
  public List<Host> replicas(String keyspace, ByteBuffer routingKey) {
    byte[] bytes = new byte[routingKey.remaining()];
    routingKey.duplicate().get(bytes);
    return replicas.getOrDefault(keyspace + "/" + new String(bytes,
        java.nio.charset.StandardCharsets.UTF_8), List.of());
  }

  /** The hosts as a list, for populate. */
  List<Host> hostList() {
    return new ArrayList<>(hosts);
  }
}
