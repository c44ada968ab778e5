package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.transport.spi.Timer;
import io.loomcql.wire.Request;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection served by one {@link EventLoop}: the loop reads, and writes whatever callers could
 * not. Its requests live in an {@link InFlightTable}, bytes become frames in its {@link Framing},
 * and a {@link Heartbeat} watches it while idle: parts it holds in its {@link ConnectionParts},
 * which also carries out the {@link Connection} methods that do not touch the socket.
 *
 * <p>Writes. Callers encode and queue ({@link #send}). The first caller to queue after the last
 * drain takes the <em>flush claim</em> ({@code flushScheduled}, a CAS); the others just leave. If
 * the loop is awake, the claim goes to the loop, which flushes on its next turn with no wakeup. If
 * it sleeps, the claimant writes itself (direct writes, plain TCP only): waking the loop would
 * cost more than the write. Whoever writes holds the <em>write token</em> ({@code writeToken}, a
 * CAS) and moves the whole queue into one gathering write, on the non-blocking socket; a partial
 * write leaves the rest in the {@link GatheringWriter} for the loop, which arms OP_WRITE. Every token holder
 * re-checks the queue after releasing the token, so no request is stranded. Only the loop touches
 * the selection key.
 *
 * <p>State. One {@link State}, written by the loop except for the move to CLOSING, which any
 * closing thread makes; every change that could race with it is a CAS.
 */
final class NioConnection implements Connection {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final int LOOP_BATCHES_PER_TURN = 8;
  private static final int CALLER_BATCHES = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(NioConnection.class, "state", State.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Where the connection is in its life; CQL bytes flow in OPEN and BACKPRESSURED only. */
  private enum State {
    /** Not yet taken up by its loop. */
    NEW,
    /** TCP connect under way. */
    CONNECTING,
    /** TLS handshake under way. */
    TLS_HANDSHAKE,
    /** CQL bytes flow (the CQL handshake first). */
    OPEN,
    /** Open, and OP_WRITE is armed: callers leave writing to the loop. */
    BACKPRESSURED,
    /** A thread asked to close; the loop has yet to close the socket. */
    CLOSING,
    /** The loop closed the socket and failed every request. */
    CLOSED
  }

  private final EventLoop loop;
  private final InetSocketAddress endpoint;
  private final ConnectionOptions options;
  private final ProtocolVersion version;
  private final Counters counters;
  private final boolean directWrites;
  private final ConnectionParts parts;
  // The parts' own, named here for the socket side's use.
  private final InFlightTable table;
  private final Framing framing;
  private final Heartbeat heartbeat;
  private final CompletableFuture<Connection> ready;
  private final GatheringWriter writer;
  private final AtomicBoolean writeToken = new AtomicBoolean();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private volatile State state = State.NEW;

  // Loop thread only.
  private SocketChannel channel;
  private SelectionKey key;
  private Timeout connectTimeout;
  private TlsChannel tls;

  private NioConnection(
      EventLoop loop, InetSocketAddress endpoint, ConnectionOptions options, Counters counters,
      boolean directWrites) {
    this.loop = loop;
    this.endpoint = endpoint;
    this.options = options;
    this.version = options.protocolVersion();
    this.counters = counters;
    this.directWrites = directWrites && options.ssl() == null;
    this.parts = new ConnectionParts(this, this::requestWrite, this::shutdown, endpoint, options, counters, loop);
    this.table = parts.table();
    this.framing = parts.framing();
    this.heartbeat = parts.heartbeat();
    this.ready = parts.ready();
    this.writer = new GatheringWriter(table, framing, counters);
  }

  static CompletableFuture<Connection> open(
      EventLoop loop, InetSocketAddress endpoint, ConnectionOptions options, Counters counters,
      boolean directWrites) {
    NioConnection connection = new NioConnection(loop, endpoint, options, counters, directWrites);
    try {
      loop.execute(connection::startConnect);
    } catch (IllegalStateException loopGone) {
      connection.closeWith(
          new ConnectionException(
              "Cannot connect to " + endpoint + ": " + loopGone.getMessage(), endpoint));
    }
    return connection.ready;
  }

  // ------------------------------------------------------------------ Connection

  @Override
  public InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback,
      long maxWaitNanos, long deadlineNanos) {
    return parts.send(request, flags, customPayload, callback, maxWaitNanos, deadlineNanos);
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
  public int pendingRequests() {
    return parts.pendingRequests();
  }

  @Override
  public boolean isClosed() {
    return parts.isClosed();
  }

  @Override
  public CompletableFuture<Throwable> closeFuture() {
    return parts.closed();
  }

  @Override
  public String keyspace() {
    return parts.keyspace();
  }

  @Override
  public void keyspace(String keyspace) {
    parts.keyspace(keyspace);
  }

  @Override
  public String compression() {
    return parts.compression();
  }

  @Override
  public Timer timer() {
    return loop;
  }

  @Override
  public void close() {
    parts.close();
  }

  @Override
  public void closeWith(Throwable cause) {
    parts.closeWith(cause);
  }

  @Override
  public String toString() {
    return "NioConnection(" + endpoint + ", " + version + ")";
  }

  // ------------------------------------------------------------------ write side, any thread

  private static boolean writable(State s) {
    return s == State.OPEN || s == State.BACKPRESSURED;
  }

  /** Makes sure queued requests get written: by the caller, or by handing off to the loop. */
  private void requestWrite() {
    if (!writable(state)) {
      return; // the loop flushes once the socket is ready
    }
    if (loop.inLoop()) {
      flushOnLoop();
      return;
    }
    if (flushScheduled.get() || !flushScheduled.compareAndSet(false, true)) {
      return; // whoever holds the flush claim drains the queue, our request included
    }
    // We hold the flush claim. An awake loop flushes on its next turn at no cost, together with
    // whatever else comes meanwhile. A sleeping loop would cost a wakeup (a syscall, and tens of
    // microseconds to schedule its thread): write ourselves instead.
    if (directWrites && state == State.OPEN && loop.isSleeping()) {
      writeAsCaller();
    } else {
      loop.scheduleFlush(this);
    }
  }

  private void scheduleFlush() {
    if (!flushScheduled.get() && flushScheduled.compareAndSet(false, true)) {
      loop.scheduleFlush(this);
    }
  }

  /**
   * The calling thread holds the flush claim: write everything queued, without blocking, then
   * let go. When requests are in flight, the callers woken by the same batch of responses are
   * about to queue theirs: a virtual thread yields once first, so that they do (finding the claim
   * taken, they just leave) and one gathering write carries them all. If none did, the claim
   * goes to the loop after all. A platform thread with requests in flight is most likely one
   * thread submitting in a row under a window of permits: its yield would be a system call that
   * gathers nobody, and its own write would carry one frame per system call. It hands the claim
   * to the loop at once instead: one wakeup, and whatever it submits until the loop runs goes out
   * in the same write.
   */
  private void writeAsCaller() {
    if (table.onWire() > 0) {
      if (!Thread.currentThread().isVirtual()) {
        loop.scheduleFlush(this);
        return;
      }
      Thread.yield();
      if (table.queuedEstimate() <= 1) {
        // Nobody joined: most likely one thread submitting in a row (an async window). Left to
        // the loop, whatever it submits until the loop is up goes out in the same write.
        loop.scheduleFlush(this);
        return;
      }
    }
    if (!writeToken.compareAndSet(false, true)) {
      loop.scheduleFlush(this); // the token holder may already have looked at the queue
      return;
    }
    flushScheduled.set(false); // from here on, a new request claims a flush of its own
    GatheringWriter.Result result;
    try {
      result = writer.writeOut(CALLER_BATCHES);
    } catch (IOException | RuntimeException e) {
      writeToken.set(false);
      closeWith(ConnectionErrors.failure("Write to", endpoint, e));
      return;
    }
    writeToken.set(false);
    if (result != GatheringWriter.Result.ALL_WRITTEN || table.hasWritableWork() || writer.hasUnflushedHint()) {
      scheduleFlush();
    }
  }

  // ------------------------------------------------------------------ loop thread from here on

  /** Loop: flushes this connection (asked by a caller, by OP_WRITE, or by a response). */
  void flushOnLoop() {
    flushScheduled.set(false);
    if (!writable(state)) {
      return;
    }
    if (!writeToken.compareAndSet(false, true)) {
      return; // a caller is writing; it re-checks the queue when done
    }
    GatheringWriter.Result result;
    try {
      result = writer.writeOut(LOOP_BATCHES_PER_TURN);
    } catch (IOException | RuntimeException e) {
      writeToken.set(false);
      closeWith(ConnectionErrors.failure("Write to", endpoint, e));
      return;
    }
    boolean full = result == GatheringWriter.Result.SOCKET_FULL;
    setWriteInterest(full);
    writeToken.set(false);
    if (result == GatheringWriter.Result.MORE_WORK || (!full && table.hasWritableWork())) {
      if (flushScheduled.compareAndSet(false, true)) {
        loop.scheduleFlush(this); // next turn, after reads: no wakeup from the loop itself
      }
    }
  }

  private void setWriteInterest(boolean on) {
    if (key == null || !key.isValid()) {
      return;
    }
    int ops = key.interestOps();
    int wanted = on ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
    if (wanted != ops) {
      key.interestOps(wanted);
    }
    State from = on ? State.OPEN : State.BACKPRESSURED;
    if (state == from) {
      STATE.compareAndSet(this, from, on ? State.BACKPRESSURED : State.OPEN);
    }
  }

  private void startConnect() {
    if (table.isClosed() || !STATE.compareAndSet(this, State.NEW, State.CONNECTING)) {
      closeOnLoop();
      return;
    }
    loop.register(this);
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      for (Map.Entry<SocketOption<?>, Object> option : options.socketOptions().entrySet()) {
        setOption(channel, option.getKey(), option.getValue());
      }
      // the connect timeout bounds the TLS and CQL handshakes too
      long timeoutMillis = options.connectTimeout().toMillis();
      boolean tls = options.ssl() != null;
      connectTimeout =
          loop.schedule(
              () -> closeWith(ConnectionErrors.connectTimedOut(endpoint, timeoutMillis, tls)),
              options.connectTimeout().toNanos(),
              TimeUnit.NANOSECONDS);
      boolean connected = channel.connect(endpoint);
      key =
          channel.register(
              loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
      if (connected) {
        onConnected();
      }
    } catch (IOException | RuntimeException e) {
      closeWith(new ConnectionException("Could not connect to " + endpoint + ": " + e, endpoint, e));
    }
  }

  @SuppressWarnings("unchecked")
  private static void setOption(SocketChannel channel, SocketOption<?> option, Object value)
      throws IOException {
    channel.setOption((SocketOption<Object>) option, value);
  }

  private void onConnected() throws IOException {
    key.interestOps(SelectionKey.OP_READ);
    if (options.ssl() != null) {
      tls = TlsChannel.start(options.ssl(), endpoint, counters);
      STATE.compareAndSet(this, State.CONNECTING, State.TLS_HANDSHAKE);
      continueTlsHandshake();
    } else {
      startCql();
    }
  }

  private void continueTlsHandshake() throws IOException {
    TlsChannel.Step step = tls.handshake(channel);
    switch (step) {
      case NEED_WRITE -> key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      case NEED_READ -> key.interestOps(SelectionKey.OP_READ);
      case DONE -> {
        key.interestOps(SelectionKey.OP_READ);
        startCql();
      }
    }
  }

  private void startCql() {
    writer.attach(channel, tls);
    State from = state;
    if ((from == State.CONNECTING || from == State.TLS_HANDSHAKE)
        && STATE.compareAndSet(this, from, State.OPEN)) {
      new Handshake(this, framing, options, ready, this::handshakeDone).start();
    }
  }

  /** Loop, called by the handshake once the server accepts requests. */
  private void handshakeDone() {
    if (connectTimeout != null) {
      connectTimeout.cancel();
    }
    parts.opened(this);
  }

  /** Loop: the selector says the socket is ready. */
  void onReady(SelectionKey readyKey) {
    try {
      State s = state;
      if (!readyKey.isValid() || s == State.CLOSED) {
        return;
      }
      if (readyKey.isConnectable()) {
        if (channel.finishConnect()) {
          onConnected();
        }
        return;
      }
      if (s == State.TLS_HANDSHAKE) {
        continueTlsHandshake();
        return;
      }
      if (readyKey.isReadable()) {
        read();
      }
      if (readyKey.isValid() && readyKey.isWritable()) {
        flushOnLoop();
      }
    } catch (ProtocolException e) {
      LOG.warn("Closing connection to {}: {}", endpoint, e.getMessage());
      closeWith(e);
    } catch (IOException | RuntimeException e) {
      String what = state == State.TLS_HANDSHAKE ? "TLS handshake with" : "Connection to";
      closeWith(ConnectionErrors.failure(what, endpoint, e));
    }
  }

  private void read() throws IOException {
    ByteBuffer buffer = loop.readBuffer();
    int rounds = 0;
    while (state != State.CLOSED && !table.isClosed()) {
      buffer.clear();
      int n;
      if (tls != null) {
        n = tls.read(channel, buffer);
      } else {
        try {
          n = channel.read(buffer);
        } catch (IOException e) {
          if (ready.isDone()) {
            throw e;
          }
          throw closedByServer(e);
        }
        if (n > 0) {
          counters.bytesRead.add(n);
        }
      }
      if (n < 0) {
        closeWith(closedByServer(null));
        return;
      }
      if (n == 0) {
        break;
      }
      buffer.flip();
      heartbeat.onRead();
      framing.read(buffer);
      // Plain TCP: a short read means the socket is drained, and 16 full buffers are a fair
      // share; the selector is level-triggered. TLS may hold whole records in its own buffer,
      // so keep going until nothing comes out.
      if (tls == null && (n < buffer.capacity() || ++rounds == 16)) {
        break;
      }
    }
    if (table.resumeStalled()) {
      requestWrite();
    }
  }

  private ConnectionException closedByServer(IOException cause) {
    return parts.closedByServer(options.ssl() != null, cause);
  }

  // ------------------------------------------------------------------ closing

  /** After the first close: stops I/O on the loop, which then fails everything. */
  private void shutdown(Throwable cause) {
    if (loop.inLoop()) {
      closeOnLoop();
      return;
    }
    State before = markClosing();
    try {
      loop.execute(this::closeOnLoop);
    } catch (IllegalStateException loopGone) {
      // The loop is shutting down: it closes every connection it started. One it never started
      // is failed here, after the token is ours.
      if (before == State.NEW) {
        takeTokenForGood();
        parts.failEverything(cause);
      }
    }
  }

  /** Moves to CLOSING unless the loop closed already; returns the state it left. */
  private State markClosing() {
    while (true) {
      State s = state;
      if (s == State.CLOSING || s == State.CLOSED || STATE.compareAndSet(this, s, State.CLOSING)) {
        return s;
      }
    }
  }

  /** Loop: closes the socket and fails everything, once. */
  void closeOnLoop() {
    if (state == State.CLOSED) {
      return;
    }
    if (!table.isClosed()) {
      close();
      return; // close came back here with the cause set
    }
    state = State.CLOSED;
    if (connectTimeout != null) {
      connectTimeout.cancel();
    }
    if (tls != null && channel != null && channel.isConnected()) {
      tls.closeQuietly(channel);
    }
    if (key != null) {
      key.cancel();
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("Closing the socket to {} failed", endpoint, e);
      }
    }
    takeTokenForGood();
    writer.discard();
    loop.deregister(this);
    parts.failEverything(table.closedCause());
  }

  private void takeTokenForGood() {
    // A caller holding the token is in a non-blocking write on a socket we just closed: it lets
    // go within microseconds.
    while (!writeToken.compareAndSet(false, true)) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
