package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.Timer;
import io.loomcql.transport.spi.TransportFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocking transport: each connection is a blocking socket read by its own virtual thread;
 * callers write under the connection's {@code ReentrantLock}, and one timer thread serves every
 * connection's timeouts and heartbeats.
 */
public final class BlockingTransport implements TransportFactory {

  private final String name;
  private final Counters counters = new Counters();
  private final TimerThread timer;
  private final Set<BlockingConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public BlockingTransport(String name) {
    this.name = name;
    this.timer = new TimerThread(name + "-timer", counters);
  }

  @Override
  public CompletableFuture<Connection> open(InetSocketAddress endpoint, ConnectionOptions options) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ConnectionException("Cannot connect to " + endpoint + ": " + name + " is closed", endpoint));
    }
    return BlockingConnection.open(this, endpoint, options);
  }

  Counters liveCounters() {
    return counters;
  }

  Timer timer() {
    return timer;
  }

  String name() {
    return name;
  }

  void track(BlockingConnection connection) {
    connections.add(connection);
    if (closed) {
      connection.close();
    }
  }

  void untrack(BlockingConnection connection) {
    connections.remove(connection);
  }

  @Override
  public TransportCounters counters() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    closed = true;
    ConnectionException cause = new ConnectionException(name + " was shut down", null);
    for (BlockingConnection connection : new ArrayList<>(connections)) {
      connection.closeWith(cause);
    }
    for (BlockingConnection connection : new ArrayList<>(connections)) {
      connection.awaitReader();
    }
    timer.close();
  }

  @Override
  public String toString() {
    return "blocking(" + name + ")";
  }
}
