package io.loomcql.cluster;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.Request;
import io.loomcql.transport.internal.Connection;
import io.loomcql.transport.internal.InFlightRequest;
import io.loomcql.transport.internal.ResponseCallback;
import io.loomcql.transport.internal.Timeout;
import io.loomcql.transport.internal.Timer;
import java.lang.reflect.Constructor;
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
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback) {
    return send(request, flags, customPayload, callback, 0, Long.MAX_VALUE);
  }

  @Override
  public InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos) {
    return send(request, flags, customPayload, callback, maxWaitNanos, Long.MAX_VALUE);
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
    InFlightRequest inFlight = newInFlightRequest(callback, deadlineNanos);
    Sent record = new Sent(request, callback, inFlight, flags);
    all.add(record);
    sent.add(record);
    return inFlight;
  }

  /**
   * The transport's handle for a request, made without a connection behind it (its constructor
   * belongs to the transport); cancelling it only marks it cancelled.
   */
  private static InFlightRequest newInFlightRequest(ResponseCallback callback, long deadlineNanos) {
    try {
      Class<?> owner = Class.forName("io.loomcql.transport.internal.BaseConnection");
      Constructor<InFlightRequest> constructor =
          InFlightRequest.class.getDeclaredConstructor(owner, ByteBuffer.class, ResponseCallback.class, long.class);
      constructor.setAccessible(true);
      return constructor.newInstance(null, ByteBuffer.allocate(0), callback, deadlineNanos);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Timeout newTimeout(Runnable task) {
    try {
      Class<?> wheelClass = Class.forName("io.loomcql.transport.internal.TimerWheel");
      Constructor<?> wheelConstructor = wheelClass.getDeclaredConstructor(String.class, Thread.class);
      wheelConstructor.setAccessible(true);
      Object wheel = wheelConstructor.newInstance("fake", Thread.currentThread());
      Constructor<Timeout> constructor =
          Timeout.class.getDeclaredConstructor(wheelClass, long.class, Runnable.class);
      constructor.setAccessible(true);
      return constructor.newInstance(wheel, Long.MAX_VALUE, task);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
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
      Timeout timeout = newTimeout(task);
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
