package io.loomcql.transport.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a node, opened by a {@link io.loomcql.transport.TransportFactory}: requests
 * in, responses (decompressed, matched by stream id) out through callbacks. Thread-safe.
 */
public interface Connection {

  InetSocketAddress endpoint();

  ProtocolVersion protocolVersion();

  /**
   * Sends a request: encodes it on the calling thread, queues it and returns at once (the NIO
   * transport may also write it right away when the connection is idle). The callback gets the
   * response frame on an I/O thread, or the error (possibly on the calling thread, when the
   * connection is closed or has {@code maxQueuedRequests} requests already).
   *
   * @return a handle to cancel the request, or null when it failed at once
   */
  InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback);

  /**
   * Like {@link #send(Request, int, Map, ResponseCallback)}, but when the connection already has
   * {@code maxQueuedRequests} requests queued or in flight, the calling thread parks until one of
   * them ends (first come, first served) or {@code maxWaitNanos} pass ({@code Long.MAX_VALUE}: no
   * limit; 0 or less: no wait), and only then fails with a BusyConnectionException. For blocking
   * callers, on virtual threads: the wait holds no monitor.
   *
   * @return a handle to cancel the request, or null when it failed without being queued
   */
  InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos);

  /**
   * Like {@link #send(Request, int, Map, ResponseCallback, long)}, and the connection watches
   * {@code deadlineNanos} ({@link System#nanoTime()} based; {@code Long.MAX_VALUE}: none): once it
   * has passed with the request still queued or unanswered, the callback's {@link
   * ResponseCallback#onDeadline()} is called, within a few milliseconds. Watching costs a field
   * per request, not a timer entry: the connection sweeps its pending requests periodically while
   * it has any.
   */
  InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos, long deadlineNanos);

  /** Closes the connection; queued and in-flight requests fail with a ConnectionException. */
  void close();

  /** Closes the connection because of {@code cause}, which in-flight requests fail with. */
  void closeWith(Throwable cause);

  boolean isClosed();

  /** Completes with the cause once the connection is closed (for any reason). */
  CompletableFuture<Throwable> closeFuture();

  /** Requests queued or awaiting their response (orphans included). */
  int pendingRequests();

  /** The keyspace last set on this connection with USE, or null. */
  String keyspace();

  void keyspace(String keyspace);

  /** The timer of the I/O thread serving this connection (speculative executions, heartbeats). */
  Timer timer();

  /** The compression negotiated in STARTUP ("lz4", "snappy"), or null. */
  String compression();
}
