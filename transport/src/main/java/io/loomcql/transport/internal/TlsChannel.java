package io.loomcql.transport.internal;

import io.loomcql.transport.SslOptions;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS over a non-blocking socket through an {@link SSLEngine}: the handshake, then unwrap on
 * read and wrap on write. Loop thread only (the NIO connection never writes TLS from callers).
 *
 * <p>{@code netIn} holds received ciphertext in write mode (position = end of the data);
 * {@code netOut} holds ciphertext still to send in read mode.
 */
final class TlsChannel {

  enum Step { DONE, NEED_READ, NEED_WRITE }

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SSLEngine engine;
  private final Counters counters;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer handshakeApp;

  private TlsChannel(SSLEngine engine, Counters counters) {
    this.engine = engine;
    this.counters = counters;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(Math.max(packet, 64 * 1024)).flip();
    this.handshakeApp = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
  }

  /** An engine in client mode for {@code endpoint}, hostname verification as configured. */
  static SSLEngine newEngine(SslOptions ssl, InetSocketAddress endpoint) {
    SSLEngine engine = ssl.context().createSSLEngine(endpoint.getHostString(), endpoint.getPort());
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    if (ssl.hostnameVerification()) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (ssl.protocols() != null) {
      parameters.setProtocols(ssl.protocols().toArray(String[]::new));
    }
    if (ssl.cipherSuites() != null) {
      parameters.setCipherSuites(ssl.cipherSuites().toArray(String[]::new));
    }
    engine.setSSLParameters(parameters);
    return engine;
  }

  static TlsChannel start(SslOptions ssl, InetSocketAddress endpoint, Counters counters)
      throws SSLException {
    SSLEngine engine = newEngine(ssl, endpoint);
    engine.beginHandshake();
    return new TlsChannel(engine, counters);
  }

  /** Drives the handshake as far as the socket allows. */
  Step handshake(SocketChannel channel) throws IOException {
    while (true) {
      if (!flush(channel)) {
        return Step.NEED_WRITE;
      }
      SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
      switch (status) {
        case NOT_HANDSHAKING, FINISHED -> {
          return Step.DONE;
        }
        case NEED_TASK -> runTasks();
        case NEED_WRAP -> {
          netOut.compact();
          SSLEngineResult result;
          try {
            result = engine.wrap(EMPTY, netOut);
          } finally {
            netOut.flip();
          }
          if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            netOut = grow(netOut, engine.getSession().getPacketBufferSize(), true);
          } else if (result.getStatus() == SSLEngineResult.Status.CLOSED && !netOut.hasRemaining()) {
            throw new SSLException("the TLS engine closed during the handshake");
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          netIn.flip();
          SSLEngineResult result;
          try {
            result = engine.unwrap(netIn, handshakeApp);
          } finally {
            netIn.compact();
          }
          switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
              if (!netIn.hasRemaining()) {
                netIn = grow(netIn, engine.getSession().getPacketBufferSize(), false);
              }
              int n = channel.read(netIn);
              if (n < 0) {
                throw new EOFException("the server closed the connection during the TLS handshake");
              }
              if (n == 0) {
                return Step.NEED_READ;
              }
              counters.bytesRead.add(n);
            }
            case BUFFER_OVERFLOW ->
                handshakeApp = grow(handshakeApp, engine.getSession().getApplicationBufferSize(), false);
            case CLOSED -> throw new SSLException("the server closed TLS during the handshake");
            case OK -> { }
          }
        }
      }
    }
  }

  /**
   * Reads ciphertext and unwraps what it can into {@code app} (write mode).
   *
   * @return plaintext bytes added, or -1 when the peer closed (EOF or close_notify) and nothing
   *     was added
   */
  int read(SocketChannel channel, ByteBuffer app) throws IOException {
    int start = app.position();
    boolean eof = false;
    if (!netIn.hasRemaining()) {
      netIn = grow(netIn, engine.getSession().getPacketBufferSize(), false);
    }
    int n = channel.read(netIn);
    if (n < 0) {
      eof = true;
    } else {
      counters.bytesRead.add(n);
    }
    netIn.flip();
    try {
      while (netIn.hasRemaining()) {
        SSLEngineResult result = engine.unwrap(netIn, app);
        SSLEngineResult.Status status = result.getStatus();
        if (status == SSLEngineResult.Status.CLOSED) {
          eof = true;
          break;
        }
        if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW
            || status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
          break;
        }
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
          runTasks();
        }
        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
          // post-handshake message to answer (e.g. a TLS 1.3 key update): queue it
          netOut.compact();
          try {
            engine.wrap(EMPTY, netOut);
          } finally {
            netOut.flip();
          }
        }
      }
    } finally {
      netIn.compact();
    }
    int produced = app.position() - start;
    return produced == 0 && eof ? -1 : produced;
  }

  /**
   * Wraps as much of {@code srcs} as the socket takes and writes it.
   *
   * @return plaintext bytes consumed from {@code srcs}
   */
  long write(SocketChannel channel, ByteBuffer[] srcs, int offset, int length) throws IOException {
    long consumed = 0;
    while (flush(channel) && remaining(srcs, offset, length)) {
      netOut.compact();
      SSLEngineResult result;
      try {
        result = engine.wrap(srcs, offset, length, netOut);
      } finally {
        netOut.flip();
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("the TLS session is closed");
      }
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && !netOut.hasRemaining()) {
        netOut = grow(netOut, engine.getSession().getPacketBufferSize(), true);
      }
      consumed += result.bytesConsumed();
    }
    return consumed;
  }

  /** Whether ciphertext waits for the socket. */
  boolean hasPendingOutput() {
    return netOut.hasRemaining();
  }

  /** Writes pending ciphertext; true when none is left. */
  boolean flush(SocketChannel channel) throws IOException {
    while (netOut.hasRemaining()) {
      int n = channel.write(netOut);
      counters.flushes.increment();
      counters.bytesWritten.add(n);
      if (n == 0) {
        return false;
      }
    }
    return true;
  }

  /** Sends close_notify if the socket takes it right away; never blocks. */
  void closeQuietly(SocketChannel channel) {
    try {
      engine.closeOutbound();
      netOut.compact();
      try {
        engine.wrap(EMPTY, netOut);
      } finally {
        netOut.flip();
      }
      flush(channel);
    } catch (IOException | RuntimeException ignored) {
      // best effort: the socket is closed next anyway
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private static boolean remaining(ByteBuffer[] srcs, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (srcs[i].hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  /** A larger copy; {@code readMode} tells whether {@code b} is in read (flipped) mode. */
  private static ByteBuffer grow(ByteBuffer b, int atLeast, boolean readMode) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.capacity() + atLeast));
    if (readMode) {
      bigger.put(b).flip();
    } else {
      b.flip();
      bigger.put(b);
    }
    return bigger;
  }
}
