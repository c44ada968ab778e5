package io.loomcql.transport.spi;

import io.loomcql.transport.TransportCounters;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Opens connections to nodes: the transport SPI (the Python driver's {@code connection_class}).
 * A cluster owns one factory and closes it on shutdown. The shipped implementations are created
 * by {@link io.loomcql.transport.Transports}; another reactor, or a decorator around one of
 * them, implements this interface and {@link Connection} with the types of this package only.
 *
 * <p>Contract for implementations: every request gets exactly one outcome; a closed or broken
 * connection fails all its requests with a retryable {@code ConnectionException} naming the peer;
 * response callbacks run on an I/O thread and must not block; {@link #close()} closes every
 * connection and ends every thread the factory started.
 */
public interface TransportFactory extends AutoCloseable {

  /**
   * Connects to {@code endpoint} and runs the CQL handshake (TLS first when {@code
   * options.ssl()} is set). The future completes once the connection accepts requests, or fails
   * within {@code options.connectTimeout()}.
   */
  CompletableFuture<Connection> open(InetSocketAddress endpoint, ConnectionOptions options);

  /** {@return what this factory's connections did so far} */
  TransportCounters counters();

  /** Closes every connection opened by this factory (failing their requests) and ends its threads. */
  @Override
  void close();
}
