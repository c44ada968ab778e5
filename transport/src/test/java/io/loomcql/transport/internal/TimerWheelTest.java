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
      assertThat(loop.pendingTimers()).isZero();
    }
  }

  @Test
  void cancelling_from_many_threads_leaves_no_entry_behind() throws Exception {
    try (EventLoop loop = new EventLoop("timer-cancel")) {
      AtomicInteger fired = new AtomicInteger();
      List<CompletableFuture<Void>> done = new ArrayList<>();
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < 16; t++) {
          done.add(
              CompletableFuture.runAsync(
                  () -> {
                    for (int i = 0; i < 10_000; i++) {
                      Timeout timeout = loop.schedule(fired::incrementAndGet, 1_000 + i % 5000, TimeUnit.MILLISECONDS);
                      assertThat(timeout.cancel()).isTrue();
                      assertThat(timeout.cancel()).isFalse();
                    }
                  },
                  executor));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      }

      assertThat(loop.pendingTimers()).isZero();
      Thread.sleep(50);
      assertThat(fired.get()).isZero();
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
      Thread.sleep(20);
      for (AtomicInteger counter : fired) {
        assertThat(counter.get()).isEqualTo(1);
      }
      assertThat(loop.pendingTimers()).isZero();
    }
  }

  @Test
  void a_timeout_due_later_than_the_loop_s_longest_sleep_does_not_wake_it() throws Exception {
    Counters counters = new Counters();
    try (EventLoop loop = new EventLoop("timer-nowake", counters)) {
      Thread.sleep(50); // the loop is asleep now
      long before = counters.wakeups.sum();
      List<Timeout> timeouts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        // each due before the one before it, as request timeouts are after a cancellation
        timeouts.add(loop.schedule(() -> {}, 10_000 - 10 * i, TimeUnit.MILLISECONDS));
        Thread.sleep(2);
      }
      assertThat(counters.wakeups.sum() - before).isLessThanOrEqualTo(1);
      timeouts.forEach(Timeout::cancel);
      assertThat(loop.pendingTimers()).isZero();
    }
  }

  @Test
  void the_timer_thread_runs_and_cancels_like_a_loop() throws Exception {
    Counters counters = new Counters();
    TimerThread timer = new TimerThread("timer-thread-test", counters);
    try {
      CountDownLatch ran = new CountDownLatch(1);
      Timeout cancelled = timer.schedule(() -> { throw new AssertionError("cancelled ran"); }, 30, TimeUnit.MILLISECONDS);
      timer.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);
      cancelled.cancel();

      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(cancelled.isCancelled()).isTrue();
    } finally {
      timer.close();
    }
    assertThat(timer.isTerminated()).isTrue();
  }
}
