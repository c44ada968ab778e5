package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.transport.spi.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * A connection served by one {@link EventLoop}: the loop reads, and writes whatever callers could
 * not.
 *
 * <p>Writes. Callers encode and queue ({@link BaseConnection#send}). The first caller to queue
 * after the last drain takes the <em>flush claim</em> ({@code flushScheduled}, a CAS); the others
 * just leave. If the loop is awake, the claim goes to the loop, which flushes on its next turn
 * with no wakeup. If it sleeps, the claimant writes itself (direct writes, plain TCP only):
 * waking the loop would cost more than the write. Whoever writes holds the <em>write token</em>
 * ({@code writeToken}, a CAS) and moves the whole queue into one gathering write, on the
 * non-blocking socket; a partial write leaves the rest in {@code unflushed} for the loop, which
 * arms OP_WRITE. Every token holder re-checks the queue after releasing the token, so no request
 * is stranded. Only the loop touches the selection key.
 */
final class NioConnection extends BaseConnection {

  private static final int MAX_BUFFERS_PER_WRITE = 1024;
  private static final int LOOP_BATCHES_PER_TURN = 8;
  private static final int CALLER_BATCHES = 2;

  private enum WriteResult { ALL_WRITTEN, SOCKET_FULL, MORE_WORK }

  private final EventLoop loop;
  private final boolean directWrites;
  private final AtomicBoolean writeToken = new AtomicBoolean();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  // Set by the loop once the socket accepts CQL bytes (after TLS); false again when closing.
  private volatile boolean writable;
  // Set by the loop while OP_WRITE is armed: callers leave writing to the loop then.
  private volatile boolean backpressured;

  // Write-token holder only.
  private final ArrayDeque<ByteBuffer> unflushed = new ArrayDeque<>();
  private final Consumer<ByteBuffer> unflushedSink = unflushed::add;
  private final ArrayList<ByteBuffer> drained = new ArrayList<>();
  private ByteBuffer[] writeArray = new ByteBuffer[64];

  // Loop thread only (tls also read by the token holder after `writable` was published).
  private SocketChannel channel;
  private SelectionKey key;
  private Timeout connectTimeout;
  private TlsChannel tls;
  private boolean closedOnLoop;
  private volatile boolean startedOnLoop;

  private NioConnection(
      EventLoop loop, InetSocketAddress endpoint, ConnectionOptions options, Counters counters,
      boolean directWrites) {
    super(endpoint, options, counters);
    this.loop = loop;
    this.directWrites = directWrites && options.ssl() == null;
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

  @Override
  public Timer timer() {
    return loop;
  }

  EventLoop eventLoop() {
    return loop;
  }

  // ------------------------------------------------------------------ write side, any thread

  @Override
  void requestWrite() {
    if (!writable) {
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
    if (directWrites && !backpressured && loop.isSleeping()) {
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
   * goes to the loop after all.
   */
  private void writeAsCaller() {
    if (streamIds.inUse() > 0 && Thread.currentThread().isVirtual()) {
      Thread.yield();
      if (queuedEstimate() <= 1) {
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
    WriteResult result;
    try {
      result = writeOut(CALLER_BATCHES);
    } catch (IOException | RuntimeException e) {
      writeToken.set(false);
      closeWith(failure("Write to", e));
      return;
    }
    writeToken.set(false);
    if (result != WriteResult.ALL_WRITTEN || hasWritableWork() || !unflushedEmptyHint()) {
      scheduleFlush();
    }
  }

  // Read after the token was released: a stale answer only costs an extra loop turn.
  private boolean unflushedEmptyHint() {
    return unflushed.isEmpty();
  }

  /** Token holder: pending output first, then up to {@code batches} drains of the queue. */
  private WriteResult writeOut(int batches) throws IOException {
    if (!flushUnflushed()) {
      return WriteResult.SOCKET_FULL;
    }
    for (int i = 0; i < batches; i++) {
      drained.clear();
      if (drainFrames(drained, MAX_BYTES_PER_DRAIN) == 0) {
        return WriteResult.ALL_WRITTEN;
      }
      frameForWire(drained, unflushedSink);
      drained.clear();
      if (!flushUnflushed()) {
        return WriteResult.SOCKET_FULL;
      }
    }
    return hasWritableWork() ? WriteResult.MORE_WORK : WriteResult.ALL_WRITTEN;
  }

  /** Token holder: writes buffered output; true when all of it went out. */
  private boolean flushUnflushed() throws IOException {
    TlsChannel tlsChannel = tls;
    while (!unflushed.isEmpty()) {
      int count = Math.min(unflushed.size(), MAX_BUFFERS_PER_WRITE);
      if (writeArray.length < count) {
        writeArray = new ByteBuffer[Math.max(count, writeArray.length * 2)];
      }
      int i = 0;
      for (ByteBuffer buffer : unflushed) {
        if (i == count) {
          break;
        }
        writeArray[i++] = buffer;
      }
      if (tlsChannel != null) {
        tlsChannel.write(channel, writeArray, 0, count);
      } else {
        long written = channel.write(writeArray, 0, count);
        counters.flushes.increment();
        counters.bytesWritten.add(written);
      }
      Arrays.fill(writeArray, 0, count, null);
      int done = 0;
      while (!unflushed.isEmpty() && !unflushed.peekFirst().hasRemaining()) {
        unflushed.pollFirst();
        done++;
      }
      if (done < count) {
        return false; // the socket buffer is full
      }
    }
    return tlsChannel == null || !tlsChannel.hasPendingOutput();
  }

  // ------------------------------------------------------------------ loop thread from here on

  /** Loop: flushes this connection (asked by a caller, by OP_WRITE, or by a response). */
  void flushOnLoop() {
    flushScheduled.set(false);
    if (!writable || closedOnLoop) {
      return;
    }
    if (!writeToken.compareAndSet(false, true)) {
      return; // a caller is writing; it re-checks the queue when done
    }
    WriteResult result;
    try {
      result = writeOut(LOOP_BATCHES_PER_TURN);
    } catch (IOException | RuntimeException e) {
      writeToken.set(false);
      closeWith(failure("Write to", e));
      return;
    }
    boolean full = result == WriteResult.SOCKET_FULL;
    setWriteInterest(full);
    writeToken.set(false);
    if (result == WriteResult.MORE_WORK || (!full && hasWritableWork())) {
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
    backpressured = on;
  }

  private void startConnect() {
    if (closedCause != null) {
      closeOnLoop();
      return;
    }
    startedOnLoop = true;
    loop.register(this);
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      for (Map.Entry<SocketOption<?>, Object> option : options.socketOptions().entrySet()) {
        setOption(channel, option.getKey(), option.getValue());
      }
      long timeoutMillis = options.connectTimeout().toMillis();
      connectTimeout =
          loop.schedule(
              () ->
                  closeWith(
                      new ConnectionException(
                          "Could not connect to " + endpoint + " within " + timeoutMillis
                              + " ms (connect timeout, TLS and CQL handshakes included)",
                          endpoint)),
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
    writable = true;
    new Handshake(this, options).start();
  }

  @Override
  void handshakeDone() {
    if (connectTimeout != null) {
      connectTimeout.cancel();
    }
    super.handshakeDone();
  }

  /** Loop: the selector says the socket is ready. */
  void onReady(SelectionKey readyKey) {
    try {
      if (!readyKey.isValid() || closedOnLoop) {
        return;
      }
      if (readyKey.isConnectable()) {
        if (channel.finishConnect()) {
          onConnected();
        }
        return;
      }
      if (tls != null && !writable) {
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
      closeWith(failure(tls != null && !writable ? "TLS handshake with" : "Connection to", e));
    }
  }

  private void read() throws IOException {
    ByteBuffer buffer = loop.readBuffer();
    int rounds = 0;
    while (!closedOnLoop && closedCause == null) {
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
      onBytes(buffer);
      // Plain TCP: a short read means the socket is drained, and 16 full buffers are a fair
      // share; the selector is level-triggered. TLS may hold whole records in its own buffer,
      // so keep going until nothing comes out.
      if (tls == null && (n < buffer.capacity() || ++rounds == 16)) {
        break;
      }
    }
    resumeIfStalled();
  }

  @Override
  void shutdownTransport(Throwable cause) {
    if (loop.inLoop()) {
      closeOnLoop();
      return;
    }
    writable = false;
    try {
      loop.execute(this::closeOnLoop);
    } catch (IllegalStateException loopGone) {
      // The loop is shutting down: it closes every connection it started. One it never started
      // is failed here, after the token is ours.
      if (!startedOnLoop) {
        takeTokenForGood();
        failEverything(cause);
      }
    }
  }

  /** Loop: closes the socket and fails everything, once. */
  void closeOnLoop() {
    if (closedOnLoop) {
      return;
    }
    if (closedCause == null) {
      closeWith(new ConnectionException("Connection to " + endpoint + " was closed", endpoint));
      return; // closeWith came back here with the cause set
    }
    closedOnLoop = true;
    writable = false;
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
    unflushed.clear();
    loop.deregister(this);
    failEverything(closedCause);
  }

  private void takeTokenForGood() {
    // A caller holding the token is in a non-blocking write on a socket we just closed: it lets
    // go within microseconds.
    while (!writeToken.compareAndSet(false, true)) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private ConnectionException failure(String what, Throwable e) {
    if (e instanceof ConnectionException ce) {
      return ce;
    }
    String detail = e instanceof SSLException ? "TLS error: " + e.getMessage() : e.toString();
    return new ConnectionException(what + " " + endpoint + " failed: " + detail, endpoint, e);
  }
}
