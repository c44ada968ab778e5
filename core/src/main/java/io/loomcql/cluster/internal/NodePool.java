package io.loomcql.cluster.internal;

import io.loomcql.transport.internal.Connection;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open connections of one session to one node. Requests borrow the connection with the
 * fewest requests pending; nothing is returned, since a connection carries many requests at once.
 */
public final class NodePool {

  private final InetSocketAddress endpoint;
  private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();

  public NodePool(InetSocketAddress endpoint) {
    this.endpoint = endpoint;
  }

  public InetSocketAddress endpoint() {
    return endpoint;
  }

  /** Adds an open connection; it leaves the pool by itself when it closes. */
  public void add(Connection connection) {
    connections.add(connection);
    connection.closeFuture().whenComplete((cause, error) -> connections.remove(connection));
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

  public boolean isEmpty() {
    return connections.isEmpty();
  }

  public void close() {
    for (Connection connection : connections) {
      connection.close();
    }
  }

  @Override
  public String toString() {
    return "NodePool(" + endpoint + ", " + connections.size() + " connections)";
  }
}
