package io.loomcql.policies;

import io.loomcql.node.Host;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Round-robin over the live nodes of an allow list, every other node being {@link
 * HostDistance#IGNORED} (the Python driver's {@code
 * cassandra.policies.WhiteListRoundRobinPolicy(hosts)}). Useful when only some addresses of the
 * cluster are reachable from the client.
 *
 * <p>Plans and distances are those of {@link RoundRobinPolicy} over the allowed nodes: each live
 * allowed node once, rotating, all {@link HostDistance#LOCAL}. A node is allowed when its {@link
 * Host#address()} is one of the addresses the given host names resolved to at construction (any
 * port, as in Python, which compares {@code host.address}), or when its {@link Host#endpoint()} is
 * one of the given endpoints (address and port; see {@link #ofEndpoints(Collection)}).
 *
 * <p>Thread-safe, with the costs of {@link RoundRobinPolicy}.
 */
public final class WhiteListRoundRobinPolicy implements LoadBalancingPolicy {

  private final Set<InetAddress> allowedAddresses;
  private final Set<InetSocketAddress> allowedEndpoints;
  private final RoundRobinPolicy roundRobin = new RoundRobinPolicy();

  /**
   * Allows the nodes at the given host names or IP addresses, on any port (Python: {@code
   * WhiteListRoundRobinPolicy(hosts)}). Each name is resolved now, to all its addresses (Python:
   * {@code socket.getaddrinfo}).
   *
   * @param hosts host names or IP literals; not null, not empty
   * @throws IllegalArgumentException if {@code hosts} is empty or a name cannot be resolved
   */
  public WhiteListRoundRobinPolicy(Collection<String> hosts) {
    this(resolve(hosts), Set.of());
  }

  private WhiteListRoundRobinPolicy(
      Set<InetAddress> allowedAddresses, Set<InetSocketAddress> allowedEndpoints) {
    this.allowedAddresses = allowedAddresses;
    this.allowedEndpoints = allowedEndpoints;
  }

  /**
   * Allows exactly the nodes at the given endpoints: address and native port. An unresolved
   * endpoint is resolved now.
   *
   * @param endpoints the allowed endpoints; not null, not empty
   * @return the policy
   * @throws IllegalArgumentException if {@code endpoints} is empty or one cannot be resolved
   */
  public static WhiteListRoundRobinPolicy ofEndpoints(Collection<InetSocketAddress> endpoints) {
    Objects.requireNonNull(endpoints, "endpoints");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("The allow list of endpoints is empty");
    }
    Set<InetSocketAddress> resolved = new HashSet<>();
    for (InetSocketAddress endpoint : endpoints) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (endpoint.isUnresolved()) {
        InetSocketAddress again = new InetSocketAddress(endpoint.getHostString(),
            endpoint.getPort());
        if (again.isUnresolved()) {
          throw new IllegalArgumentException("Cannot resolve allowed endpoint " + endpoint);
        }
        endpoint = again;
      }
      resolved.add(endpoint);
    }
    return new WhiteListRoundRobinPolicy(Set.of(), Set.copyOf(resolved));
  }

  /**
   * Whether the node is on the allow list: its address is one the host names resolved to, or its
   * endpoint is one of the allowed endpoints.
   *
   * @param host a node; not null
   * @return true if the node may be used
   */
  public boolean isAllowed(Host host) {
    return allowedAddresses.contains(host.address()) || allowedEndpoints.contains(host.endpoint());
  }

  /** Takes the allowed nodes among {@code hosts} as the live nodes (except those known down). */
  @Override
  public void populate(ClusterView cluster, Collection<Host> hosts) {
    List<Host> allowed = new ArrayList<>();
    for (Host host : hosts) {
      if (isAllowed(host)) {
        allowed.add(host);
      }
    }
    roundRobin.populate(cluster, allowed);
  }

  /** {@link HostDistance#LOCAL} for an allowed node, {@link HostDistance#IGNORED} otherwise. */
  @Override
  public HostDistance distance(Host host) {
    return isAllowed(host) ? HostDistance.LOCAL : HostDistance.IGNORED;
  }

  /** Every live allowed node once, starting one position further than the previous plan. */
  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    return roundRobin.newQueryPlan(workingKeyspace, statement);
  }

  /** Makes the node live if it is allowed. */
  @Override
  public void onUp(Host host) {
    if (isAllowed(host)) {
      roundRobin.onUp(host);
    }
  }

  /** Makes the node not live. */
  @Override
  public void onDown(Host host) {
    roundRobin.onDown(host);
  }

  /** Makes the node live if it is allowed. */
  @Override
  public void onAdd(Host host) {
    if (isAllowed(host)) {
      roundRobin.onAdd(host);
    }
  }

  /** Makes the node not live. */
  @Override
  public void onRemove(Host host) {
    roundRobin.onRemove(host);
  }

  @Override
  public String toString() {
    return "WhiteListRoundRobinPolicy(" + (allowedEndpoints.isEmpty() ? allowedAddresses
        : allowedEndpoints) + ")";
  }

  private static Set<InetAddress> resolve(Collection<String> hosts) {
    Objects.requireNonNull(hosts, "hosts");
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("The allow list of hosts is empty");
    }
    Set<InetAddress> addresses = new HashSet<>();
    for (String host : hosts) {
      Objects.requireNonNull(host, "host");
      try {
        addresses.addAll(List.of(InetAddress.getAllByName(host)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Cannot resolve allowed host '" + host + "'", e);
      }
    }
    return Set.copyOf(addresses);
  }
}
