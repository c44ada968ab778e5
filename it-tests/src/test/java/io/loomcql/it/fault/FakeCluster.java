package io.loomcql.it.fault;

import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted CQL cluster of {@code n} {@link FakeNode}s on 127.0.0.1 .. 127.0.0.n, all on the same
 * ephemeral port (each address bound explicitly), in one datacenter with one token each. Closing
 * it stops every node.
 */
final class FakeCluster implements AutoCloseable {

  private final List<FakeNode> nodes;

  private FakeCluster(List<FakeNode> nodes) {
    this.nodes = nodes;
  }

  /** Starts {@code n} nodes; retries with another port if one of the addresses has it taken. */
  static FakeCluster start(int n) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
    }
    BindException last = null;
    for (int tries = 0; tries < 10; tries++) {
      List<FakeNode> started = new ArrayList<>();
      try {
        started.add(new FakeNode(0, addresses, 0));
        int port = started.get(0).port();
        for (int i = 1; i < n; i++) {
          started.add(new FakeNode(i, addresses, port));
        }
        return new FakeCluster(List.copyOf(started));
      } catch (BindException e) {
        last = e;
        started.forEach(FakeNode::close);
      } catch (IOException | RuntimeException e) {
        started.forEach(FakeNode::close);
        throw e;
      }
    }
    throw last;
  }

  /** Node {@code i}, counted from 1 (node 1 is 127.0.0.1). */
  FakeNode node(int i) {
    return nodes.get(i - 1);
  }

  List<FakeNode> nodes() {
    return nodes;
  }

  int port() {
    return nodes.get(0).port();
  }

  InetSocketAddress endpoint(int i) {
    return node(i).endpoint();
  }

  /** Requests received per node, node 1 first. */
  List<Integer> requests() {
    return nodes.stream().map(FakeNode::requests).toList();
  }

  void reset() {
    nodes.forEach(FakeNode::reset);
  }

  /**
   * A builder for a driver on this cluster: protocol v4, contact point node 1, no schema or token
   * metadata (the nodes do not serve system_schema), short timeouts.
   */
  Cluster.Builder builder() {
    return Cluster.builder()
        .contactPoints(nodes.get(0).address().getHostAddress())
        .port(port())
        .protocolVersion(ProtocolVersion.V4)
        .schemaMetadataEnabled(false)
        .tokenMetadataEnabled(false)
        .connectTimeout(Duration.ofSeconds(5))
        .controlConnectionTimeout(Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    nodes.forEach(FakeNode::close);
  }
}
