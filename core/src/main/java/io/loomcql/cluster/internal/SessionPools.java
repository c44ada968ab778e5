package io.loomcql.cluster.internal;

import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.ReconnectionSchedule;
import io.loomcql.node.Host;
import io.loomcql.transport.spi.Connection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's connection pools, one {@link NodePool} per node it may send to: opened when the
 * session connects and when a node comes up, resized when a node's distance changes, closed when
 * the node goes down, leaves or becomes ignored. The pools map is concurrent; pools open and
 * connections are replaced on virtual threads, node events arrive on the cluster's admin thread,
 * and request threads only read ({@link #pool}).
 */
public final class SessionPools {

  private static final Logger LOG = LoggerFactory.getLogger(SessionPools.class);

  /** What the pools need of their cluster's node state. */
  public interface ClusterSide {
    /** {@return the nodes known to the cluster, up or not} */
    Collection<Host> hosts();

    /** {@return how far a node is, for pool sizing} */
    HostDistance distance(Host host);

    /** The last connection to {@code host} failed: the cluster may mark it down. */
    void connectionFailed(Host host, Throwable cause);
  }

  private final ClusterRuntime runtime;
  private final ClusterSide cluster;
  private final UnaryOperator<Connection> setUp;
  private final Consumer<NodePool> opened;
  private final ConcurrentHashMap<Host, NodePool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param setUp prepares a new connection for the session (sets its keyspace); closes it and
   *     throws if that fails
   * @param opened told of each pool that opened (to re-prepare statements on it)
   */
  public SessionPools(
      ClusterRuntime runtime, ClusterSide cluster, UnaryOperator<Connection> setUp, Consumer<NodePool> opened) {
    this.runtime = runtime;
    this.cluster = cluster;
    this.setUp = setUp;
    this.opened = opened;
  }

  /**
   * Opens pools to the live nodes that are not ignored; returns once one is open, or all with
   * {@code waitForAll}.
   *
   * @param keyspace the session's keyspace, for the error message
   * @throws NoHostAvailableException if no pool opened, with each node's error
   */
  public void open(boolean waitForAll, String keyspace) {
    List<Host> targets =
        cluster.hosts().stream()
            .filter(host -> host.isKnownUp() && cluster.distance(host) != HostDistance.IGNORED)
            .toList();
    Map<InetSocketAddress, Throwable> errors = new ConcurrentHashMap<>();
    CompletableFuture<Void> first = new CompletableFuture<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (Host host : targets) {
      all.add(
          openPoolAsync(host)
              .handle(
                  (pool, error) -> {
                    if (error == null) {
                      first.complete(null);
                    } else {
                      Throwable cause = unwrap(error);
                      errors.put(host.endpoint(), cause);
                      if (cause instanceof ConnectionException) {
                        // Unreachable now: the cluster marks it down and reconnects on its
                        // schedule, reopening this pool when it is back (not for a bad keyspace).
                        cluster.connectionFailed(host, cause);
                      }
                    }
                    return null;
                  }));
    }
    CompletableFuture<Void> allDone = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    if (waitForAll) {
      allDone.join();
    } else {
      CompletableFuture.anyOf(first, allDone).join();
    }
    if (pools.isEmpty()) {
      Map<InetSocketAddress, Throwable> ordered = new LinkedHashMap<>();
      for (Host host : targets) {
        if (errors.containsKey(host.endpoint())) {
          ordered.put(host.endpoint(), errors.get(host.endpoint()));
        }
      }
      throw new NoHostAvailableException(
          "Unable to connect to any servers" + (keyspace == null ? "" : " using keyspace '" + keyspace + "'"),
          ordered);
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** Opens a pool to {@code host} on a virtual thread (USE keyspace needs a blocking round trip). */
  private CompletableFuture<NodePool> openPoolAsync(Host host) {
    CompletableFuture<NodePool> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name(runtime.name() + "-pool-" + host.endpoint())
        .start(
            () -> {
              try {
                result.complete(openPool(host));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private NodePool openPool(Host host) {
    HostDistance distance = cluster.distance(host);
    if (distance == HostDistance.IGNORED) {
      throw new DriverException("Host " + host + " is ignored by every load-balancing policy");
    }
    int size = runtime.config().coreConnections(distance);
    List<CompletableFuture<Connection>> opening = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      opening.add(runtime.open(host.endpoint()));
    }
    NodePool pool = new NodePool(host, this::onPoolEmpty, this::onConnectionLost);
    RuntimeException failure = null;
    for (CompletableFuture<Connection> future : opening) {
      try {
        Connection connection = future.join();
        pool.add(setUp.apply(connection));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (pool.connections().isEmpty()) {
      throw failure;
    }
    NodePool previous = pools.putIfAbsent(host, pool);
    if (previous != null || closed || !host.isKnownUp()
        || cluster.distance(host) == HostDistance.IGNORED) {
      if (previous == null) {
        pools.remove(host, pool);
      }
      pool.close();
      return previous != null ? previous : pool;
    }
    opened.accept(pool);
    return pool;
  }

  private void onPoolEmpty(NodePool pool, Throwable cause) {
    pools.remove(pool.host(), pool);
    if (!closed) {
      cluster.connectionFailed(pool.host(), cause);
    }
  }

  /**
   * A connection of a pool closed by itself (a defunct connection) while others remain: the node
   * stays up and a new connection takes its place, tried again on the reconnection policy's
   * schedule while it fails (the Python driver replaces it in the background likewise).
   */
  private void onConnectionLost(NodePool pool, Throwable cause) {
    LOG.debug("Connection to {} lost ({}); replacing it", pool.host(), cause == null ? "closed" : cause.getMessage());
    replaceConnection(pool, runtime.config().reconnectionPolicy().newSchedule());
  }

  private void replaceConnection(NodePool pool, ReconnectionSchedule schedule) {
    if (closed || pool.isClosed() || pools.get(pool.host()) != pool) {
      return;
    }
    pool.openingStarted();
    Thread.ofVirtual()
        .name(runtime.name() + "-pool-" + pool.endpoint())
        .start(
            () -> {
              try {
                Connection connection = runtime.open(pool.endpoint()).join();
                pool.add(setUp.apply(connection));
                pool.openingEnded();
              } catch (RuntimeException e) {
                pool.openingEnded();
                Optional<Duration> delay = schedule.nextDelay();
                LOG.debug("Could not replace a connection to {}: {}", pool.host(), e.getMessage());
                if (delay.isPresent()) {
                  runtime.admin().schedule(() -> replaceConnection(pool, schedule), delay.get());
                } else {
                  LOG.warn("Will not continue to retry replacing a connection to {}: the schedule is"
                      + " exhausted", pool.host());
                }
              }
            });
  }

  /**
   * Grows or shrinks {@code pool} to the core size of its node's distance, which changes when a
   * node moves between LOCAL and REMOTE (a data center's nodes come or go, the policy changes):
   * new connections open in the background, surplus ones close once their requests are answered.
   */
  private void resize(NodePool pool, HostDistance distance) {
    int target = runtime.config().coreConnections(distance);
    int planned = pool.plannedSize();
    if (planned < target) {
      LOG.debug("Growing the pool of {} from {} to {} connections ({})", pool.host(), planned, target, distance);
      for (int i = planned; i < target; i++) {
        replaceConnection(pool, runtime.config().reconnectionPolicy().newSchedule());
      }
    } else if (planned > target) {
      LOG.debug("Shrinking the pool of {} from {} to {} connections ({})", pool.host(), planned, target, distance);
      pool.retire(planned - target);
    }
  }

  // ------------------------------------------------------------------------ node events

  /** A node was added or came up: open its pool; other nodes' distances may have changed. */
  public void onHostUp(Host host) {
    if (closed) {
      return;
    }
    if (cluster.distance(host) == HostDistance.IGNORED) {
      removePool(host);
    } else if (!pools.containsKey(host)) {
      openPoolAsync(host)
          .whenComplete(
              (pool, error) -> {
                if (error != null) {
                  LOG.debug("Could not open a pool to {}", host, error);
                  cluster.connectionFailed(host, unwrap(error));
                }
              });
    }
    // A node that comes (back) may move others: a remote data center's hosts beyond
    // usedHostsPerRemoteDc, a local node the policy now prefers.
    for (NodePool pool : pools.values()) {
      if (pool.host() != host) {
        HostDistance distance = cluster.distance(pool.host());
        if (distance == HostDistance.IGNORED) {
          removePool(pool.host());
        } else {
          resize(pool, distance);
        }
      }
    }
  }

  /**
   * Brings the pools in line with the nodes' distances: opens pools to live nodes that are no
   * longer ignored, closes those of ignored nodes, and resizes the others to their distance's
   * core size.
   *
   * @return completes once every pool it opens is open or has failed
   */
  public CompletableFuture<Void> update() {
    List<CompletableFuture<NodePool>> opening = new ArrayList<>();
    if (!closed) {
      for (Host host : cluster.hosts()) {
        HostDistance distance = cluster.distance(host);
        NodePool existing = pools.get(host);
        if (distance == HostDistance.IGNORED) {
          removePool(host);
        } else if (existing != null) {
          resize(existing, distance);
        } else if (host.isKnownUp()) {
          opening.add(
              openPoolAsync(host)
                  .whenComplete(
                      (pool, error) -> {
                        if (error != null) {
                          LOG.debug("Could not open a pool to {}", host, error);
                          cluster.connectionFailed(host, unwrap(error));
                        }
                      }));
        }
      }
    }
    return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new));
  }

  /**
   * Waits up to {@code timeout} (null: without limit) for pools being opened; a pool that failed
   * to open is logged, not thrown.
   *
   * @param what what the pools are opened for, in messages ("profile analytics")
   * @throws OperationTimedOutException if they are not all open in time (they keep opening)
   */
  public static void awaitOpening(List<CompletableFuture<Void>> opening, Duration timeout, String what) {
    CompletableFuture<Void> all = CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new));
    try {
      if (timeout == null) {
        all.join();
      } else {
        all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new OperationTimedOutException(
          "Failed to create all new connection pools in the " + timeout.toMillis() + " ms timeout", Map.of(), null);
    } catch (CompletionException | ExecutionException e) {
      LOG.debug("Some pools for {} failed to open", what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("Interrupted while waiting for the pools of " + what, e);
    }
  }

  /** The node is down or left: its pool goes; another node may have become reachable. */
  public void onHostGone(Host host) {
    removePool(host);
    update();
  }

  private void removePool(Host host) {
    NodePool pool = pools.remove(host);
    if (pool != null) {
      pool.close();
    }
  }

  // ------------------------------------------------------------------------ reads

  /** {@return the pool to {@code host}, or null} Called by every request: a map lookup. */
  public NodePool pool(Host host) {
    return pools.get(host);
  }

  /** {@return the open pools} A live view. */
  public Collection<NodePool> all() {
    return pools.values();
  }

  /** {@return whether a pool to {@code host} has an open connection} */
  public boolean hasOpenConnection(Host host) {
    NodePool pool = pools.get(host);
    return pool != null && pool.hasOpenConnection();
  }

  /** {@return the open connections of all pools} */
  public int openConnectionCount() {
    int count = 0;
    for (NodePool pool : pools.values()) {
      for (Connection connection : pool.connections()) {
        if (!connection.isClosed()) {
          count++;
        }
      }
    }
    return count;
  }

  /** {@return the state of each pool, as {@code Session.getPoolState} documents it} */
  public Map<Host, Map<String, Object>> state() {
    Map<Host, Map<String, Object>> state = new LinkedHashMap<>();
    for (NodePool pool : pools.values()) {
      List<Connection> connections = pool.connections();
      List<Integer> inFlights = new ArrayList<>(connections.size());
      int open = 0;
      for (Connection connection : connections) {
        inFlights.add(connection.pendingRequests());
        if (!connection.isClosed()) {
          open++;
        }
      }
      state.put(
          pool.host(),
          Map.of("shutdown", pool.isClosed(), "open_count", open, "in_flights", List.copyOf(inFlights)));
    }
    return Collections.unmodifiableMap(state);
  }

  /** Closes every pool; requests in flight fail. No pool opens after this. */
  public void close() {
    closed = true;
    for (NodePool pool : pools.values()) {
      pool.close();
    }
  }
}
