package io.loomcql.transport.spi;

import io.loomcql.ProtocolVersion;
import java.net.InetSocketAddress;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A connection opened, closed or found defunct, as a JDK Flight Recorder event; emitted through
 * {@link ConnectionEvents}.
 */
@Name("io.loomcql.Connection")
@Label("CQL Connection")
@Category({"loomcql", "Connections"})
@Description("A loomcql connection to a node opened, closed, or declared defunct")
@StackTrace(false)
final class ConnectionEvent extends Event {

  @Label("Node")
  String node;

  @Label("Action")
  @Description("OPEN, CLOSE or DEFUNCT")
  String action;

  @Label("Protocol Version")
  int protocolVersion;

  @Label("Reason")
  String reason;

  /** Records the change now if a recording wants it. */
  static void emit(
      InetSocketAddress node, String action, ProtocolVersion version, String reason) {
    ConnectionEvent event = new ConnectionEvent();
    if (event.shouldCommit()) {
      event.node = String.valueOf(node);
      event.action = action;
      event.protocolVersion = version.code();
      event.reason = reason;
      event.commit();
    }
  }
}
