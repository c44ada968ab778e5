package io.loomcql.transport.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timer wheel of 1024 one-millisecond buckets, owned and advanced by one thread (a
 * selector loop or a timer thread). Other threads add and cancel through lock-free queues that
 * the owner drains on each turn; {@link #nextDeadline} tells the owner how long it may sleep.
 *
 * <p>Adding, cancelling and expiring an entry are O(1); entries due later than one turn of the
 * wheel (1.024 s) count down their rounds each time their bucket passes.
 */
final class TimerWheel {

  private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int SIZE = 1024;
  private static final int MASK = SIZE - 1;

  private final String name;
  private final long origin = System.nanoTime();
  // Timeouts other threads added, a lock-free stack linked through WheelTimeout.nextOffer (no node
  // allocated per timeout; the owner takes the whole stack at once, order does not matter).
  private final AtomicReference<WheelTimeout> added = new AtomicReference<>();
  private final ConcurrentLinkedQueue<WheelTimeout> cancelled = new ConcurrentLinkedQueue<>();
  private final Thread owner;

  // Owner thread only.
  private final WheelTimeout[] heads = new WheelTimeout[SIZE];
  private long tick; // every bucket of a tick < this one was processed
  private int size;

  TimerWheel(String name, Thread owner) {
    this.name = name;
    this.owner = owner;
  }

  /** Creates a timeout; the caller must {@link #add} it (owner) or {@link #offer} it (others). */
  WheelTimeout newTimeout(Runnable task, long delay, TimeUnit unit) {
    return new WheelTimeout(this, System.nanoTime() + Math.max(0, unit.toNanos(delay)), task);
  }

  /** From any thread other than the owner: the owner links it on its next turn. */
  void offer(WheelTimeout timeout) {
    WheelTimeout head;
    do {
      head = added.get();
      timeout.nextOffer = head;
    } while (!added.compareAndSet(head, timeout));
  }

  boolean hasOffers() {
    return added.get() != null;
  }

  void cancelled(WheelTimeout timeout) {
    if (Thread.currentThread() == owner) {
      unlink(timeout);
    } else {
      cancelled.offer(timeout);
    }
  }

  /** Owner only: links a new timeout. */
  void add(WheelTimeout timeout) {
    if (timeout.isCancelled() || timeout.isExpired()) {
      return;
    }
    long due = Math.max(tick, ceilDiv(timeout.deadlineNanos - origin, TICK_NANOS));
    timeout.rounds = (due - tick) / SIZE;
    int index = (int) (due & MASK);
    timeout.bucket = index;
    timeout.prev = null;
    timeout.next = heads[index];
    if (heads[index] != null) {
      heads[index].prev = timeout;
    }
    heads[index] = timeout;
    size++;
  }

  private void unlink(WheelTimeout timeout) {
    int index = timeout.bucket;
    if (index < 0) {
      return;
    }
    if (timeout.prev != null) {
      timeout.prev.next = timeout.next;
    } else {
      heads[index] = timeout.next;
    }
    if (timeout.next != null) {
      timeout.next.prev = timeout.prev;
    }
    timeout.prev = null;
    timeout.next = null;
    timeout.bucket = -1;
    size--;
  }

  /** Owner only: links what other threads added, unlinks what they cancelled. */
  void drainQueues() {
    WheelTimeout t = added.get() == null ? null : added.getAndSet(null);
    while (t != null) {
      WheelTimeout next = t.nextOffer;
      t.nextOffer = null;
      add(t);
      t = next;
    }
    while ((t = cancelled.poll()) != null) {
      unlink(t);
    }
  }

  /** Owner only: runs every timeout due at {@code now}. */
  void expire(long now) {
    drainQueues();
    long target = Math.floorDiv(now - origin, TICK_NANOS);
    if (isEmpty()) {
      tick = Math.max(tick, target + 1);
      return;
    }
    while (tick <= target) {
      WheelTimeout t = heads[(int) (tick & MASK)];
      while (t != null) {
        WheelTimeout next = t.next;
        if (t.rounds > 0) {
          t.rounds--;
        } else {
          unlink(t);
          Runnable task = t.fire();
          if (task != null) {
            try {
              task.run();
            } catch (Throwable e) {
              LOG.error("{}: timer task failed", name, e);
            }
          }
        }
        t = next;
      }
      tick++;
      if (isEmpty()) {
        tick = Math.max(tick, target + 1);
        return;
      }
    }
  }

  /**
   * Owner only: the time at which the next non-empty bucket is due, or {@link Long#MAX_VALUE}
   * when the wheel is empty.
   */
  long nextDeadline() {
    return nextDeadline(SIZE);
  }

  /**
   * Owner only: like {@link #nextDeadline()}, but looks at most {@code maxTicks} buckets ahead and
   * answers the end of that horizon when they are all empty (the owner sleeps no longer anyway).
   */
  long nextDeadline(int maxTicks) {
    if (isEmpty()) {
      return Long.MAX_VALUE;
    }
    int horizon = Math.min(SIZE, Math.max(1, maxTicks));
    for (int i = 0; i < horizon; i++) {
      if (heads[(int) ((tick + i) & MASK)] != null) {
        return origin + (tick + i) * TICK_NANOS;
      }
    }
    return origin + (tick + horizon) * TICK_NANOS;
  }

  /** Owner only: whether no timeout is linked (offers and cancels not yet drained aside). */
  boolean isEmpty() {
    return size == 0;
  }

  /** Owner only: forgets everything (the owner is shutting down). */
  void clear() {
    Arrays.fill(heads, null);
    added.set(null);
    cancelled.clear();
    size = 0;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
