package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector loop on one platform thread: it owns a {@link Selector}, the sockets registered
 * with it, their read buffer and a timer queue. Everything about a connection's socket happens on
 * this thread; other threads only hand it work through lock-free queues.
 *
 * <p>Waking a thread blocked in {@code select()} costs a syscall (and, on a VM, tens of
 * microseconds when its CPU is idle), so producers call {@link Selector#wakeup()} only when they
 * win the race to clear the {@code sleeping} flag: many submissions while the loop sleeps cost one
 * wakeup, and submissions while it runs cost none.
 */
public final class EventLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
  private static final int READ_BUFFER_SIZE = 64 * 1024;

  private final String name;
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Connection> flushes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sleeping = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile boolean closing;

  // Loop thread only.
  private final PriorityQueue<Timeout> timers = new PriorityQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
  private final List<ByteBuffer> scratchFrames = new ArrayList<>();

  public EventLoop(String name) {
    this.name = name;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + name, e);
    }
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    thread.start();
  }

  /** The loop whose thread is calling, or {@code null} on any other thread. */
  public static EventLoop current() {
    return CURRENT.get();
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
    wakeup();
  }

  /**
   * Runs {@code task} on the loop thread after {@code delay}. The returned timeout can be
   * cancelled from any thread.
   */
  public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
    Timeout timeout = new Timeout(System.nanoTime() + unit.toNanos(delay), task);
    if (inLoop()) {
      timers.add(timeout);
    } else {
      execute(() -> timers.add(timeout));
    }
    return timeout;
  }

  Selector selector() {
    return selector;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  List<ByteBuffer> scratchFrames() {
    return scratchFrames;
  }

  /** Called by a connection whose write queue went from idle to having work. */
  void scheduleFlush(Connection connection) {
    flushes.offer(connection);
    if (!inLoop()) {
      wakeup();
    }
  }

  private void wakeup() {
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      selector.wakeup();
    }
  }

  private void run() {
    CURRENT.set(this);
    Throwable failure = null;
    try {
      while (!closing) {
        runTasks();
        runFlushes();
        long timeoutMillis = millisToNextTimer();
        // Publish "sleeping" before looking at the queues: a producer that enqueues after our
        // look sees the flag and wakes us (both sides are sequentially consistent volatiles).
        sleeping.set(true);
        if (!tasks.isEmpty() || !flushes.isEmpty() || closing) {
          sleeping.set(false);
          selector.selectNow(this::onReady);
        } else {
          selector.select(this::onReady, timeoutMillis);
          sleeping.set(false);
        }
        runTimers();
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("{} died; failing its connections", name, t);
    } finally {
      shutdownOnLoop(failure);
    }
  }

  private void onReady(SelectionKey key) {
    Object attachment = key.attachment();
    if (attachment instanceof Connection connection) {
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
    Connection connection;
    while ((connection = flushes.poll()) != null) {
      connection.flush();
    }
  }

  private long millisToNextTimer() {
    Timeout next;
    while ((next = timers.peek()) != null && next.isCancelled()) {
      timers.poll();
    }
    if (next == null) {
      return 0; // select() without timeout
    }
    long nanos = next.deadlineNanos() - System.nanoTime();
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
  }

  private void runTimers() {
    long now = System.nanoTime();
    Timeout next;
    while ((next = timers.peek()) != null && (next.isCancelled() || next.deadlineNanos() <= now)) {
      timers.poll();
      if (next.fire()) {
        try {
          next.task().run();
        } catch (Throwable t) {
          LOG.error("{}: timer task failed", name, t);
        }
      }
    }
  }

  private void shutdownOnLoop(Throwable failure) {
    closing = true;
    runTasks();
    ConnectionException cause =
        new ConnectionException(name + (failure == null ? " was shut down" : " died: " + failure), null);
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Connection connection) {
        connection.closeOnLoop(cause);
      }
    }
    Connection pending;
    while ((pending = flushes.poll()) != null) {
      pending.closeOnLoop(cause);
    }
    timers.clear();
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the selector failed", name, e);
    }
    CURRENT.remove();
    terminated.complete(null);
  }

  /** Stops the loop, closes its connections (failing their requests) and waits for the thread. */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    if (!inLoop()) {
      terminated.join();
    }
  }

  public CompletableFuture<Void> terminationFuture() {
    return terminated;
  }

  @Override
  public String toString() {
    return name;
  }
}
