package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.transport.spi.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector loop on one platform thread: it owns a {@link Selector}, the sockets registered
 * with it, one read buffer shared by its connections (reads are sequential), and a
 * {@link TimerWheel}. Other threads hand it work through lock-free queues.
 *
 * <p>Waking a thread blocked in {@code select()} costs a syscall (and, on a VM, tens of
 * microseconds when its CPU is idle), so producers call {@link Selector#wakeup()} only when they
 * win the race to clear the {@code sleeping} flag: many submissions while the loop sleeps cost one
 * wakeup, and submissions while it runs cost none. A timer added from another thread wakes the
 * loop only if it is due before the loop planned to wake anyway (it never plans to sleep longer
 * than {@link #MAX_SLEEP_NANOS}, so adding a timeout seconds away costs no wakeup).
 */
public final class EventLoop implements Timer, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  // One per loop, shared by its connections: big enough that a read takes whatever the socket
  // holds (many responses, or a large page, per syscall).
  private static final int READ_BUFFER_SIZE = 256 * 1024;
  // The longest the loop sleeps even with no timer due: a timeout due later than this (a
  // heartbeat, typically seconds) is then added without waking the loop, at the cost of ~10 idle
  // wakeups per second.
  static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int MAX_SLEEP_TICKS = (int) (MAX_SLEEP_NANOS / TimerWheel.TICK_NANOS) + 1;

  /** The loop's platform thread: recognisable without a ThreadLocal. */
  static final class LoopThread extends IoThreads.PlatformIoThread {
    final EventLoop loop;

    LoopThread(EventLoop loop, String name) {
      super(name, null);
      this.loop = loop;
    }

    @Override
    public void run() {
      loop.run();
    }
  }

  private final String name;
  private final Selector selector;
  private final LoopThread thread;
  private final TimerWheel wheel;
  private final Counters counters;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<NioConnection> flushes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sleeping = new AtomicBoolean();
  // When the sleeping loop will wake by itself (nanoTime), Long.MAX_VALUE for never.
  private volatile long plannedWake = Long.MAX_VALUE;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile boolean closing;

  // Loop thread only.
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
  private final Set<NioConnection> connections = new HashSet<>();
  private final Consumer<SelectionKey> onReady = EventLoop::onReady;

  public EventLoop(String name) {
    this(name, new Counters());
  }

  EventLoop(String name, Counters counters) {
    this.name = name;
    this.counters = counters;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + name, e);
    }
    this.thread = new LoopThread(this, name);
    this.wheel = new TimerWheel(name, thread);
    thread.start();
  }

  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  public String name() {
    return name;
  }

  /** Runs {@code task} on the loop thread; from the loop thread itself it runs on the next turn. */
  public void execute(Runnable task) {
    if (closing) {
      throw new IllegalStateException(name + " is shut down");
    }
    tasks.offer(task);
    if (!inLoop()) {
      wakeup();
    }
  }

  /**
   * Runs {@code task} on the loop thread after {@code delay} (1 ms resolution). The returned
   * timeout can be cancelled from any thread.
   */
  @Override
  public WheelTimeout schedule(Runnable task, long delay, TimeUnit unit) {
    WheelTimeout timeout = wheel.newTimeout(task, delay, unit);
    if (inLoop()) {
      wheel.add(timeout);
    } else {
      wheel.offer(timeout);
      if (timeout.deadlineNanos < plannedWake) {
        wakeup();
      }
    }
    return timeout;
  }

  Selector selector() {
    return selector;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  void register(NioConnection connection) {
    connections.add(connection);
  }

  void deregister(NioConnection connection) {
    connections.remove(connection);
  }

  /** Called by a connection that needs the loop to write for it. */
  void scheduleFlush(NioConnection connection) {
    flushes.offer(connection);
    if (!inLoop()) {
      wakeup();
    }
  }

  /** Whether the loop is (about to be) blocked in {@code select}: handing it work costs a wakeup. */
  boolean isSleeping() {
    return sleeping.get();
  }

  private void wakeup() {
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      counters.wakeups.increment();
      selector.wakeup();
    }
  }

  private void run() {
    Throwable failure = null;
    try {
      while (!closing) {
        runTasks();
        runFlushes();
        wheel.drainQueues();
        long now = System.nanoTime();
        wheel.expire(now);
        long next = Math.min(wheel.nextDeadline(MAX_SLEEP_TICKS), now + MAX_SLEEP_NANOS);
        plannedWake = next;
        // Publish "sleeping" before looking at the queues: a producer that enqueues after our
        // look sees the flag and wakes us (both sides are sequentially consistent volatiles).
        sleeping.set(true);
        if (!tasks.isEmpty() || !flushes.isEmpty() || wheel.hasOffers() || closing) {
          sleeping.set(false);
          selector.selectNow(onReady);
        } else {
          long timeoutMillis = Math.max(1, (next - now + 999_999) / 1_000_000);
          selector.select(onReady, timeoutMillis);
          sleeping.set(false);
        }
        plannedWake = Long.MIN_VALUE; // awake: nobody needs to wake us for a timer
        wheel.expire(System.nanoTime());
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("{} died; failing its connections", name, t);
    } finally {
      shutdownOnLoop(failure);
    }
  }

  private static void onReady(SelectionKey key) {
    if (key.attachment() instanceof NioConnection connection) {
      connection.onReady(key);
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (Throwable t) {
        LOG.error("{}: task failed", name, t);
      }
    }
  }

  private void runFlushes() {
    // Only the connections queued so far: a connection re-queued by its own flush waits a turn.
    int n = flushes.size();
    NioConnection connection;
    while (n-- > 0 && (connection = flushes.poll()) != null) {
      connection.flushOnLoop();
    }
  }

  private void shutdownOnLoop(Throwable failure) {
    closing = true;
    runTasks();
    ConnectionException cause =
        new ConnectionException(
            name + (failure == null ? " was shut down" : " died: " + failure), null);
    for (NioConnection connection : new ArrayList<>(connections)) {
      connection.closeWith(cause);
      connection.closeOnLoop();
    }
    runTasks();
    flushes.clear();
    wheel.clear();
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the selector failed", name, e);
    }
    terminated.complete(null);
  }

  /** Stops the loop, closes its connections (failing their requests) and waits for the thread. */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    if (!inLoop()) {
      terminated.join();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
