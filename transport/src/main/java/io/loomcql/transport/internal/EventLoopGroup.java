package io.loomcql.transport.internal;

import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The NIO transport: a fixed set of {@link EventLoop}s; each new connection is assigned the next
 * one in turn and stays on it.
 */
public final class EventLoopGroup implements TransportFactory {

  /** Whether callers write to an idle connection themselves (see {@link NioConnection}). */
  static final boolean DEFAULT_DIRECT_WRITES = true;

  private final EventLoop[] loops;
  private final AtomicInteger next = new AtomicInteger();
  private final Counters counters = new Counters();
  private final boolean directWrites;

  /** {@link Transports#defaultLoopCount()} loops named {@code namePrefix-io-N}. */
  public EventLoopGroup(String namePrefix) {
    this(namePrefix, Transports.defaultLoopCount());
  }

  public EventLoopGroup(String namePrefix, int size) {
    this(namePrefix, size, DEFAULT_DIRECT_WRITES);
  }

  EventLoopGroup(String namePrefix, int size, boolean directWrites) {
    if (size < 1) {
      throw new IllegalArgumentException("an event loop group needs at least one loop, got " + size);
    }
    this.directWrites = directWrites;
    loops = new EventLoop[size];
    for (int i = 0; i < size; i++) {
      loops[i] = new EventLoop(namePrefix + "-io-" + i, counters);
    }
  }

  private EventLoop next() {
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  @Override
  public CompletableFuture<Connection> open(InetSocketAddress endpoint, ConnectionOptions options) {
    return NioConnection.open(next(), endpoint, options, counters, directWrites);
  }

  @Override
  public TransportCounters counters() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    for (EventLoop loop : loops) {
      loop.close();
    }
  }

  @Override
  public String toString() {
    return "nio(" + loops.length + " loops" + (directWrites ? ", direct writes" : "") + ")";
  }
}
