package io.loomcql.it.fault;

import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import io.loomcql.testserver.CqlTestCluster;
import io.loomcql.testserver.CqlTestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A scripted CQL cluster of {@code n} test servers on 127.0.0.1 .. 127.0.0.n (see {@link
 * CqlTestCluster}), speaking protocol v4 without compression, and a driver builder for it. Every
 * statement is answered with a void result unless a node's script says otherwise. Closing it stops
 * every node.
 */
final class FakeCluster implements AutoCloseable {

  private final CqlTestCluster nodes;

  private FakeCluster(CqlTestCluster nodes) {
    this.nodes = nodes;
  }

  static FakeCluster start(int n) throws IOException {
    CqlTestCluster nodes = CqlTestCluster.start(n);
    for (CqlTestServer node : nodes.nodes()) {
      node.maxProtocolVersion(4);
      node.compressionOffered(List.of());
    }
    return new FakeCluster(nodes);
  }

  /** Node {@code i}, counted from 1 (node 1 is 127.0.0.1). */
  CqlTestServer node(int i) {
    return nodes.node(i);
  }

  List<CqlTestServer> nodes() {
    return nodes.nodes();
  }

  int port() {
    return nodes.port();
  }

  InetSocketAddress endpoint(int i) {
    return nodes.endpoint(i);
  }

  /** Statements received per node, node 1 first. */
  List<Integer> requests() {
    return nodes.statementCounts();
  }

  void reset() {
    nodes.reset();
  }

  /**
   * A builder for a driver on this cluster: protocol v4, contact point node 1, no schema or token
   * metadata, short timeouts.
   */
  Cluster.Builder builder() {
    return Cluster.builder()
        .contactPoints(nodes.node(1).address().getAddress().getHostAddress())
        .port(port())
        .protocolVersion(ProtocolVersion.V4)
        .schemaMetadataEnabled(false)
        .tokenMetadataEnabled(false)
        .connectTimeout(Duration.ofSeconds(5))
        .controlConnectionTimeout(Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    nodes.close();
  }
}
