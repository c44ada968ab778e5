package io.loomcql.transport.internal;

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

  /** Records the change now if a recording wants it. */
  public static void emit(String node, String action, int protocolVersion, String reason) {
    ConnectionEvent event = new ConnectionEvent();
    if (event.shouldCommit()) {
      event.node = node;
      event.action = action;
      event.protocolVersion = protocolVersion;
      event.reason = reason;
      event.commit();
    }
  }
}
