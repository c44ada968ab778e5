package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The server's record of how it executed a traced statement, read from {@code system_traces},
 * the Java form of the Python driver's {@code QueryTrace}. Obtained from
 * {@code ResultSet.getQueryTrace()} already populated; the server writes traces asynchronously,
 * so population polls with a growing backoff (3 ms, 6 ms, 12 ms, ...) until the trace is
 * complete or the wait runs out.
 */
public final class QueryTrace {

  private final UUID traceId;
  private final Function<Statement, List<Row>> executor;
  private String requestType;
  private Duration duration;
  private InetAddress client;
  private InetAddress coordinator;
  private Map<String, String> parameters = Map.of();
  private Instant startedAt;
  private List<TraceEvent> events = List.of();

  /**
   * A trace to be read from {@code system_traces} by {@link #populate}.
   *
   * @param executor runs a statement and returns all its rows (the session's)
   */
  public QueryTrace(UUID traceId, Function<Statement, List<Row>> executor) {
    this.traceId = traceId;
    this.executor = executor;
  }

  /**
   * Reads the trace, waiting up to {@code maxWait} (null: forever) for the server to finish
   * writing it (or, unless {@code waitForComplete}, for any trace row), at consistency
   * {@code queryCl} (null: LOCAL_ONE).
   *
   * @throws TraceUnavailableException when the wait runs out or reading fails
   */
  public QueryTrace populate(Duration maxWait, boolean waitForComplete, ConsistencyLevel queryCl) {
    ConsistencyLevel cl = queryCl == null ? ConsistencyLevel.LOCAL_ONE : queryCl;
    long deadline = maxWait == null ? Long.MAX_VALUE : System.nanoTime() + maxWait.toNanos();
    if (maxWait != null && maxWait.isNegative()) {
      throw new TraceUnavailableException("Trace " + traceId + ": a negative wait never succeeds");
    }
    long backoffMillis = 3;
    while (true) {
      Row session;
      try {
        List<Row> rows =
            executor.apply(
                SimpleStatement.newInstance(
                        "SELECT * FROM system_traces.sessions WHERE session_id = ?", traceId)
                    .setConsistencyLevel(cl));
        session = rows.isEmpty() ? null : rows.get(0);
      } catch (DriverException e) {
        throw new TraceUnavailableException("Could not read trace " + traceId + ": " + e.getMessage(), e);
      }
      boolean complete =
          session != null && !session.isNull("duration") && !session.isNull("started_at");
      if (session != null && (complete || !waitForComplete)) {
        fill(session, cl);
        return this;
      }
      if (System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
        throw new TraceUnavailableException(
            "Trace " + traceId + " was not complete within " + maxWait.toMillis() + " ms");
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TraceUnavailableException("Interrupted while waiting for trace " + traceId, e);
      }
      backoffMillis *= 2;
    }
  }

  @SuppressWarnings("unchecked")
  private void fill(Row session, ConsistencyLevel cl) {
    requestType = session.getString("request");
    duration = session.isNull("duration") ? null : Duration.ofNanos(session.getInt("duration") * 1000L);
    client = session.get("client", InetAddress.class);
    coordinator = session.get("coordinator", InetAddress.class);
    Map<String, String> params = session.get("parameters", Map.class);
    parameters = params == null ? Map.of() : Map.copyOf(params);
    startedAt = session.getInstant("started_at");
    List<TraceEvent> read = new ArrayList<>();
    for (Row event :
        executor.apply(
            SimpleStatement.newInstance("SELECT * FROM system_traces.events WHERE session_id = ?", traceId)
                .setConsistencyLevel(cl))) {
      UUID eventId = event.getUuid("event_id");
      read.add(
          new TraceEvent(
              event.getString("activity"),
              eventId,
              TraceEvent.timeOf(eventId),
              event.get("source", InetAddress.class),
              Duration.ofNanos(event.getInt("source_elapsed") * 1000L),
              event.getString("thread")));
    }
    events = List.copyOf(read);
  }

  /** {@return the trace's session id in {@code system_traces}} */
  public UUID traceId() {
    return traceId;
  }

  /** {@return the kind of request, e.g. "Execute CQL3 query"} */
  public String requestType() {
    return requestType;
  }

  /** {@return how long the coordinator took} */
  public Duration duration() {
    return duration;
  }

  /** {@return the address of the client that sent the request} */
  public InetAddress client() {
    return client;
  }

  /** {@return the coordinator that executed the request} */
  public InetAddress coordinator() {
    return coordinator;
  }

  /** Request parameters the server recorded (query string, consistency level, ...). */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** When the coordinator started the request. */
  public Instant startedAt() {
    return startedAt;
  }

  /** {@return the steps, in the order the server recorded them} */
  public List<TraceEvent> events() {
    return events;
  }

  @Override
  public String toString() {
    return "QueryTrace(" + traceId + ", " + requestType + ", " + duration + ", coordinator="
        + coordinator + ", " + events.size() + " events)";
  }
}
