package io.loomcql.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.transport.spi.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

  @Test
  void runs_each_task_on_the_loop_no_earlier_than_its_delay_and_in_deadline_order() throws Exception {
    try (EventLoop loop = new EventLoop("timer-test")) {
      ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
      CountDownLatch done = new CountDownLatch(3);
      long start = System.nanoTime();
      long[] ranAfter = new long[3];
      for (int delay : new int[] {60, 20, 1500}) {
        int index = delay == 20 ? 0 : delay == 60 ? 1 : 2;
        loop.schedule(
            () -> {
              assertThat(loop.inLoop()).isTrue();
              ranAfter[index] = System.nanoTime() - start;
              order.add(delay);
              done.countDown();
            },
            delay,
            TimeUnit.MILLISECONDS);
      }

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(order).containsExactly(20, 60, 1500);
      assertThat(ranAfter[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
      assertThat(ranAfter[2]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
    }
  }

  @Test
  void cancelling_from_many_threads_leaves_no_entry_behind_and_runs_no_task() throws Exception {
    try (EventLoop loop = new EventLoop("timer-cancel")) {
      AtomicInteger fired = new AtomicInteger();
      // The loop is held in a task while the timers are added and cancelled, so none can come due
      // and run before its cancel: a cancel that returns true and still lets its task run fails.
      CountDownLatch release = new CountDownLatch(1);
      holdLoop(loop, release);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < 16; t++) {
          done.add(
              CompletableFuture.runAsync(
                  () -> {
                    for (int i = 0; i < 10_000; i++) {
                      // Due 1 to 300 ms out (this turn of the wheel) or 2 to 3 s out (a later round).
                      long delay = i % 2 == 0 ? 1 + i % 300 : 2_000 + i % 1000;
                      Timeout timeout = loop.schedule(fired::incrementAndGet, delay, TimeUnit.MILLISECONDS);
                      assertThat(timeout.cancel()).isTrue();
                      assertThat(timeout.cancel()).isFalse();
                      assertThat(timeout.isCancelled()).isTrue();
                    }
                  },
                  executor));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      }
      release.countDown();

      // The loop runs timers in deadline order: once one due after every short timer has run, each
      // of them has had its turn (that cancelled entries are unlinked: the wheel's tests below).
      runTimerDueAfter(loop, 400);
      assertThat(fired.get()).as("cancelled tasks that ran").isZero();
    }
  }

  @Test
  void timeouts_added_from_many_threads_at_once_each_fire_exactly_once() throws Exception {
    try (EventLoop loop = new EventLoop("timer-offers")) {
      int threads = 16;
      int perThread = 2_000;
      AtomicInteger[] fired = new AtomicInteger[threads * perThread];
      for (int i = 0; i < fired.length; i++) {
        fired[i] = new AtomicInteger();
      }
      CountDownLatch all = new CountDownLatch(fired.length);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              CompletableFuture.runAsync(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      AtomicInteger counter = fired[thread * perThread + i];
                      loop.schedule(
                          () -> {
                            counter.incrementAndGet();
                            all.countDown();
                          },
                          i % 50,
                          TimeUnit.MILLISECONDS);
                    }
                  },
                  executor));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      }

      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
      // A second run of any entry would be at its own deadline, before this one's.
      runTimerDueAfter(loop, 60);
      for (AtomicInteger counter : fired) {
        assertThat(counter.get()).isEqualTo(1);
      }
    }
  }

  @Test
  void a_timeout_due_later_than_the_loop_s_longest_sleep_does_not_wake_it() throws Exception {
    Counters counters = new Counters();
    try (EventLoop loop = new EventLoop("timer-nowake", counters)) {
      Await.until("the loop asleep", loop::isSleeping);
      long before = counters.wakeups.sum();
      List<Timeout> timeouts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        // each due before the one before it, as request timeouts are after a cancellation
        timeouts.add(loop.schedule(() -> {}, 10_000 - 10 * i, TimeUnit.MILLISECONDS));
        // A wakeup clears the flag at once; the loop sets it again when it goes back to sleep, so
        // each timer that wrongly woke the loop is counted apart.
        Await.until("the loop asleep again", loop::isSleeping);
      }
      assertThat(counters.wakeups.sum() - before).isLessThanOrEqualTo(1);
      timeouts.forEach(Timeout::cancel);
    }
  }

  @Test
  void the_timer_thread_runs_and_cancels_like_a_loop() throws Exception {
    Counters counters = new Counters();
    TimerThread timer = new TimerThread("timer-thread-test", counters);
    try {
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      timer.schedule(() -> {
        held.countDown();
        awaitUninterruptibly(release);
      }, 0, TimeUnit.MILLISECONDS);
      assertThat(held.await(10, TimeUnit.SECONDS)).as("the timer thread ran the holding task").isTrue();
      // The thread is held: the cancelled task cannot have come due and run before its cancel.
      AtomicInteger cancelledRan = new AtomicInteger();
      CountDownLatch ran = new CountDownLatch(1);
      Timeout cancelled = timer.schedule(cancelledRan::incrementAndGet, 30, TimeUnit.MILLISECONDS);
      Timeout later = timer.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);
      assertThat(cancelled.cancel()).isTrue();
      release.countDown();

      // Deadline order: the 30 ms task had its turn before the 50 ms one ran.
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(cancelledRan.get()).as("cancelled task runs").isZero();
      assertThat(cancelled.isCancelled()).isTrue();
      assertThat(later.isExpired()).isTrue();
    } finally {
      timer.close();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .as("the timer thread ended")
        .noneMatch(t -> t.getName().equals("timer-thread-test"));
  }

  @Test
  void timeouts_cancelled_from_other_threads_are_unlinked_by_the_owner() throws Exception {
    // This thread owns the wheel, as a loop owns its own; the others add and cancel through the
    // wheel's queues.
    TimerWheel wheel = new TimerWheel("wheel-cancel", Thread.currentThread());
    AtomicInteger fired = new AtomicInteger();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 16; t++) {
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    long delay = i % 2 == 0 ? 1 + i % 300 : 2_000 + i % 1000;
                    WheelTimeout timeout = wheel.newTimeout(fired::incrementAndGet, delay, TimeUnit.MILLISECONDS);
                    wheel.offer(timeout);
                    if (i % 4 != 3) {
                      assertThat(timeout.cancel()).isTrue();
                    }
                  }
                },
                executor));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    wheel.drainQueues();
    assertThat(wheel.isEmpty()).as("the wheel with one timeout in four left").isFalse();
    wheel.expire(System.nanoTime() + TimeUnit.SECONDS.toNanos(4));
    assertThat(fired.get()).as("timeouts that ran: the uncancelled ones, once each").isEqualTo(16 * 500);
    assertThat(wheel.isEmpty()).as("entries left linked").isTrue();
  }

  @Test
  void timeouts_offered_from_many_threads_are_each_linked_once_and_run_once() throws Exception {
    TimerWheel wheel = new TimerWheel("wheel-offers", Thread.currentThread());
    AtomicInteger[] fired = new AtomicInteger[16 * 1_000];
    for (int i = 0; i < fired.length; i++) {
      fired[i] = new AtomicInteger();
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 16; t++) {
        int thread = t;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 1_000; i++) {
                    AtomicInteger counter = fired[thread * 1_000 + i];
                    wheel.offer(wheel.newTimeout(counter::incrementAndGet, i % 1500, TimeUnit.MILLISECONDS));
                  }
                },
                executor));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    wheel.drainQueues();
    wheel.expire(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
    wheel.expire(System.nanoTime() + TimeUnit.SECONDS.toNanos(4));
    for (AtomicInteger counter : fired) {
      assertThat(counter.get()).isEqualTo(1);
    }
    assertThat(wheel.isEmpty()).as("entries left linked").isTrue();
  }

  /** Blocks the loop's thread in a task until {@code release} opens; returns once it is held. */
  private static void holdLoop(EventLoop loop, CountDownLatch release) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    loop.execute(() -> {
      held.countDown();
      awaitUninterruptibly(release);
    });
    assertThat(held.await(10, TimeUnit.SECONDS)).as("the loop ran the holding task").isTrue();
  }

  /** Schedules an empty timer {@code delayMillis} out and waits (bounded) until the loop ran it. */
  private static void runTimerDueAfter(EventLoop loop, long delayMillis) throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    loop.schedule(ran::countDown, delayMillis, TimeUnit.MILLISECONDS);
    assertThat(ran.await(10, TimeUnit.SECONDS)).as("a timer " + delayMillis + " ms out ran").isTrue();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
