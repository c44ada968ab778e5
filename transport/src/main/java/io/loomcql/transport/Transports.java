package io.loomcql.transport;

import io.loomcql.transport.internal.BlockingTransport;
import io.loomcql.transport.internal.EventLoopGroup;
import io.loomcql.transport.spi.TransportFactory;

/**
 * The two transports that ship with loomcql (the Python driver's {@code connection_class}
 * choices). A cluster owns one factory and closes it on shutdown.
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
 * <p>Another reactor plugs in by implementing {@link TransportFactory} (package {@code
 * io.loomcql.transport.spi}).
 */
public final class Transports {

  private Transports() {}

  /**
   * {@return the NIO reactor with {@link #defaultLoopCount()} loops, threads named {@code
   * name-io-N}}
   */
  public static TransportFactory nio(String name) {
    return new EventLoopGroup(name, defaultLoopCount());
  }

  /** {@return the NIO reactor with {@code loops} selector loops} */
  public static TransportFactory nio(String name, int loops) {
    return new EventLoopGroup(name, loops);
  }

  /** {@return blocking sockets, one reader virtual thread per connection} */
  public static TransportFactory blocking(String name) {
    return new BlockingTransport(name);
  }

  /**
   * The NIO loop count used by {@link #nio(String)}: one loop per two available processors, at
   * least one. A loop on a 2-core machine is far from saturated at the throughput the callers'
   * own CPU allows, and every extra loop costs wakeups and cross-core handoffs; more cores can
   * feed more loops.
   */
  public static int defaultLoopCount() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }
}
