package io.loomcql.it.policies;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.query.SimpleStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Driver clusters pointed at a harness cluster, and small helpers of the policies tests. */
final class Nodes {

  private Nodes() {}

  /** Every node of the harness cluster as a contact point. */
  static Cluster.Builder builder(TestCluster cassandra) {
    return Cluster.builder()
        .contactPoints(
            cassandra.contactPoints().stream().map(InetSocketAddress::getHostString).toArray(String[]::new))
        .port(cassandra.port());
  }

  /** The address of the node that coordinated a query of {@code system.local}, read from its answer. */
  static String coordinator(Session session, String profile) {
    SimpleStatement local = new SimpleStatement("SELECT rpc_address FROM system.local");
    ResultSet result = profile == null ? session.execute(local) : session.execute(local, profile);
    return result.one().get("rpc_address", java.net.InetAddress.class).getHostAddress();
  }

  static void waitUntil(Duration atMost, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + atMost.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
