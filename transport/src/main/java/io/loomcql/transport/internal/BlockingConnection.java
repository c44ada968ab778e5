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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection over a blocking socket. Its reader virtual thread connects, runs the TLS and CQL
 * handshakes, then reads and dispatches responses (callbacks run on it). Its requests live in an
 * {@link InFlightTable}, bytes become frames in its {@link Framing}, and a {@link Heartbeat}
 * watches it while idle: parts it holds in its {@link ConnectionParts}, which also carries out the
 * {@link Connection} methods that do not touch the socket.
 *
 * <p>Callers write under {@code writeLock}: the first caller to get the lock drains every queued
 * request into one buffer and one socket write, the others just queue and leave (the holder
 * re-checks the queue after unlocking). Under load the holder yields once before draining, so that
 * the callers woken by the same read queue theirs first. I/O threads (the reader, the timer) never
 * write themselves: blocking there could stall the reads the server waits for, so they hand the
 * write to a fresh virtual thread.
 */
final class BlockingConnection implements Connection {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_BYTES_PER_DRAIN = 256 * 1024;

  private final BlockingTransport transport;
  private final InetSocketAddress endpoint;
  private final ConnectionOptions options;
  private final ProtocolVersion version;
  private final Counters counters;
  private final ConnectionParts parts;
  // The parts' own, named here for the socket side's use.
  private final InFlightTable table;
  private final Framing framing;
  private final Heartbeat heartbeat;
  private final CompletableFuture<Connection> ready;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Socket rawSocket;
  private volatile boolean writable;
  private volatile Thread reader;
  private volatile Timeout connectTimeout;

  // writeLock holder only.
  private OutputStream out;
  private final byte[] writeBuffer = new byte[BUFFER_SIZE];
  private int writeFill;
  private final ArrayList<ByteBuffer> drained = new ArrayList<>();
  private final ArrayList<ByteBuffer> wire = new ArrayList<>();
  private final Consumer<ByteBuffer> wireSink = wire::add;

  private BlockingConnection(
      BlockingTransport transport, InetSocketAddress endpoint, ConnectionOptions options) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.options = options;
    this.version = options.protocolVersion();
    this.counters = transport.liveCounters();
    this.parts =
        new ConnectionParts(
            this, this::requestWrite, this::shutdown, endpoint, options, counters, transport.timer());
    this.table = parts.table();
    this.framing = parts.framing();
    this.heartbeat = parts.heartbeat();
    this.ready = parts.ready();
  }

  static CompletableFuture<Connection> open(
      BlockingTransport transport, InetSocketAddress endpoint, ConnectionOptions options) {
    BlockingConnection connection = new BlockingConnection(transport, endpoint, options);
    long timeoutMillis = options.connectTimeout().toMillis();
    // the connect timeout bounds the TLS and CQL handshakes too
    connection.connectTimeout =
        transport
            .timer()
            .schedule(
                () ->
                    connection.closeWith(
                        ConnectionErrors.connectTimedOut(endpoint, timeoutMillis, options.ssl() != null)),
                timeoutMillis,
                TimeUnit.MILLISECONDS);
    Thread thread =
        Thread.ofVirtual()
            .name(transport.name() + "-reader-" + endpoint)
            .unstarted(connection::run);
    connection.reader = thread;
    IoThreads.register(thread);
    transport.track(connection);
    thread.start();
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
    return transport.timer();
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
    return "BlockingConnection(" + endpoint + ", " + version + ")";
  }

  // ------------------------------------------------------------------ reader thread

  private void run() {
    try {
      InputStream in = connect();
      if (in == null) {
        return;
      }
      writable = true;
      new Handshake(this, framing, options, ready, this::handshakeDone).start();
      byte[] buffer = new byte[BUFFER_SIZE];
      ByteBuffer bytes = ByteBuffer.wrap(buffer);
      while (!table.isClosed()) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          if (ready.isDone() || e instanceof SSLException) {
            throw e;
          }
          closeWith(closedByServer(e));
          return;
        }
        if (n < 0) {
          closeWith(closedByServer(null));
          return;
        }
        counters.bytesRead.add(n);
        bytes.clear().limit(n);
        heartbeat.onRead();
        framing.read(bytes);
        if (table.resumeStalled()) {
          requestWrite();
        }
      }
    } catch (ProtocolException e) {
      LOG.warn("Closing connection to {}: {}", endpoint, e.getMessage());
      closeWith(e);
    } catch (IOException | RuntimeException e) {
      if (!table.isClosed()) {
        String what = e instanceof SSLException ? "TLS handshake with" : "Connection to";
        closeWith(ConnectionErrors.failure(what, endpoint, e));
      }
    } finally {
      IoThreads.unregister(Thread.currentThread());
    }
  }

  /** Reader: connects (TLS included) and publishes the output stream; null if closed meanwhile. */
  private InputStream connect() throws IOException {
    Socket socket = new Socket();
    for (Map.Entry<SocketOption<?>, Object> option : options.socketOptions().entrySet()) {
      setOption(socket, option.getKey(), option.getValue());
    }
    rawSocket = socket;
    if (table.isClosed()) {
      socket.close();
      return null;
    }
    socket.connect(endpoint, (int) Math.max(1, options.connectTimeout().toMillis()));
    Socket connected = socket;
    if (options.ssl() != null) {
      SSLSocket ssl =
          (SSLSocket)
              options
                  .ssl()
                  .context()
                  .getSocketFactory()
                  .createSocket(socket, endpoint.getHostString(), endpoint.getPort(), true);
      ssl.setUseClientMode(true);
      SSLParameters parameters = TlsChannel.newEngine(options.ssl(), endpoint).getSSLParameters();
      ssl.setSSLParameters(parameters);
      ssl.startHandshake();
      connected = ssl;
    }
    InputStream in = connected.getInputStream();
    writeLock.lock();
    try {
      out = connected.getOutputStream();
    } finally {
      writeLock.unlock();
    }
    return in;
  }

  @SuppressWarnings("unchecked")
  private static void setOption(Socket socket, SocketOption<?> option, Object value)
      throws IOException {
    socket.setOption((SocketOption<Object>) option, value);
  }

  /** Reader, called by the handshake once the server accepts requests. */
  private void handshakeDone() {
    Timeout t = connectTimeout;
    if (t != null) {
      t.cancel();
    }
    parts.opened(this);
  }

  private ConnectionException closedByServer(IOException cause) {
    return parts.closedByServer(options.ssl() != null, cause);
  }

  // ------------------------------------------------------------------ write side

  private void requestWrite() {
    if (!writable) {
      return;
    }
    if (IoThreads.isIoThread()) {
      Thread.ofVirtual().start(this::drain);
    } else {
      drain();
    }
  }

  private void drain() {
    boolean first = true;
    while (true) {
      if (!writeLock.tryLock()) {
        return; // the holder re-checks the queue after unlocking
      }
      try {
        if (table.isClosed()) {
          return;
        }
        if (first && table.onWire() > 0 && Thread.currentThread().isVirtual()) {
          // The callers woken by the same read are about to queue their requests: let them (they
          // find the lock taken and leave), then one write carries them all.
          Thread.yield();
        }
        first = false;
        drained.clear();
        if (table.drain(drained, MAX_BYTES_PER_DRAIN) > 0) {
          wire.clear();
          framing.frameForWire(drained, wireSink);
          for (int i = 0; i < wire.size(); i++) {
            put(wire.get(i));
          }
          flushBuffer();
          wire.clear();
          drained.clear();
        }
      } catch (IOException | RuntimeException e) {
        closeWith(ConnectionErrors.failure("Write to", endpoint, e));
        return;
      } finally {
        writeLock.unlock();
      }
      if (!table.hasWritableWork()) {
        return;
      }
    }
  }

  private void put(ByteBuffer buffer) throws IOException {
    ByteBuffer b = buffer.duplicate();
    while (b.hasRemaining()) {
      if (writeFill == writeBuffer.length) {
        flushBuffer();
      }
      int n = Math.min(b.remaining(), writeBuffer.length - writeFill);
      b.get(writeBuffer, writeFill, n);
      writeFill += n;
    }
  }

  private void flushBuffer() throws IOException {
    if (writeFill > 0) {
      out.write(writeBuffer, 0, writeFill);
      counters.flushes.increment();
      counters.bytesWritten.add(writeFill);
      writeFill = 0;
    }
  }

  // ------------------------------------------------------------------ closing

  /** After the first close: closes the socket, then fails everything with the write lock held. */
  private void shutdown(Throwable cause) {
    writable = false;
    Timeout t = connectTimeout;
    if (t != null) {
      t.cancel();
    }
    Socket socket = rawSocket;
    if (socket != null) {
      try {
        socket.close(); // unblocks the reader and any writer
      } catch (IOException e) {
        LOG.debug("Closing the socket to {} failed", endpoint, e);
      }
    }
    // Taken for good: no request is written after the table is swept.
    writeLock.lock();
    parts.failEverything(cause);
    transport.untrack(this);
  }

  /** Waits (up to 10 s) for the reader thread to end, unless called from it. */
  void awaitReader() {
    Thread thread = reader;
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
