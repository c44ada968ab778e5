package io.loomcql.policies;

import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Synthetic nodes: {@code 10.<dc>.0.<n>:9042}, up, in datacenter {@code dc<dc>}. */
final class TestHosts {

  private TestHosts() {}

  /** Node {@code n} of datacenter {@code dc<dc>}, marked up. */
  static Host host(int dc, int n) {
    Host host = new Host(endpoint(dc, n));
    HostUpdater.setLocation(host, "dc" + dc, "rack1");
    HostUpdater.markUp(host);
    return host;
  }

  /** A node with no known datacenter and no known state. */
  static Host unknown(int n) {
    return new Host(endpoint(99, n));
  }

  static InetSocketAddress endpoint(int dc, int n) {
    try {
      return new InetSocketAddress(
          InetAddress.getByAddress(new byte[] {10, (byte) dc, 0, (byte) n}), 9042);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Nodes 1..count of datacenter {@code dc<dc>}. */
  static Host[] dc(int dc, int count) {
    Host[] hosts = new Host[count];
    for (int i = 0; i < count; i++) {
      hosts[i] = host(dc, i + 1);
    }
    return hosts;
  }
}
