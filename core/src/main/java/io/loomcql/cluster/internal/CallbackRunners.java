package io.loomcql.cluster.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's default callback executor: async request steps, {@code ResponseFuture} callbacks
 * and dependent stages are queued and run one after the other by a runner virtual thread, rather
 * than each on a virtual thread of its own. An I/O thread that completes a batch of requests only
 * appends to a queue and wakes the runner if it sleeps: no thread start per completion, one wake
 * per batch at most.
 *
 * <p>Callbacks may block. A watchdog virtual thread looks at the runners about every {@code
 * stallNanos} while they work: when every runner has been inside one task for longer than that
 * and tasks are waiting, it starts as many new runners again (so a blocked callback delays the
 * others by about {@code stallNanos}, and a burst of blocking callbacks gets runners fast). A
 * runner with nothing to do parks if no other runner is parked already, else it ends; so the
 * runners shrink back to one when the blocked callbacks return. Tasks start in the order they
 * were queued; with one runner (no callback blocked) they also run in that order.
 *
 * <p>Threads: the runners ({@code <name>-N}) and the watchdog ({@code <name>-watchdog}) are
 * virtual and started by the first task. {@link #stop()} lets the runners finish the queued tasks,
 * then they and the watchdog end; a task queued after that gets a runner of its own that ends once
 * the queue is empty again, so no completion is ever lost.
 */
public final class CallbackRunners implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(CallbackRunners.class);

  /** How long one task may hold a runner before the watchdog adds another: 1 ms. */
  public static final long DEFAULT_STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** Runners added at once, at most, when every runner is held by a blocked task. */
  private static final int MAX_ADDED_AT_ONCE = 64;
  /** How long the watchdog keeps looking after the last work it saw before it parks for good. */
  private static final long WATCHDOG_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final VarHandle PARKED;
  private static final VarHandle WATCHDOG_IDLE;
  private static final VarHandle TASK_START;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PARKED = lookup.findVarHandle(CallbackRunners.class, "parked", Runner.class);
      WATCHDOG_IDLE = lookup.findVarHandle(CallbackRunners.class, "watchdogIdle", boolean.class);
      TASK_START = lookup.findVarHandle(Runner.class, "taskStart", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final long stallNanos;
  private final long lingerNanos;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** The live runners, for the watchdog; each adds and removes itself. */
  private final Set<Runner> runners = ConcurrentHashMap.newKeySet();
  /** Runners started and not yet ended (a runner counts itself out, then looks at the queue once more). */
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger threadNumber = new AtomicInteger();
  /** The one runner parked waiting for work, or null; claimed (CAS to null) by whoever wakes it. */
  private volatile Runner parked;
  private volatile boolean stopped;
  /** Started with the first runner; written once under that CAS of {@link #live}. */
  private volatile Thread watchdog;
  /** The watchdog parks without a deadline; the runner that next leaves its park wakes it. */
  private volatile boolean watchdogIdle;

  /** @param name the threads' name prefix, e.g. {@code loomcql-1-callback} */
  public CallbackRunners(String name) {
    this(name, DEFAULT_STALL_NANOS);
  }

  CallbackRunners(String name, long stallNanos) {
    this(name, stallNanos, WATCHDOG_LINGER_NANOS);
  }

  CallbackRunners(String name, long stallNanos, long lingerNanos) {
    this.name = name;
    this.stallNanos = stallNanos;
    this.lingerNanos = lingerNanos;
  }

  @Override
  public void execute(Runnable task) {
    tasks.offer(task);
    Runner sleeper = parked;
    if (sleeper != null) {
      if (PARKED.compareAndSet(this, sleeper, null)) {
        LockSupport.unpark(sleeper.thread);
      }
      return;
    }
    // No runner parked: one is working (it polls again before it parks), or there is none.
    if (live.get() == 0 && live.compareAndSet(0, 1)) {
      startRunner();
      if (watchdog == null && !stopped) {
        watchdog = Thread.ofVirtual().name(name + "-watchdog").start(this::watch);
      }
    }
  }

  /**
   * Lets the runners finish the tasks already queued, then ends them and the watchdog. Returns at
   * once; tasks queued later still run (see the class comment).
   */
  public void stop() {
    stopped = true;
    Runner sleeper = parked;
    if (sleeper != null && PARKED.compareAndSet(this, sleeper, null)) {
      LockSupport.unpark(sleeper.thread);
    }
    Thread w = watchdog;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** Whether the watchdog is parked for good, until a runner leaves its park (for tests). */
  boolean watchdogParked() {
    return watchdogIdle;
  }

  /** The runners and the watchdog alive now (for tests: they end after {@link #stop()}). */
  List<Thread> threads() {
    List<Thread> threads = new ArrayList<>();
    for (Runner r : runners) {
      threads.add(r.thread);
    }
    Thread w = watchdog;
    if (w != null && w.isAlive()) {
      threads.add(w);
    }
    return threads;
  }

  /** Starts a runner already counted in {@link #live}. */
  private void startRunner() {
    Runner runner = new Runner();
    runners.add(runner);
    runner.thread.start();
  }

  /** One runner virtual thread; {@link #taskStart} is its only state others read. */
  private final class Runner implements Runnable {
    final Thread thread =
        Thread.ofVirtual().name(name + "-" + threadNumber.getAndIncrement()).unstarted(this);
    /** System.nanoTime() when the running task started (never 0), or 0 between tasks; opaque. */
    @SuppressWarnings("unused")
    private long taskStart;

    long taskStart() {
      return (long) TASK_START.getOpaque(this);
    }

    @Override
    public void run() {
      while (true) {
        Runnable task = tasks.poll();
        if (task != null) {
          runTask(task);
        } else if (!waitForWork() && !stayAfterCountingOut()) {
          return;
        }
      }
    }

    private void runTask(Runnable task) {
      long now = System.nanoTime();
      TASK_START.setOpaque(this, now == 0 ? 1 : now);
      try {
        task.run();
      } catch (Throwable e) {
        LOG.error("{}: a callback threw", name, e);
      } finally {
        TASK_START.setOpaque(this, 0L);
        // an interrupt a callback left behind would turn every later park into a spin
        Thread.interrupted();
      }
    }

    /**
     * Parks until a task is queued; false when this runner should end instead: the executor is
     * stopped and the queue empty, or another runner is parked already.
     */
    private boolean waitForWork() {
      if (stopped || !PARKED.compareAndSet(CallbackRunners.this, null, this)) {
        return false;
      }
      // parked is published: a task queued from now on claims this runner; one queued just
      // before is seen here
      if (!tasks.isEmpty() || stopped) {
        PARKED.compareAndSet(CallbackRunners.this, this, null);
      } else {
        while (parked == this) {
          LockSupport.park(this);
        }
      }
      // the watchdog may have parked for good while this runner was published: it watches again
      if (watchdogIdle && WATCHDOG_IDLE.compareAndSet(CallbackRunners.this, true, false)) {
        LockSupport.unpark(watchdog);
      }
      return true;
    }

    /**
     * Counts this runner out; true if it must go on after all: it was the last one and a task
     * was queued meanwhile (the task's producer saw a runner still counted and started none).
     */
    private boolean stayAfterCountingOut() {
      runners.remove(this);
      if (live.decrementAndGet() == 0) {
        if (!tasks.isEmpty() && live.compareAndSet(0, 1)) {
          runners.add(this);
          return true;
        }
        Thread w = watchdog;
        if (w != null) {
          LockSupport.unpark(w); // stopped and the last runner gone: the watchdog ends too
        }
      }
      return false;
    }
  }

  /** The watchdog: adds runners when every runner is held by one task and tasks wait. */
  private void watch() {
    long lastWork = System.nanoTime();
    while (!(stopped && live.get() == 0)) {
      long now = System.nanoTime();
      int alive = 0;
      int busy = 0;
      int stuck = 0;
      long nextDue = now + stallNanos;
      for (Runner r : runners) {
        alive++;
        long start = r.taskStart();
        if (start != 0) {
          busy++;
          long due = start + stallNanos;
          if (now - due >= 0) {
            stuck++;
          } else if (due - nextDue < 0) {
            nextDue = due;
          }
        }
      }
      boolean waiting = !tasks.isEmpty();
      if (stuck > 0 && stuck == alive && waiting && parked == null) {
        addRunners(Math.min(stuck, MAX_ADDED_AT_ONCE));
      }
      if (busy > 0 || waiting) {
        lastWork = now;
        LockSupport.parkNanos(this, stuck > 0 ? stallNanos : Math.max(nextDue - now, 1));
      } else if (stopped || now - lastWork < lingerNanos) {
        LockSupport.parkNanos(this, stallNanos);
      } else {
        parkUntilWork();
        lastWork = System.nanoTime();
      }
    }
  }

  private void addRunners(int count) {
    LOG.debug("{}: every runner has been in one callback for over {} µs; adding {}", name,
        stallNanos / 1000, count);
    for (int i = 0; i < count; i++) {
      live.incrementAndGet();
      startRunner();
    }
  }

  /**
   * Parks the watchdog with no deadline while the one runner is parked and nothing is queued; the
   * runner wakes it when it leaves its park (see {@link Runner#waitForWork()}).
   */
  private void parkUntilWork() {
    if (!idle()) {
      return;
    }
    watchdogIdle = true;
    // watchdogIdle is published: a runner claimed from now on wakes the watchdog; one claimed
    // just before is seen here
    if (!idle()) {
      WATCHDOG_IDLE.compareAndSet(this, true, false);
      return;
    }
    while (watchdogIdle && !stopped) {
      LockSupport.park(this);
    }
  }

  private boolean idle() {
    return parked != null && live.get() == 1 && tasks.isEmpty() && !stopped;
  }
}
