package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolVersion;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionEvents;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timer;
import io.loomcql.wire.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a connection is apart from its socket, written once for {@link NioConnection} and {@link
 * BlockingConnection}: the {@link InFlightTable}, the {@link Framing} and the {@link Heartbeat},
 * the ready and closed futures, the keyspace; and what a connection does with them whatever its
 * socket: admit a request and have it written, close once, report the end of the handshake, fail
 * everything at the end. Each connection holds one and forwards to it the {@link Connection}
 * methods that do not touch the socket; the socket side is the connection's own.
 *
 * <p>Threads: as its parts' (see each); {@link #keyspace} is volatile, written by whoever set the
 * keyspace on the connection.
 */
final class ConnectionParts {

  private final InetSocketAddress endpoint;
  private final ProtocolVersion version;
  // The socket side, the connection's own: has queued requests written (the caller or the
  // socket's owner), and after the first close stops the socket's I/O and ends with
  // failEverything.
  private final Runnable requestWrite;
  private final Consumer<Throwable> shutdown;
  private final InFlightTable table;
  private final Framing framing;
  private final Heartbeat heartbeat;
  private final CompletableFuture<Connection> ready = new CompletableFuture<>();
  private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
  private volatile String keyspace;

  /**
   * @param connection the connection holding these parts (the heartbeat sends through it)
   * @param requestWrite makes sure queued requests get written (any thread)
   * @param shutdown stops the socket's I/O after the first close, then calls {@link
   *     #failEverything}
   * @param timer the connection's timer: deadline sweeps and heartbeats run on it
   */
  ConnectionParts(
      Connection connection, Runnable requestWrite, Consumer<Throwable> shutdown,
      InetSocketAddress endpoint, ConnectionOptions options, Counters counters, Timer timer) {
    this.endpoint = endpoint;
    this.version = options.protocolVersion();
    this.requestWrite = requestWrite;
    this.shutdown = shutdown;
    this.table =
        new InFlightTable(
            endpoint, options.maxStreamIds(), options.maxQueuedRequests(), counters, timer,
            this::closeWith);
    this.framing =
        new Framing(version, endpoint, options.maxFrameLength(), options.eventListener(), table);
    this.heartbeat =
        new Heartbeat(connection, timer, options.idleHeartbeatInterval(), options.idleHeartbeatTimeout());
  }

  /** {@link Connection#send}: admits the request, then has it written and its deadline watched. */
  InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos, long deadlineNanos) {
    PendingRequest pending =
        table.submit(framing, request, flags, customPayload, callback, maxWaitNanos, deadlineNanos);
    if (pending != null) {
      requestWrite.run();
      table.watchDeadline(deadlineNanos);
    }
    return pending;
  }

  /** {@link Connection#close}: the first close (of any kind) shuts the socket side down. */
  void close() {
    ConnectionException cause =
        new ConnectionException("Connection to " + endpoint + " was closed", endpoint);
    if (table.markClosed(cause)) {
      ConnectionEvents.closed(endpoint, version);
      shutdown.accept(cause);
    }
  }

  /** {@link Connection#closeWith}: as {@link #close}, the connection defunct with {@code cause}. */
  void closeWith(Throwable cause) {
    if (table.markClosed(cause)) {
      ConnectionEvents.defunct(endpoint, version, cause);
      shutdown.accept(cause);
    }
  }

  /** The handshake ended and the server accepts requests: {@code connection} is ready. */
  void opened(Connection connection) {
    ConnectionEvents.opened(endpoint, version);
    ready.complete(connection);
    heartbeat.start();
  }

  /** The end of the connection, once: every request fails, and both futures complete. */
  void failEverything(Throwable cause) {
    heartbeat.cancel();
    table.failAll();
    ready.completeExceptionally(cause);
    closed.complete(cause);
  }

  /** The error for a connection the server closed (or reset), before or after the handshake. */
  ConnectionException closedByServer(boolean tls, IOException cause) {
    return ConnectionErrors.closedByServer(endpoint, !ready.isDone(), tls, cause);
  }

  InetSocketAddress endpoint() {
    return endpoint;
  }

  ProtocolVersion version() {
    return version;
  }

  InFlightTable table() {
    return table;
  }

  Framing framing() {
    return framing;
  }

  Heartbeat heartbeat() {
    return heartbeat;
  }

  /** {@return completes with the connection once its handshake is done, or fails} */
  CompletableFuture<Connection> ready() {
    return ready;
  }

  /** {@return {@link Connection#closeFuture}} */
  CompletableFuture<Throwable> closed() {
    return closed;
  }

  int pendingRequests() {
    return table.pending();
  }

  boolean isClosed() {
    return table.isClosed();
  }

  String keyspace() {
    return keyspace;
  }

  void keyspace(String keyspace) {
    this.keyspace = keyspace;
  }

  String compression() {
    return framing.compression();
  }
}
