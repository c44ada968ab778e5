package io.loomcql.cluster.internal;

import io.loomcql.metadata.internal.MetadataUpdater;
import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The nodes a cluster knows, keyed by the endpoint the driver connects to, and the tokens each
 * owns. The nodes live in one place, the cluster's metadata ({@code cluster.metadata().allHosts()}
 * is this registry): this class changes them there, through the metadata's updater, and tells the
 * cluster of each arrival and departure. Changed only on the cluster's admin thread; read from
 * anywhere.
 */
public final class ClusterHosts {

  /** Told about membership changes; called on the admin thread. */
  public interface Changes {
    void added(Host host);

    void removed(Host host);
  }

  private final MetadataUpdater metadata;
  private final Changes changes;
  // The tokens last read, to tell whether the ring's input changed; the token map itself is in
  // the metadata.
  private volatile Map<Host, Set<String>> tokens = Map.of();

  public ClusterHosts(MetadataUpdater metadata, Changes changes) {
    this.metadata = metadata;
    this.changes = changes;
  }

  /** {@return every known node: an immutable snapshot} */
  public Collection<Host> all() {
    return metadata.metadata().allHosts();
  }

  /** {@return the node at {@code endpoint}, or null} */
  public Host get(InetSocketAddress endpoint) {
    return metadata.metadata().getHost(endpoint);
  }

  /** The host whose connect address is {@code address} (any port), or null. */
  public Host byAddress(InetAddress address) {
    for (Host host : all()) {
      if (host.address().equals(address)) {
        return host;
      }
    }
    return null;
  }

  /** {@return each node's tokens, as last read} */
  public Map<Host, Set<String>> tokens() {
    return tokens;
  }

  /**
   * Makes the host list equal to {@code seen} (system.local plus the valid peers rows): new nodes
   * are added (and assumed up), vanished ones removed, attributes refreshed.
   *
   * @return whether the token ring's input changed: a node added or removed, a node's tokens,
   *     data center or rack changed
   */
  public boolean update(Map<InetSocketAddress, ControlConnection.NodeInfo> seen, InetSocketAddress control) {
    Map<Host, Set<String>> newTokens = new HashMap<>();
    boolean ringChanged = false;
    for (ControlConnection.NodeInfo info : seen.values()) {
      Host host = get(info.endpoint());
      boolean added = host == null;
      if (added) {
        host = new Host(info.endpoint());
      } else if (!Objects.equals(host.datacenter(), info.datacenter())
          || !Objects.equals(host.rack(), info.rack())) {
        ringChanged = true;
      }
      HostUpdater.setLocation(host, info.datacenter(), info.rack());
      HostUpdater.setReleaseVersion(host, info.releaseVersion());
      HostUpdater.setHostId(host, info.hostId());
      HostUpdater.setAddresses(host, info.addresses());
      newTokens.put(host, info.tokens());
      if (added) {
        HostUpdater.markUp(host);
        metadata.addHost(host);
        changes.added(host);
      }
    }
    for (Host host : List.copyOf(all())) {
      if (!seen.containsKey(host.endpoint()) && !host.endpoint().equals(control)) {
        metadata.removeHost(host);
        changes.removed(host);
      }
    }
    Map<Host, Set<String>> frozen = Map.copyOf(newTokens);
    ringChanged |= !frozen.equals(tokens);
    tokens = frozen;
    return ringChanged;
  }
}
