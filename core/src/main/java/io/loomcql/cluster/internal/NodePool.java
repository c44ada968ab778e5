package io.loomcql.cluster.internal;

import io.loomcql.node.Host;
import io.loomcql.transport.spi.Connection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The open connections of one session to one node. Requests borrow the connection with the
 * fewest requests pending; nothing is returned, since a connection carries many requests at once.
 */
public final class NodePool {

  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN_POLL = Duration.ofMillis(50);

  private final Host host;
  private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();
  private final BiConsumer<NodePool, Throwable> onEmpty;
  private final BiConsumer<NodePool, Throwable> onLost;
  private volatile boolean closed;
  /** Connections being opened for this pool (replacements, or growth after a distance change). */
  private final AtomicInteger opening = new AtomicInteger();

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
              // A retired connection has left already: its closing is no loss.
              if (connections.remove(connection) && !closed) {
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

  /** Connections open or being opened: what the pool will hold once the openings finish. */
  public int plannedSize() {
    return connections.size() + opening.get();
  }

  /** Counts a connection being opened for this pool until {@link #openingEnded}. */
  public void openingStarted() {
    opening.incrementAndGet();
  }

  public void openingEnded() {
    opening.decrementAndGet();
  }

  /**
   * Takes the {@code count} least busy connections out of the pool and closes each once its
   * pending requests have been answered (a pool shrinking after its node moved further away).
   */
  public void retire(int count) {
    for (int i = 0; i < count; i++) {
      Connection connection = borrow();
      if (connection == null || connections.size() <= 1 || !connections.remove(connection)) {
        return;
      }
      closeWhenIdle(connection);
    }
  }

  /** Requests already sent on it get their answers (up to {@link #DRAIN_TIMEOUT}); then it closes. */
  private void closeWhenIdle(Connection connection) {
    Thread.ofVirtual()
        .name("loomcql-pool-drain-" + host.endpoint())
        .start(
            () -> {
              long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
              try {
                while (connection.pendingRequests() > 0 && System.nanoTime() < deadline) {
                  Thread.sleep(DRAIN_POLL);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                connection.close();
              }
            });
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
