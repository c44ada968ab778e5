package io.loomcql.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
                      Timeout timeout = loop.schedule(fired::incrementAndGet, 10 + i % 5000, TimeUnit.MILLISECONDS);
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
