package io.loomcql.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * The cluster's default callback executor: callbacks that block hold back the others by about the
 * stall threshold only, every task runs once, in order while none blocks, on the executor's own
 * virtual threads, which all end after stop. Waits are latches with a generous bound that only
 * turns a hang into a failure; nothing here measures time.
 */
class CallbackRunnersTest {

  private static final long GENEROUS_SECONDS = 60;

  @Test
  void a_callback_blocked_on_a_latch_does_not_hold_back_the_callbacks_queued_behind_it() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean blockedReturned = new AtomicBoolean();
    CountDownLatch others = new CountDownLatch(100);
    // queued together: no later task arrives to notice the blocked one, only the watchdog can
    runners.execute(() -> {
      await(release);
      blockedReturned.set(true);
    });
    for (int i = 0; i < 100; i++) {
      runners.execute(others::countDown);
    }

    assertThat(others.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(blockedReturned).isFalse();
    release.countDown();
    stopAndAwaitEveryThread(runners);
    assertThat(blockedReturned).isTrue();
  }

  @Test
  void a_callback_that_blocks_after_the_watchdog_parked_for_good_is_still_noticed() throws Exception {
    // no linger: the watchdog parks for good as soon as the runner is parked with nothing to do
    CallbackRunners runners = new CallbackRunners("t-callback", CallbackRunners.DEFAULT_STALL_NANOS, 0);
    for (int round = 0; round < 3; round++) {
      CountDownLatch first = new CountDownLatch(1);
      runners.execute(first::countDown);
      assertThat(first.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
      awaitCondition(runners::watchdogParked);

      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch others = new CountDownLatch(100);
      runners.execute(() -> await(release));
      for (int i = 0; i < 100; i++) {
        runners.execute(others::countDown);
      }
      assertThat(others.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
      release.countDown();
    }
    stopAndAwaitEveryThread(runners);
  }

  /** Waits for {@code condition}, yielding between looks; the bound only turns a hang into a failure. */
  private static void awaitCondition(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held");
      }
      Thread.yield();
    }
  }

  @Test
  void a_callback_waiting_for_a_later_callback_is_not_a_deadlock() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    CountDownLatch laterRan = new CountDownLatch(1);
    CountDownLatch firstDone = new CountDownLatch(1);
    runners.execute(() -> {
      await(laterRan);
      firstDone.countDown();
    });
    runners.execute(laterRan::countDown);

    assertThat(firstDone.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    stopAndAwaitEveryThread(runners);
  }

  @Test
  void callbacks_run_on_the_executors_virtual_threads_never_on_the_submitting_thread() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    List<Thread> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1000);
    Thread producer = Thread.ofPlatform().name("t-io-0").start(() -> {
      for (int i = 0; i < 1000; i++) {
        runners.execute(() -> {
          ran.add(Thread.currentThread());
          done.countDown();
        });
      }
    });
    producer.join();

    assertThat(done.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).allSatisfy(t -> {
      assertThat(t.isVirtual()).isTrue();
      assertThat(t.getName()).startsWith("t-callback-").doesNotContain("watchdog");
    });
    // no thread per task: one runner (or a few, if a task was descheduled past the threshold)
    assertThat(Set.copyOf(ran).size()).isLessThan(1000);
    stopAndAwaitEveryThread(runners);
  }

  @Test
  void tasks_run_once_each_and_in_each_producers_order_under_load() throws Exception {
    // a threshold no task reaches: one runner, so the queue's order is the order they run in
    CallbackRunners runners = new CallbackRunners("t-callback", TimeUnit.HOURS.toNanos(1));
    int producers = 4;
    int perProducer = 50_000;
    AtomicIntegerArray runs = new AtomicIntegerArray(producers * perProducer);
    int[] lastSeen = new int[producers];
    Arrays.fill(lastSeen, -1);
    List<String> outOfOrder = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(producers * perProducer);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < perProducer; i++) {
          int seq = i;
          runners.execute(() -> {
            runs.incrementAndGet(producer * perProducer + seq);
            if (lastSeen[producer] != seq - 1 && outOfOrder.size() < 5) {
              outOfOrder.add(producer + ": " + seq + " after " + lastSeen[producer]);
            }
            lastSeen[producer] = seq;
            done.countDown();
          });
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(done.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    stopAndAwaitEveryThread(runners);
    assertThat(outOfOrder).isEmpty();
    for (int i = 0; i < runs.length(); i++) {
      assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
    }
  }

  @Test
  void every_task_runs_exactly_once_while_some_block_and_runners_come_and_go() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    int tasks = 20_000;
    AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch quick = new CountDownLatch(tasks - tasks / 500);
    CountDownLatch all = new CountDownLatch(tasks);
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      int first = p * tasks / 2;
      producers.add(Thread.ofPlatform().start(() -> {
        for (int i = first; i < first + tasks / 2; i++) {
          int id = i;
          runners.execute(() -> {
            seen.add(Thread.currentThread());
            runs.incrementAndGet(id);
            if (id % 500 == 0) {
              await(gate); // blocks until every quick task has run
              all.countDown();
            } else {
              all.countDown();
              quick.countDown();
            }
          });
        }
      }));
    }
    for (Thread t : producers) {
      t.join();
    }

    assertThat(quick.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    // the 40 blocked tasks are still running on runners of their own
    assertThat(all.getCount()).isEqualTo(tasks / 500);
    assertThat(seen.size()).isGreaterThan(tasks / 500);
    gate.countDown();
    assertThat(all.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    stopAndAwaitEveryThread(runners);
    for (int i = 0; i < tasks; i++) {
      assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
    }
    assertThat(seen).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  void stop_lets_queued_tasks_finish_then_every_thread_ends_and_a_late_task_still_runs() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(11);
    runners.execute(() -> {
      started.countDown();
      await(release);
      done.countDown();
    });
    for (int i = 0; i < 10; i++) {
      runners.execute(done::countDown);
    }
    assertThat(started.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    List<Thread> threads = runners.threads();
    assertThat(threads).isNotEmpty();

    runners.stop();
    release.countDown();

    assertThat(done.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(GENEROUS_SECONDS))).as("%s ended", t).isTrue();
    }
    CountDownLatch late = new CountDownLatch(1);
    List<Thread> lateThread = new CopyOnWriteArrayList<>();
    runners.execute(() -> {
      lateThread.add(Thread.currentThread());
      late.countDown();
    });
    assertThat(late.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(lateThread.get(0).join(Duration.ofSeconds(GENEROUS_SECONDS))).isTrue();
    assertThat(runners.threads()).isEmpty();
  }

  @Test
  void runners_that_park_and_callbacks_that_block_pin_no_carrier() throws Exception {
    List<String> pinned = new CopyOnWriteArrayList<>();
    try (RecordingStream recording = new RecordingStream()) {
      recording.enable("jdk.VirtualThreadPinned").withoutThreshold().withStackTrace();
      recording.onEvent("jdk.VirtualThreadPinned", event -> {
        if (ours(event)) {
          pinned.add(String.valueOf(event.getStackTrace()));
        }
      });
      recording.startAsync();
      CallbackRunners runners = new CallbackRunners("t-callback");
      for (int round = 0; round < 20; round++) {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger quickLeft = new AtomicInteger(100);
        CountDownLatch done = new CountDownLatch(101);
        runners.execute(() -> {
          await(gate);
          done.countDown();
        });
        for (int i = 0; i < 100; i++) {
          runners.execute(() -> {
            if (quickLeft.decrementAndGet() == 0) {
              gate.countDown();
            }
            done.countDown();
          });
        }
        assertThat(done.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
      }
      stopAndAwaitEveryThread(runners);
      recording.stop();
    }
    assertThat(pinned).isEmpty();
  }

  private static boolean ours(RecordedEvent event) {
    if (event.getStackTrace() == null) {
      return false;
    }
    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
      if (frame.getMethod().getType().getName().startsWith(CallbackRunners.class.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Stops the executor and waits until every thread it started has ended. */
  private static void stopAndAwaitEveryThread(CallbackRunners runners) throws InterruptedException {
    List<Thread> threads = runners.threads();
    runners.stop();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(GENEROUS_SECONDS))).as("%s ended", t).isTrue();
    }
    // a runner started after the snapshot (by the watchdog) ends too
    for (Thread t : runners.threads()) {
      assertThat(t.join(Duration.ofSeconds(GENEROUS_SECONDS))).as("%s ended", t).isTrue();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(GENEROUS_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("latch never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
