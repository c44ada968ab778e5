package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.transport.spi.Timer;
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

/**
 * A connection over a blocking socket. Its reader virtual thread connects, runs the TLS and CQL
 * handshakes, then reads and dispatches responses (callbacks run on it). Callers write under
 * {@code writeLock}: the first caller to get the lock drains every queued request into one buffer
 * and one socket write, the others just queue and leave (the holder re-checks the queue after
 * unlocking). Under load the holder yields once before draining, so that the callers woken by the
 * same read queue theirs first. I/O threads (the reader, the timer) never write themselves: blocking there could
 * stall the reads the server waits for, so they hand the write to a fresh virtual thread.
 */
final class BlockingConnection extends BaseConnection {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final BlockingTransport transport;
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
    super(endpoint, options, transport.liveCounters());
    this.transport = transport;
  }

  static CompletableFuture<Connection> open(
      BlockingTransport transport, InetSocketAddress endpoint, ConnectionOptions options) {
    BlockingConnection connection = new BlockingConnection(transport, endpoint, options);
    long timeoutMillis = options.connectTimeout().toMillis();
    connection.connectTimeout =
        transport
            .timer()
            .schedule(
                () ->
                    connection.closeWith(
                        new ConnectionException(
                            "Could not connect to " + endpoint + " within " + timeoutMillis
                                + " ms (connect timeout, TLS and CQL handshakes included)",
                            endpoint)),
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

  @Override
  public Timer timer() {
    return transport.timer();
  }

  // ------------------------------------------------------------------ reader thread

  private void run() {
    try {
      Socket socket = new Socket();
      for (Map.Entry<SocketOption<?>, Object> option : options.socketOptions().entrySet()) {
        setOption(socket, option.getKey(), option.getValue());
      }
      rawSocket = socket;
      if (closedCause != null) {
        socket.close();
        return;
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
      writable = true;
      new Handshake(this, options).start();
      byte[] buffer = new byte[BUFFER_SIZE];
      ByteBuffer bytes = ByteBuffer.wrap(buffer);
      while (closedCause == null) {
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
        onBytes(bytes);
        resumeIfStalled();
      }
    } catch (ProtocolException e) {
      LOG.warn("Closing connection to {}: {}", endpoint, e.getMessage());
      closeWith(e);
    } catch (IOException | RuntimeException e) {
      if (closedCause == null) {
        String what = e instanceof SSLException ? "TLS handshake with " : "Connection to ";
        String detail = e instanceof SSLException ? "TLS error: " + e.getMessage() : e.toString();
        closeWith(new ConnectionException(what + endpoint + " failed: " + detail, endpoint, e));
      }
    } finally {
      IoThreads.unregister(Thread.currentThread());
    }
  }

  @SuppressWarnings("unchecked")
  private static void setOption(Socket socket, SocketOption<?> option, Object value)
      throws IOException {
    socket.setOption((SocketOption<Object>) option, value);
  }

  @Override
  void handshakeDone() {
    Timeout t = connectTimeout;
    if (t != null) {
      t.cancel();
    }
    super.handshakeDone();
  }

  // ------------------------------------------------------------------ write side

  @Override
  void requestWrite() {
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
        if (closedCause != null) {
          return;
        }
        if (first && streamIds.inUse() > 0 && Thread.currentThread().isVirtual()) {
          // The callers woken by the same read are about to queue their requests: let them (they
          // find the lock taken and leave), then one write carries them all.
          Thread.yield();
        }
        first = false;
        drained.clear();
        if (drainFrames(drained, MAX_BYTES_PER_DRAIN) > 0) {
          wire.clear();
          frameForWire(drained, wireSink);
          for (int i = 0; i < wire.size(); i++) {
            put(wire.get(i));
          }
          flushBuffer();
          wire.clear();
          drained.clear();
        }
      } catch (IOException | RuntimeException e) {
        closeWith(
            new ConnectionException("Write to " + endpoint + " failed: " + e, endpoint, e));
        return;
      } finally {
        writeLock.unlock();
      }
      if (!hasWritableWork()) {
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

  @Override
  void shutdownTransport(Throwable cause) {
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
    failEverything(cause);
    transport.untrack(this);
  }

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

  boolean readerEnded() {
    Thread thread = reader;
    return thread == null || !thread.isAlive();
  }
}
