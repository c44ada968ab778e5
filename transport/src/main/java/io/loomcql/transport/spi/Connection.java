package io.loomcql.transport.spi;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a node, opened by a {@link TransportFactory}: requests in, responses
 * (decompressed, matched by stream id) out through callbacks. Thread-safe.
 */
public interface Connection {

  /** {@link #send}'s {@code maxWaitNanos} for "fail at once when the connection is full". */
  long NO_WAIT = 0;

  /** {@link #send}'s {@code deadlineNanos} for "no deadline". */
  long NO_DEADLINE = Long.MAX_VALUE;

  /** {@return the address this connection is connected to} */
  InetSocketAddress endpoint();

  /** {@return the protocol version this connection speaks} */
  ProtocolVersion protocolVersion();

  /**
   * Sends a request: encodes it on the calling thread, queues it and returns at once (a transport
   * may also write it right away when the connection is idle). The callback gets the response
   * frame on an I/O thread, or the error (possibly on the calling thread, when the connection is
   * closed or full).
   *
   * <p>When the connection already has {@code maxQueuedRequests} requests queued or in flight,
   * the calling thread parks until one of them ends (first come, first served) or {@code
   * maxWaitNanos} pass ({@code Long.MAX_VALUE}: no limit; {@link #NO_WAIT}: no wait), and only
   * then fails with a BusyConnectionException. The wait holds no monitor (virtual threads stay
   * unpinned).
   *
   * <p>The connection watches {@code deadlineNanos} ({@link System#nanoTime()} based; {@link
   * #NO_DEADLINE}: none): once it has passed with the request still queued or unanswered, the
   * callback's {@link ResponseCallback#onDeadline()} is called, within a few milliseconds.
   *
   * @param request the message to send
   * @param flags frame header flags (tracing, custom payload, beta)
   * @param customPayload the custom payload, or null
   * @param callback told the outcome, exactly once
   * @param maxWaitNanos how long to wait for room when the connection is full
   * @param deadlineNanos when the callback hears {@link ResponseCallback#onDeadline()}
   * @return a handle to cancel the request, or null when it failed without being queued
   */
  InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos, long deadlineNanos);

  /** Closes the connection; queued and in-flight requests fail with a ConnectionException. */
  void close();

  /**
   * Closes the connection because of {@code cause} (the connection is <em>defunct</em>), which
   * in-flight requests fail with.
   */
  void closeWith(Throwable cause);

  /** {@return whether the connection is closed (or closing)} */
  boolean isClosed();

  /** {@return a future completed with the cause once the connection is closed (for any reason)} */
  CompletableFuture<Throwable> closeFuture();

  /** {@return requests queued or awaiting their response (orphans included)} */
  int pendingRequests();

  /** {@return the keyspace last set on this connection with USE, or null} */
  String keyspace();

  /** Records the keyspace the connection is now using (after a USE answered). */
  void keyspace(String keyspace);

  /** {@return the timer of the I/O thread serving this connection (speculative executions, heartbeats)} */
  Timer timer();

  /** {@return the compression negotiated in STARTUP ("lz4", "snappy"), or null} */
  String compression();
}
