package io.loomcql.testserver;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} {@link CqlTestServer}s playing one cluster: on 127.0.0.1 .. 127.0.0.n, all on the same
 * ephemeral port (each address bound explicitly), in one data center with one token each; each
 * node's {@code system.peers} lists the others, and {@code system.peers_v2} does not exist (the
 * driver falls back to {@code system.peers}, as with Cassandra before 4.0). Closing it stops every
 * node.
 */
public final class CqlTestCluster implements AutoCloseable {

  private final List<CqlTestServer> nodes;

  private CqlTestCluster(List<CqlTestServer> nodes) {
    this.nodes = nodes;
  }

  /** Starts {@code n} nodes; retries with another port if one of the addresses has it taken. */
  public static CqlTestCluster start(int n) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
    }
    BindException last = null;
    for (int tries = 0; tries < 10; tries++) {
      List<CqlTestServer> started = new ArrayList<>();
      try {
        int port = 0;
        for (int i = 0; i < n; i++) {
          started.add(CqlTestServer.builder().address(addresses.get(i)).port(port)
              .node(i, addresses, false).start());
          port = started.get(0).port();
        }
        return new CqlTestCluster(List.copyOf(started));
      } catch (BindException e) {
        last = e;
        started.forEach(CqlTestServer::close);
      } catch (IOException | RuntimeException e) {
        started.forEach(CqlTestServer::close);
        throw e;
      }
    }
    throw last;
  }

  /** Node {@code i}, counted from 1 (node 1 is 127.0.0.1). */
  public CqlTestServer node(int i) {
    return nodes.get(i - 1);
  }

  /** The nodes, node 1 first. */
  public List<CqlTestServer> nodes() {
    return nodes;
  }

  /** The port every node listens on. */
  public int port() {
    return nodes.get(0).port();
  }

  /** The address and port of node {@code i}. */
  public InetSocketAddress endpoint(int i) {
    return node(i).address();
  }

  /** Statements received per node, node 1 first. */
  public List<Integer> statementCounts() {
    return nodes.stream().map(CqlTestServer::statementCount).toList();
  }

  /** Forgets every node's counts, records and scripts. */
  public void reset() {
    nodes.forEach(CqlTestServer::reset);
  }

  @Override
  public void close() {
    nodes.forEach(CqlTestServer::close);
  }
}
