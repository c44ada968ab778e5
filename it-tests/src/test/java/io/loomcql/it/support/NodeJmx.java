package io.loomcql.it.support;

import io.loomcql.it.harness.CassandraNode;
import io.loomcql.it.harness.TestNode;
import java.io.IOException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.opentest4j.TestAbortedException;

/** The way into a node's own view that nodetool takes: its local JMX port. */
public final class NodeJmx {

  private NodeJmx() {}

  /**
   * Connects to {@code node}'s local JMX port; the caller closes the connector.
   *
   * @throws TestAbortedException if the node is not one this harness forks (a container's or an
   *     external cluster's node has no JMX port known here), so the test is skipped, not failed
   */
  public static JMXConnector connect(TestNode node) throws IOException {
    if (!(node instanceof CassandraNode forked)) {
      throw new TestAbortedException("JMX is reachable only on nodes this harness forks, not " + node);
    }
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + forked.spec().jmxPort() + "/jmxrmi");
    return JMXConnectorFactory.connect(url);
  }
}
