package io.loomcql.cluster;

import io.loomcql.ProtocolVersion;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.transport.spi.Timer;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A connection without a socket: it records each request sent on it and lets the test answer
 * (or fail, or signal the deadline of) each one; its timer records tasks for the test to run.
 */
final class FakeConnection implements Connection {

  /** One request sent on this connection, and the means to answer it. */
  static final class Sent {
    final Request request;
    final ResponseCallback callback;
    final InFlightRequest inFlight;
    final int flags;

    Sent(Request request, ResponseCallback callback, InFlightRequest inFlight, int flags) {
      this.request = request;
      this.callback = callback;
      this.inFlight = inFlight;
      this.flags = flags;
    }

    void answer(ProtocolVersion version, int opcode, ByteBuffer body) {
      callback.onResponse(new Frame(version, 0, 1, opcode, body));
    }
  }

  private final InetSocketAddress endpoint;
  private final ProtocolVersion version;
  final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
  /** Every request sent, in order, whether answered or not. */
  final List<Sent> all = new CopyOnWriteArrayList<>();
  /** The tasks scheduled on this connection's timer, for the test to run. */
  final BlockingQueue<Runnable> timerTasks = new LinkedBlockingQueue<>();
  /** The handles of the tasks scheduled on this connection's timer, in order. */
  final List<Timeout> timeouts = new CopyOnWriteArrayList<>();
  /** When set, send refuses at once (the connection is closed), failing with this error. */
  volatile RuntimeException refuseWith;

  FakeConnection(InetSocketAddress endpoint, ProtocolVersion version) {
    this.endpoint = endpoint;
    this.version = version;
  }

  /** The next request sent on this connection, waiting for it (the request runs on another thread). */
  Sent next() {
    return take(sent, "request sent to " + endpoint);
  }

  /** The next task scheduled on this connection's timer, waiting for it. */
  Runnable nextTimerTask() {
    return take(timerTasks, "timer task of " + endpoint);
  }

  /** Waits for an element; the bound only keeps a broken request from hanging the build. */
  private static <T> T take(BlockingQueue<T> queue, String what) {
    try {
      T next = queue.poll(30, TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("No " + what + " within 30 s");
      }
      return next;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public InetSocketAddress endpoint() {
    return endpoint;
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return version;
  }

  @Override
  public InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos, long deadlineNanos) {
    RuntimeException refused = refuseWith;
    if (refused != null) {
      callback.onFailure(refused);
      return null;
    }
    InFlightRequest inFlight = new FakeInFlight();
    Sent record = new Sent(request, callback, inFlight, flags);
    all.add(record);
    sent.add(record);
    return inFlight;
  }

  /** A request's handle: cancelling it only marks it cancelled. */
  private static final class FakeInFlight implements InFlightRequest {
    private volatile boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

  /** A timer entry that never fires by itself: the test runs its task. */
  private static final class FakeTimeout implements Timeout {
    private volatile boolean cancelled;

    @Override
    public boolean cancel() {
      boolean was = cancelled;
      cancelled = true;
      return !was;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isExpired() {
      return false;
    }
  }

  @Override
  public void close() {}

  @Override
  public void closeWith(Throwable cause) {}

  @Override
  public boolean isClosed() {
    return false;
  }

  @Override
  public CompletableFuture<Throwable> closeFuture() {
    return new CompletableFuture<>();
  }

  @Override
  public int pendingRequests() {
    return 0;
  }

  @Override
  public String keyspace() {
    return null;
  }

  @Override
  public void keyspace(String keyspace) {}

  @Override
  public Timer timer() {
    return (task, delay, unit) -> {
      Timeout timeout = new FakeTimeout();
      timeouts.add(timeout);
      timerTasks.add(task);
      return timeout;
    };
  }

  @Override
  public String compression() {
    return null;
  }

  @Override
  public String toString() {
    return "FakeConnection(" + endpoint + ")";
  }
}
