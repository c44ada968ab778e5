package io.loomcql.it.policies;

import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.query.SimpleStatement;

/** Small helpers of the policies tests. */
final class Nodes {

  private Nodes() {}

  /** The address of the node that coordinated a query of {@code system.local}, read from its answer. */
  static String coordinator(Session session, String profile) {
    SimpleStatement local = new SimpleStatement("SELECT rpc_address FROM system.local");
    ResultSet result = profile == null ? session.execute(local) : session.execute(local, profile);
    return result.one().get("rpc_address", java.net.InetAddress.class).getHostAddress();
  }
}
