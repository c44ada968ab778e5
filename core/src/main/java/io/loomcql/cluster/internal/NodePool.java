package io.loomcql.cluster.internal;

import io.loomcql.pool.Host;
import io.loomcql.transport.internal.Connection;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The open connections of one session to one node. Requests borrow the connection with the
 * fewest requests pending; nothing is returned, since a connection carries many requests at once.
 */
public final class NodePool {

  private final Host host;
  private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();
  private final BiConsumer<NodePool, Throwable> onEmpty;
  private final BiConsumer<NodePool, Throwable> onLost;
  private volatile boolean closed;

  /**
   * @param onEmpty told (with the cause) when the last connection of the pool closes by itself
   * @param onLost told (with the cause) when a connection closes by itself while others remain
   */
  public NodePool(
      Host host, BiConsumer<NodePool, Throwable> onEmpty, BiConsumer<NodePool, Throwable> onLost) {
    this.host = host;
    this.onEmpty = onEmpty;
    this.onLost = onLost;
  }

  public Host host() {
    return host;
  }

  public InetSocketAddress endpoint() {
    return host.endpoint();
  }

  /** Adds an open connection; it leaves the pool by itself when it closes. */
  public void add(Connection connection) {
    connections.add(connection);
    connection
        .closeFuture()
        .whenComplete(
            (cause, error) -> {
              connections.remove(connection);
              if (!closed) {
                (connections.isEmpty() ? onEmpty : onLost).accept(this, cause);
              }
            });
    if (closed) {
      connection.close();
    }
  }

  /** The least busy open connection, or null when the node has none. */
  public Connection borrow() {
    Connection best = null;
    int bestPending = Integer.MAX_VALUE;
    for (Connection connection : connections) {
      if (connection.isClosed()) {
        continue;
      }
      int pending = connection.pendingRequests();
      if (pending < bestPending) {
        best = connection;
        bestPending = pending;
        if (pending == 0) {
          break;
        }
      }
    }
    return best;
  }

  public List<Connection> connections() {
    return List.copyOf(connections);
  }

  public boolean hasOpenConnection() {
    return connections.stream().anyMatch(c -> !c.isClosed());
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  public void close() {
    closed = true;
    for (Connection connection : connections) {
      connection.close();
    }
  }

  @Override
  public String toString() {
    return "NodePool(" + host + ", " + connections.size() + " connections)";
  }
}
