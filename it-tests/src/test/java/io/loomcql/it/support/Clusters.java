package io.loomcql.it.support;

import io.loomcql.cluster.Cluster;
import io.loomcql.it.harness.TestCluster;
import java.net.InetSocketAddress;

/** Builds driver clusters pointed at a harness cluster. */
public final class Clusters {

  private Clusters() {}

  /** A builder with every node of {@code cassandra} as a contact point, and its native port. */
  public static Cluster.Builder builder(TestCluster cassandra) {
    return Cluster.builder()
        .contactPoints(
            cassandra.contactPoints().stream().map(InetSocketAddress::getHostString).toArray(String[]::new))
        .port(cassandra.port());
  }

  /** {@link #builder} with nothing else set, built. */
  public static Cluster connectTo(TestCluster cassandra) {
    return builder(cassandra).build();
  }
}
