package io.loomcql.cluster.internal;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.wire.Request;
import io.loomcql.transport.spi.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A session's keyspace: the one {@code connect(keyspace)} or the last USE set, applied to every
 * connection of the session's pools. One volatile field, written by the thread whose USE
 * statement succeeded and read by pool openers.
 */
public final class SessionKeyspace {

  private final BiConsumer<Connection, Request> send;
  private volatile String keyspace;

  /**
   * @param keyspace the initial keyspace, or null
   * @param send sends a request on a connection and waits for its answer, throwing its error
   */
  public SessionKeyspace(String keyspace, BiConsumer<Connection, Request> send) {
    this.keyspace = keyspace;
    this.send = send;
  }

  /** {@return the keyspace, or null if none is set} */
  public String get() {
    return keyspace;
  }

  /** Sets the keyspace on a new pool connection; closes it if that fails. */
  public Connection setUp(Connection connection) {
    String ks = keyspace;
    if (ks != null) {
      try {
        use(connection, ks);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  /**
   * A keyspace change on one connection (a USE statement) applies to all of the session's.
   *
   * @throws DriverException naming each connection that could not follow
   */
  public void changed(String newKeyspace, Connection changed, Collection<NodePool> pools) {
    this.keyspace = newKeyspace;
    changed.keyspace(newKeyspace);
    List<String> failures = new ArrayList<>();
    for (NodePool pool : pools) {
      for (Connection connection : pool.connections()) {
        if (connection != changed && !newKeyspace.equals(connection.keyspace())) {
          try {
            use(connection, newKeyspace);
          } catch (RuntimeException e) {
            failures.add(connection.endpoint() + ": " + e.getMessage());
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new DriverException("Failed to set keyspace on all hosts: " + failures);
    }
  }

  private void use(Connection connection, String ks) {
    send.accept(connection, new Query("USE " + protectName(ks), QueryOptions.of(ConsistencyLevel.ONE)));
    connection.keyspace(ks);
  }

  /** Quotes a CQL identifier unless it is a plain lower-case one. */
  public static String protectName(String name) {
    if (name.matches("[a-z][a-z0-9_]*")) {
      return name;
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
