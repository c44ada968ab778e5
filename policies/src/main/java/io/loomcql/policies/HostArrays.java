package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Copy-on-write operations on the immutable host arrays the shipped policies publish through
 * volatile fields. An array, once published, is never written again.
 */
final class HostArrays {

  static final Host[] EMPTY = {};

  private HostArrays() {}

  /** The distinct hosts of {@code hosts} that are not known to be down, in iteration order. */
  static Host[] liveOf(Collection<Host> hosts) {
    Set<Host> live = new LinkedHashSet<>();
    for (Host host : hosts) {
      Objects.requireNonNull(host, "host");
      if (!Boolean.FALSE.equals(host.isUp())) {
        live.add(host);
      }
    }
    return live.toArray(EMPTY);
  }

  /** The position of {@code host} in {@code hosts}, or -1. */
  static int indexOf(Host[] hosts, Host host) {
    for (int i = 0; i < hosts.length; i++) {
      if (hosts[i].equals(host)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code hosts} with {@code host} appended, or {@code hosts} itself if already there. */
  static Host[] with(Host[] hosts, Host host) {
    if (indexOf(hosts, host) >= 0) {
      return hosts;
    }
    Host[] copy = Arrays.copyOf(hosts, hosts.length + 1);
    copy[hosts.length] = host;
    return copy;
  }

  /** {@code hosts} without {@code host}, or {@code hosts} itself if absent. */
  static Host[] without(Host[] hosts, Host host) {
    int index = indexOf(hosts, host);
    if (index < 0) {
      return hosts;
    }
    Host[] copy = new Host[hosts.length - 1];
    System.arraycopy(hosts, 0, copy, 0, index);
    System.arraycopy(hosts, index + 1, copy, index, hosts.length - index - 1);
    return copy;
  }
}
