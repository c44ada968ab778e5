package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.protocol.internal.Options;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.transport.spi.Timer;
import io.loomcql.wire.Frame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an idle connection honest: after {@code idleHeartbeatInterval} without receiving anything
 * it sends OPTIONS, and closes the connection (defunct) if no answer comes within {@code
 * idleHeartbeatTimeout}. Runs on the connection's timer thread; the reading thread only marks
 * that bytes arrived.
 */
final class Heartbeat {

  private final Connection connection;
  private final Timer timer;
  private final long intervalNanos;
  private final long timeoutMillis;
  private volatile Timeout next;
  private volatile Timeout deadline;
  // Set by the reading thread on every read, cleared when a heartbeat period starts.
  private volatile boolean readSinceHeartbeat;

  Heartbeat(Connection connection, Timer timer, Duration interval, Duration timeout) {
    this.connection = connection;
    this.timer = timer;
    this.intervalNanos = interval.toNanos();
    this.timeoutMillis = timeout.toMillis();
  }

  /** Reading thread: bytes arrived. */
  void onRead() {
    readSinceHeartbeat = true;
  }

  /** Starts a period (once the handshake is done, and after each answered heartbeat). */
  void start() {
    if (intervalNanos > 0 && !connection.isClosed()) {
      readSinceHeartbeat = false;
      next = timer.schedule(this::tick, intervalNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void tick() {
    if (connection.isClosed()) {
      return;
    }
    if (readSinceHeartbeat) {
      start();
      return;
    }
    Timeout unanswered =
        timer.schedule(
            () ->
                connection.closeWith(
                    new ConnectionException(
                        "Connection to " + connection.endpoint() + " did not answer the heartbeat"
                            + " (OPTIONS) within " + timeoutMillis + " ms; marking it defunct",
                        connection.endpoint())),
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    deadline = unanswered;
    connection.send(
        new Options(),
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {
            unanswered.cancel();
            start();
          }

          @Override
          public void onFailure(Throwable error) {
            unanswered.cancel();
          }
        },
        Connection.NO_WAIT,
        Connection.NO_DEADLINE);
  }

  /** The connection closes: no more heartbeats. */
  void cancel() {
    Timeout t = next;
    if (t != null) {
      t.cancel();
    }
    t = deadline;
    if (t != null) {
      t.cancel();
    }
  }
}
