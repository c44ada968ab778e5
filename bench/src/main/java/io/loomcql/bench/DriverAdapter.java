package io.loomcql.bench;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * What the harness needs from a driver, so that loomcql and the java-driver run through identical
 * harness code. Implementations: {@link LoomcqlAdapter}, {@link JavaDriverAdapter}, and {@link
 * FloorAdapter}, the floor: no driver at all, for blocking closed-loop cases.
 *
 * <p>After {@link #connect}, every method but {@link #close} may be called from many threads at
 * once. Results are consumed by the adapter (every cell of every row of the first page is read),
 * so that both drivers decode what they return.
 */
public interface DriverAdapter extends AutoCloseable {

  /**
   * How to connect.
   *
   * @param protocolVersion 3, 4 or 5, pinned (no negotiation)
   * @param connections connections per host; an adapter that cannot honour it says so in {@link
   *     #effectiveConnections()}
   * @param maxInFlight the most requests the harness will have in flight at once (a driver with a
   *     per-connection limit is configured not to reject below it)
   * @param fetchSize rows per page
   */
  record Options(String host, int port, int protocolVersion, int connections, String consistency,
      String localDatacenter, int fetchSize, int maxInFlight, Duration requestTimeout) {}

  /** A statement ready to execute: prepared on the server, or a CQL string sent with its values. */
  interface Handle {}

  /** {@code "loomcql"}, {@code "java-driver"} or {@code "floor"}. */
  String name();

  /** The driver's version, for the record. */
  String version();

  void connect(Options options);

  /** The protocol version in use, e.g. {@code "V5"}. */
  String protocolVersion();

  /** Connections per host actually opened for requests. */
  int effectiveConnections();

  /** Prepares {@code cql} on the server. */
  Handle prepare(String cql);

  /** A simple (unprepared) statement: {@code ?} values travel with each QUERY. */
  Handle simple(String cql);

  /** Executes and waits, returns the number of rows read. */
  int executeBlocking(Handle handle, Object... values);

  /** Executes without waiting; complete the stage's result with {@link #consume}. */
  CompletionStage<?> executeAsync(Handle handle, Object... values);

  /** An unlogged batch of {@code rows.length} executions of {@code handle}; waits. */
  int executeBatchBlocking(Handle handle, Object[][] rows);

  CompletionStage<?> executeBatchAsync(Handle handle, Object[][] rows);

  /** Reads every cell of the first page of a result of {@link #executeAsync}; returns the rows. */
  int consume(Object result);

  /**
   * The driver's transport counters so far: {frames written, write syscalls, wakeups of an I/O
   * thread}, or null when the driver keeps none.
   */
  default long[] transportCounters() {
    return null;
  }

  @Override
  void close();

  static DriverAdapter named(String name) {
    return switch (name) {
      case "loomcql" -> new LoomcqlAdapter();
      case "java-driver" -> new JavaDriverAdapter();
      case FloorAdapter.NAME -> new FloorAdapter();
      default -> throw new IllegalArgumentException("Unknown driver '" + name + "' (loomcql | java-driver | floor)");
    };
  }
}
