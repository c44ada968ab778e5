package io.loomcql.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** A fixed set of {@link EventLoop}s; each new connection is assigned the next one in turn. */
public final class EventLoopGroup implements AutoCloseable {

  private final EventLoop[] loops;
  private final AtomicInteger next = new AtomicInteger();

  public EventLoopGroup(String namePrefix, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("an event loop group needs at least one loop, got " + size);
    }
    loops = new EventLoop[size];
    for (int i = 0; i < size; i++) {
      loops[i] = new EventLoop(namePrefix + "-io-" + i);
    }
  }

  public EventLoop next() {
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  public int size() {
    return loops.length;
  }

  @Override
  public void close() {
    for (EventLoop loop : loops) {
      loop.close();
    }
  }
}
