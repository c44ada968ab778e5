package io.loomcql.it.metadata;

import io.loomcql.it.harness.TestNode;
import io.loomcql.it.support.NodeJmx;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * The server's own answer to "which nodes hold this partition": {@code nodetool getendpoints},
 * i.e. StorageService's {@code getNaturalEndpointsWithPort} over the node's local JMX port.
 */
final class NaturalEndpoints implements AutoCloseable {

  private final JMXConnector connector;
  private final MBeanServerConnection server;
  private final ObjectName storageService;

  NaturalEndpoints(TestNode node) throws Exception {
    connector = NodeJmx.connect(node);
    server = connector.getMBeanServerConnection();
    storageService = new ObjectName("org.apache.cassandra.db:type=StorageService");
  }

  /** The addresses (no port) of the replicas of {@code key} (its CQL text form) in the table. */
  Set<String> of(String keyspace, String table, String key) throws Exception {
    @SuppressWarnings("unchecked")
    List<String> endpoints =
        (List<String>)
            server.invoke(
                storageService,
                "getNaturalEndpointsWithPort",
                new Object[] {keyspace, table, key},
                new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
    Set<String> addresses = new LinkedHashSet<>();
    for (String endpoint : endpoints) {
      String address = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
      addresses.add(address.substring(0, address.lastIndexOf(':')));
    }
    return addresses;
  }

  @Override
  public void close() throws Exception {
    connector.close();
  }
}
