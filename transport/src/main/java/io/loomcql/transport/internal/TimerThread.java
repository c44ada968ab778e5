package io.loomcql.transport.internal;

import io.loomcql.transport.spi.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A platform thread advancing a {@link TimerWheel}: the timer of transports without a selector
 * loop. Tasks run on it and must not block. It is parked between deadlines and unparked only when
 * a new timeout is due before it planned to wake (never later than {@link
 * EventLoop#MAX_SLEEP_NANOS} ahead, so long timeouts are added without a wakeup).
 */
final class TimerThread implements Timer {

  private final Thread thread;
  private final TimerWheel wheel;
  private final Counters counters;
  private volatile boolean closing;
  // nanoTime the parked thread wakes by itself; MIN_VALUE while awake, MAX_VALUE for never.
  private volatile long plannedWake = Long.MIN_VALUE;

  TimerThread(String name, Counters counters) {
    this.counters = counters;
    this.thread = new IoThreads.PlatformIoThread(name, this::run);
    this.wheel = new TimerWheel(name, thread);
    thread.start();
  }

  @Override
  public WheelTimeout schedule(Runnable task, long delay, TimeUnit unit) {
    WheelTimeout timeout = wheel.newTimeout(task, delay, unit);
    if (Thread.currentThread() == thread) {
      wheel.add(timeout);
    } else {
      wheel.offer(timeout);
      if (timeout.deadlineNanos < plannedWake) {
        counters.wakeups.increment();
        LockSupport.unpark(thread);
      }
    }
    return timeout;
  }

  private void run() {
    try {
      while (!closing) {
        wheel.expire(System.nanoTime());
        long now = System.nanoTime();
        long next =
            Math.min(
                wheel.nextDeadline((int) (EventLoop.MAX_SLEEP_NANOS / TimerWheel.TICK_NANOS) + 1),
                now + EventLoop.MAX_SLEEP_NANOS);
        plannedWake = next;
        if (!wheel.hasOffers() && !closing) {
          LockSupport.parkNanos(this, next - now);
        }
        plannedWake = Long.MIN_VALUE;
      }
    } finally {
      wheel.clear();
    }
  }

  void close() {
    closing = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
