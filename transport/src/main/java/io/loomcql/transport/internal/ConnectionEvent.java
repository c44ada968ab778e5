package io.loomcql.transport.internal;

import io.loomcql.ProtocolVersion;
import java.net.InetSocketAddress;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A connection opened, closed or found defunct, as a JDK Flight Recorder event. */
@Name("io.loomcql.Connection")
@Label("CQL Connection")
@Category({"loomcql", "Connections"})
@Description("A loomcql connection to a node opened, closed, or declared defunct")
@StackTrace(false)
public final class ConnectionEvent extends Event {

  @Label("Node")
  public String node;

  @Label("Action")
  @Description("OPEN, CLOSE or DEFUNCT")
  public String action;

  @Label("Protocol Version")
  public int protocolVersion;

  @Label("Reason")
  public String reason;

  /** The connection to {@code node} accepts requests. */
  static void opened(InetSocketAddress node, ProtocolVersion version) {
    emit(node, "OPEN", version, null);
  }

  /** The connection to {@code node} was closed on request. */
  static void closed(InetSocketAddress node, ProtocolVersion version) {
    emit(node, "CLOSE", version, null);
  }

  /** The connection to {@code node} failed with {@code cause}. */
  static void defunct(InetSocketAddress node, ProtocolVersion version, Throwable cause) {
    emit(node, "DEFUNCT", version, String.valueOf(cause));
  }

  /** Records the change now if a recording wants it. */
  private static void emit(
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
