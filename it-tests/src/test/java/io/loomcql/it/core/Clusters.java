package io.loomcql.it.core;

import io.loomcql.cluster.Cluster;
import io.loomcql.it.harness.TestCluster;
import java.net.InetSocketAddress;

/** Builds driver clusters pointed at a harness cluster. */
final class Clusters {

  private Clusters() {}

  static Cluster.Builder builder(TestCluster cassandra) {
    return Cluster.builder()
        .contactPoints(
            cassandra.contactPoints().stream().map(InetSocketAddress::getHostString).toArray(String[]::new))
        .port(cassandra.port());
  }

  static Cluster connectTo(TestCluster cassandra) {
    return builder(cassandra).build();
  }
}
