package io.loomcql.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a {@link Workload} for a warm-up window then a measured window, in one of three shapes:
 *
 * <ul>
 *   <li>{@code closed}: {@code concurrency} virtual threads, each calling the blocking execute in
 *       a loop; latency = call duration;
 *   <li>{@code async}: one submitter (a virtual thread, or a platform thread) keeping {@code
 *       concurrency} requests in flight with executeAsync; latency = submit to completion;
 *   <li>{@code fixed}: an open loop at {@code rate} requests/s served by {@code concurrency}
 *       virtual threads calling the blocking execute; latency counts from each request's intended
 *       start ({@link OpenLoopSchedule}), so a stall is charged to every request it delayed;
 *   <li>{@code cold}: the first {@code coldOps} requests of a fresh JVM, one after the other on one
 *       virtual thread, no warm-up; the measured window is exactly those requests.
 * </ul>
 *
 * In {@code closed} mode each worker may sleep {@code think} between requests (B6).
 *
 * Latencies go to one HdrHistogram per worker thread (single writer, no lock; merged when the
 * workers have stopped); in the async shape completions run on the driver's threads, so they go to
 * one wait-free multi-writer {@link Recorder}. Only operations that complete inside the measured
 * window are counted.
 */
final class Runner {

  enum Mode {
    CLOSED, ASYNC, FIXED,
    /** A fresh JVM's first {@code --ops} sequential requests, no warm-up (B7). */
    COLD;

    static Mode parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What one run measured. Latencies in nanoseconds. */
  record Result(Histogram latencies, long ops, long errors, long rows, ProcessStats start, ProcessStats end,
      String firstError, long[] transportStart, long[] transportEnd) {}

  static final long HIGHEST_NANOS = 120_000_000_000L;
  private static final int WARMUP = 0;
  private static final int MEASURE = 1;
  private static final int DONE = 2;

  private final Workload workload;
  private final Mode mode;
  private final int concurrency;
  private final long rate;
  private final boolean platformSubmitter;
  private final long serverPid;
  private Duration think = Duration.ZERO;
  private long coldOps = 10_000;
  private volatile int phase = WARMUP;
  private final AtomicReference<String> firstError = new AtomicReference<>();

  Runner(Workload workload, Mode mode, int concurrency, long rate, boolean platformSubmitter, long serverPid) {
    this.workload = workload;
    this.mode = mode;
    this.concurrency = concurrency;
    this.rate = rate;
    this.platformSubmitter = platformSubmitter;
    this.serverPid = serverPid;
  }

  /** Think time of each closed-loop worker between two requests. */
  Runner think(Duration think) {
    this.think = think;
    return this;
  }

  /** The requests of a {@code cold} run. */
  Runner coldOps(long ops) {
    this.coldOps = ops;
    return this;
  }

  Result run(Duration warmup, Duration measure) throws InterruptedException {
    return switch (mode) {
      case CLOSED, FIXED -> runWorkers(warmup, measure);
      case ASYNC -> runAsync(warmup, measure);
      case COLD -> runCold();
    };
  }

  /** Above this many workers, latencies go to one wait-free {@link Recorder} (a histogram each would not fit). */
  static final int SHARED_RECORDER_ABOVE = 8192;

  private Result runCold() {
    Histogram h = new Histogram(100, HIGHEST_NANOS, 3);
    long[] transportStart = workload.adapter().transportCounters();
    ProcessStats start = ProcessStats.take(serverPid);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long errors = 0;
    long rows = 0;
    for (long i = 0; i < coldOps; i++) {
      long t0 = System.nanoTime();
      try {
        rows += workload.runBlocking(random);
        h.recordValue(Math.min(Math.max(System.nanoTime() - t0, 0), HIGHEST_NANOS));
      } catch (RuntimeException e) {
        noteError(e);
        errors++;
      }
    }
    ProcessStats end = ProcessStats.take(serverPid);
    long[] transportEnd = workload.adapter().transportCounters();
    return new Result(h, h.getTotalCount(), errors, rows, start, end, firstError.get(), transportStart,
        transportEnd);
  }

  private static AbstractHistogram newHistogram(int concurrency) {
    // 3 significant digits while it stays small; 2 when thousands of workers each hold one
    return new IntCountsHistogram(100, HIGHEST_NANOS, concurrency > 1024 ? 2 : 3);
  }

  private void noteError(Throwable e) {
    if (firstError.get() == null) {
      firstError.compareAndSet(null, e.toString());
    }
  }

  /** A closed- or open-loop worker: owns its histogram and counters until it has stopped. */
  private final class Worker implements Runnable {
    final AbstractHistogram histogram;
    final Recorder shared;
    long errors;
    long rows;
    final OpenLoopSchedule schedule;
    final AtomicLong slots;

    Worker(OpenLoopSchedule schedule, AtomicLong slots, Recorder shared) {
      this.shared = shared;
      this.histogram = shared == null ? newHistogram(concurrency) : null;
      this.schedule = schedule;
      this.slots = slots;
    }

    @Override
    public void run() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (true) {
        long start;
        if (schedule == null) {
          if (phase == DONE) {
            return;
          }
          start = System.nanoTime();
        } else {
          start = schedule.intendedStart(slots.getAndIncrement());
          long now;
          while ((now = System.nanoTime()) < start) {
            if (phase == DONE) {
              return;
            }
            LockSupport.parkNanos(start - now);
          }
          if (phase == DONE) {
            return;
          }
        }
        int n;
        boolean ok;
        try {
          n = workload.runBlocking(random);
          ok = true;
        } catch (RuntimeException e) {
          noteError(e);
          n = 0;
          ok = false;
        }
        long end = System.nanoTime();
        if (phase == MEASURE) {
          if (ok) {
            long latency = Math.min(Math.max(end - start, 0), HIGHEST_NANOS);
            if (shared != null) {
              shared.recordValue(latency);
            } else {
              histogram.recordValue(latency);
            }
            rows += n;
          } else {
            errors++;
          }
        }
        if (schedule == null && !think.isZero()) {
          try {
            Thread.sleep(think);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  private Result runWorkers(Duration warmup, Duration measure) throws InterruptedException {
    OpenLoopSchedule schedule = mode == Mode.FIXED ? new OpenLoopSchedule(System.nanoTime(), rate) : null;
    AtomicLong slots = new AtomicLong();
    Recorder shared = concurrency > SHARED_RECORDER_ABOVE ? new Recorder(100, HIGHEST_NANOS, 2) : null;
    Worker[] workers = new Worker[concurrency];
    Thread[] threads = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      workers[i] = new Worker(schedule, slots, shared);
      threads[i] = Thread.ofVirtual().name("bench-worker-" + i).start(workers[i]);
    }
    Thread.sleep(warmup.toMillis());
    long[] transportStart = workload.adapter().transportCounters();
    ProcessStats start = ProcessStats.take(serverPid);
    if (shared != null) {
      shared.reset();
    }
    phase = MEASURE;
    Thread.sleep(measure.toMillis());
    phase = DONE;
    ProcessStats end = ProcessStats.take(serverPid);
    long[] transportEnd = workload.adapter().transportCounters();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(90));
    }
    Histogram all = new Histogram(100, HIGHEST_NANOS, 3);
    long errors = 0;
    long rows = 0;
    if (shared != null) {
      all.add(shared.getIntervalHistogram());
    }
    for (Worker w : workers) {
      if (w.histogram != null) {
        all.add(w.histogram);
      }
      errors += w.errors;
      rows += w.rows;
    }
    return new Result(all, all.getTotalCount(), errors, rows, start, end, firstError.get(),
        transportStart, transportEnd);
  }

  private Result runAsync(Duration warmup, Duration measure) throws InterruptedException {
    Recorder recorder = new Recorder(100, HIGHEST_NANOS, 3);
    LongAdder errors = new LongAdder();
    LongAdder rows = new LongAdder();
    Semaphore window = new Semaphore(concurrency);
    Runnable submitter = () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      try {
        while (phase != DONE) {
          if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            continue;
          }
          long start = System.nanoTime();
          CompletionStage<?> stage;
          try {
            stage = workload.runAsync(random);
          } catch (RuntimeException e) {
            noteError(e);
            if (phase == MEASURE) {
              errors.increment();
            }
            window.release();
            continue;
          }
          stage.whenComplete((result, error) -> {
            long end = System.nanoTime();
            int n = error == null ? workload.adapter().consume(result) : 0;
            if (phase == MEASURE) {
              if (error == null) {
                recorder.recordValue(Math.min(Math.max(end - start, 0), HIGHEST_NANOS));
                rows.add(n);
              } else {
                errors.increment();
              }
            }
            if (error != null) {
              noteError(error);
            }
            window.release();
          });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Thread thread = platformSubmitter
        ? Thread.ofPlatform().name("bench-submitter").start(submitter)
        : Thread.ofVirtual().name("bench-submitter").start(submitter);
    Thread.sleep(warmup.toMillis());
    long[] transportStart = workload.adapter().transportCounters();
    ProcessStats start = ProcessStats.take(serverPid);
    recorder.reset();
    phase = MEASURE;
    Thread.sleep(measure.toMillis());
    phase = DONE;
    ProcessStats end = ProcessStats.take(serverPid);
    long[] transportEnd = workload.adapter().transportCounters();
    Histogram all = recorder.getIntervalHistogram();
    thread.join(TimeUnit.SECONDS.toMillis(90));
    // let the last requests finish before the session closes
    if (window.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) {
      window.release(concurrency);
    }
    return new Result(all, all.getTotalCount(), errors.sum(), rows.sum(), start, end, firstError.get(),
        transportStart, transportEnd);
  }
}
