package io.loomcql.transport;

import io.loomcql.transport.internal.BlockingTransport;
import io.loomcql.transport.internal.Connection;
import io.loomcql.transport.internal.ConnectionOptions;
import io.loomcql.transport.internal.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Opens connections to nodes: the transport SPI (the Python driver's {@code connection_class}).
 * A cluster owns one factory and closes it on shutdown.
 *
 * <p>Two implementations ship:
 *
 * <ul>
 *   <li>{@link #nio(String)}, the default: a few selector loops on platform threads; callers
 *       encode and queue, one loop per connection writes (coalescing every queued frame into one
 *       gathering write) and reads. See {@link #defaultLoopCount()}.
 *   <li>{@link #blocking(String)}: blocking sockets with one reader virtual thread per
 *       connection; callers write under a {@code ReentrantLock}, again draining everything queued
 *       into one write.
 * </ul>
 *
 * <p>Contract for implementations: every request gets exactly one outcome; a closed or broken
 * connection fails all its requests with a retryable {@code ConnectionException} naming the peer;
 * response callbacks run on an I/O thread and must not block; {@link #close()} closes every
 * connection and ends every thread the factory started.
 *
 * @implNote The connection types live in {@code io.loomcql.transport.internal}, exported to the
 *     driver's own modules only: on the module path a third-party implementation has to be built
 *     as part of the driver (on the class path there is no such restriction).
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

  /**
   * {@return the NIO reactor with {@link #defaultLoopCount()} loops, threads named {@code
   * name-io-N}}
   */
  static TransportFactory nio(String name) {
    return new EventLoopGroup(name);
  }

  /** {@return the NIO reactor with {@code loops} selector loops} */
  static TransportFactory nio(String name, int loops) {
    return new EventLoopGroup(name, loops);
  }

  /** Blocking sockets, one reader virtual thread per connection. */
  static TransportFactory blocking(String name) {
    return new BlockingTransport(name);
  }

  /**
   * The NIO loop count used by {@link #nio(String)}: one loop per two available processors, at
   * least one. A loop on this project's 2-core machine is far from saturated at the throughput
   * the callers' own CPU allows (see the transport README), and every extra loop costs wakeups
   * and cross-core handoffs; more cores can feed more loops.
   */
  static int defaultLoopCount() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }
}
