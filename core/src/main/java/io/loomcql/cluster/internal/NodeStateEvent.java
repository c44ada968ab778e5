package io.loomcql.cluster.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A node of the cluster added, removed, marked up or marked down, as a Flight Recorder event. */
@Name("io.loomcql.NodeState")
@Label("Cassandra Node State")
@Category({"loomcql", "Cluster"})
@Description("A node added to or removed from the cluster, or marked up or down")
@StackTrace(false)
public final class NodeStateEvent extends Event {

  @Label("Node")
  public String node;

  @Label("Datacenter")
  public String datacenter;

  @Label("Rack")
  public String rack;

  @Label("State")
  @Description("ADDED, REMOVED, UP or DOWN")
  public String state;

  @Label("Reason")
  public String reason;

  /** Records the change now if a recording wants it. */
  public static void emit(String node, String datacenter, String rack, String state, String reason) {
    NodeStateEvent event = new NodeStateEvent();
    if (event.shouldCommit()) {
      event.node = node;
      event.datacenter = datacenter;
      event.rack = rack;
      event.state = state;
      event.reason = reason;
      event.commit();
    }
  }
}
