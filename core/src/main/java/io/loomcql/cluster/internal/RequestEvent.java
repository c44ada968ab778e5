package io.loomcql.cluster.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One request of a session, from the caller's start to its outcome, as a JDK Flight Recorder
 * event. Costs nothing but an {@code isEnabled()} check unless a recording asks for it.
 *
 * <p>Off unless a recording enables {@code io.loomcql.Request} by name: committing an event whose
 * strings repeat (the same query text) goes through the JDK's Flight Recorder string pool, which
 * pins the virtual thread and takes a monitor. A recording made for something else, such as one
 * watching {@code jdk.VirtualThreadPinned}, should not get requests pinned by its own bookkeeping.
 */
@Enabled(false)
@Name("io.loomcql.Request")
@Label("CQL Request")
@Category({"loomcql", "Requests"})
@Description("A CQL request executed by a loomcql session")
@StackTrace(false)
public final class RequestEvent extends Event {

  private static final int MAX_QUERY_LENGTH = 500;
  private static final EventType TYPE = EventType.getEventType(RequestEvent.class);

  @Label("Query")
  public String query;

  @Label("Keyspace")
  public String keyspace;

  @Label("Consistency")
  public String consistency;

  @Label("Coordinator")
  @Description("The node that answered, host:port")
  public String coordinator;

  @Label("Attempts")
  @Description("Nodes tried, retries and speculative executions included")
  public int attempts;

  @Label("Rows")
  @Description("Rows in the page returned")
  public int rows;

  @Label("Error")
  public String error;

  /**
   * Whether a recording wants request events: one field read, so the request path allocates an
   * event only while someone records.
   */
  public static boolean enabled() {
    return TYPE.isEnabled();
  }

  /** The query text for the event, cut to a length a recording can afford per request. */
  public static String queryText(String query) {
    if (query == null || query.length() <= MAX_QUERY_LENGTH) {
      return query;
    }
    return query.substring(0, MAX_QUERY_LENGTH) + "...";
  }
}
