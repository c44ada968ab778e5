package io.loomcql.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ReadTimeoutException;
import io.loomcql.WriteTimeoutException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.node.Host;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BatchType;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A mixed load on the shared node for 2 minutes (30 with {@code -Dloomcql.it.long=true}): the
 * driver's heap does not grow, no request is left in an in-flight table, and closing the cluster
 * gives back every thread, socket and file descriptor it took.
 *
 * <p>64 virtual threads loop over prepared inserts and selects by key, a few {@code executeAsync}
 * calls at once, a batch, and now and then a paged scan. After a warm-up, the heap used after a
 * full collection is sampled every 10 s.
 */
@RealCassandra
class SoakIT {

  private static final boolean LONG = Boolean.getBoolean("loomcql.it.long");
  private static final Duration RUN = Duration.ofMinutes(LONG ? 30 : 2);
  private static final Duration WARM_UP = Duration.ofSeconds(LONG ? 60 : 20);
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
  private static final int WORKERS = 64;
  private static final int KEYS = 5_000;
  private static final String THREAD_PREFIX = "loomcql-";
  /** The driver allocates nothing per request that outlives it; less than half a minimal object. */
  private static final long LEAK_BYTES_PER_OP = 8;
  /** Below this, differences between two heaps after a full collection are noise. */
  private static final long NOISE_BYTES = 2L << 20;

  @Test
  void a_long_mixed_load_leaks_no_memory_requests_threads_sockets_or_descriptors(TestCluster cassandra)
      throws Exception {
    // A first cluster loads the driver's classes (opening jars): the baseline is taken after it.
    try (Cluster warmUp = Clusters.builder(cassandra).build(); Session session = warmUp.connect()) {
      createSchema(session);
    }
    Resources before = settledResources(null);

    Run run;
    try (Cluster cluster = Clusters.builder(cassandra).metricsEnabled(true).build();
        Session session = cluster.connect("it_soak")) {
      run = load(session);
      // Every request has its answer: nothing queued or awaiting a response on any connection.
      Map<Host, Map<String, Object>> pools = waitForIdlePools(session);
      System.out.printf("[soak] pools after the load: %s; metrics %s%n", pools, cluster.metrics());
      assertThat(pools).isNotEmpty();
      for (Map<String, Object> pool : pools.values()) {
        assertThat(pool.get("shutdown")).isEqualTo(false);
        assertThat((Integer) pool.get("open_count")).isPositive();
        assertThat((List<?>) pool.get("in_flights")).isNotEmpty().allMatch(n -> (Integer) n == 0);
      }
    }
    Resources after = settledResources(before);

    long seconds = Math.max(1, RUN.toSeconds());
    System.out.printf(
        "[soak] %d s: %d ops (%d ops/s), %d timeouts; heap after GC (MiB) %s; first third median"
            + " %.1f MiB, last third median %.1f MiB, %d ops between them, bound +%.1f MiB;"
            + " fds %d -> %d (%d under load), sockets %d -> %d (%d under load), driver threads"
            + " %d -> %d (%d under load: %s)%n",
        seconds, run.ops, run.ops / seconds, run.timeouts, run.heapMiB(), run.firstMedian / 1048576.0,
        run.lastMedian / 1048576.0, run.opsBetweenMedians, run.bound() / 1048576.0, before.fds,
        after.fds, run.during.fds, before.sockets, after.sockets, run.during.sockets,
        before.threads.size(), after.threads.size(), run.during.threads.size(), run.during.threads);

    assertThat(run.failures).as("errors other than timeouts").isEmpty();
    assertThat(run.timeouts).as("timeouts").isLessThanOrEqualTo(run.ops / 1000);
    assertThat(run.samples).hasSizeGreaterThanOrEqualTo(6);
    // Heap growth bound: a leak of one object per request keeps at least 16 bytes (an object
    // header and a field) per op. Between the two medians at least opsBetweenMedians requests run,
    // so such a leak adds 16 B x ops; the bound allows half of that (8 B per op), and never less
    // than 2 MiB, which is well above the spread of heaps measured after a full collection of a
    // steady load (a few hundred KiB: buffers, histograms and JIT-time allocations) but below what
    // a 16-byte leak adds once more than 131,072 requests run between the medians (1,640 ops/s
    // over the 80 s between them in the short form; this machine runs about 3,800).
    assertThat(run.lastMedian - run.firstMedian)
        .as("heap growth between the first and the last third of the samples")
        .isLessThanOrEqualTo(run.bound());
    // The counts see the driver's resources: its I/O threads (the admin thread starts with the
    // first node event, callback threads live for one callback), its sockets.
    assertThat(run.during.threads).anyMatch(name -> name.contains("-io-"));
    assertThat(run.workersSeen).as("virtual worker threads in the dump").isEqualTo(WORKERS);
    assertThat(run.during.sockets).isGreaterThanOrEqualTo(before.sockets + 2);
    assertThat(after.threads).as("driver threads after close").isEqualTo(before.threads);
    assertThat(after.sockets).as("open sockets after close").isEqualTo(before.sockets);
    assertThat(after.fds).as("file descriptors after close").isEqualTo(before.fds);
  }

  private static void createSchema(Session session) {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_soak WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("DROP TABLE IF EXISTS it_soak.kv");
    session.execute("CREATE TABLE it_soak.kv (k int PRIMARY KEY, v text, n bigint)");
  }

  // ------------------------------------------------------------------------ the load

  private static final class Run {
    long ops;
    long timeouts;
    final List<Throwable> failures = new ArrayList<>();
    final List<Long> samples = new ArrayList<>();
    final List<Long> opsAtSample = new ArrayList<>();
    /** The resources at the first sample, under load. */
    Resources during;
    /** How many of the virtual worker threads the thread dump listed then. */
    int workersSeen;
    long firstMedian;
    long lastMedian;
    long opsBetweenMedians;

    long bound() {
      return Math.max(NOISE_BYTES, LEAK_BYTES_PER_OP * opsBetweenMedians);
    }

    List<String> heapMiB() {
      return samples.stream().map(b -> String.format("%.1f", b / 1048576.0)).toList();
    }
  }

  private static Run load(Session session) throws Exception {
    PreparedStatement insert = session.prepare("INSERT INTO kv (k, v, n) VALUES (?, ?, ?)");
    PreparedStatement select = session.prepare("SELECT k, v, n FROM kv WHERE k = ?");
    String value = "v".repeat(100);
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder ops = new LongAdder();
    LongAdder timeouts = new LongAdder();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(
          Thread.ofVirtual()
              .name("soak-worker-" + w)
              .start(
                  () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (running.get()) {
                      try {
                        int dice = random.nextInt(1000);
                        int k = random.nextInt(KEYS);
                        if (dice < 450) {
                          session.execute(insert.bind(k, value, (long) dice));
                        } else if (dice < 900) {
                          Row row = session.execute(select.bind(k)).one();
                          if (row != null && row.getInt("k") != k) {
                            throw new AssertionError("asked for key " + k + ", got " + row);
                          }
                        } else if (dice < 960) {
                          List<ResponseFuture> futures = new ArrayList<>();
                          for (int i = 0; i < 4; i++) {
                            futures.add(
                                i % 2 == 0
                                    ? session.executeAsync(select.bind((k + i) % KEYS))
                                    : session.executeAsync(insert.bind((k + i) % KEYS, value, (long) i)));
                          }
                          for (ResponseFuture future : futures) {
                            future.result();
                          }
                        } else if (dice < 999) {
                          BatchStatement batch =
                              new BatchStatement(dice % 2 == 0 ? BatchType.LOGGED : BatchType.UNLOGGED);
                          for (int i = 0; i < 5; i++) {
                            batch.add(insert.bind((k + i) % KEYS, value, (long) i));
                          }
                          session.execute(batch);
                        } else {
                          int rows = 0;
                          ResultSet scan =
                              session.execute(
                                  new SimpleStatement("SELECT k FROM kv LIMIT 2000").setFetchSize(200));
                          for (Row ignored : scan) {
                            rows++;
                          }
                          if (rows == 0) {
                            throw new AssertionError("a paged scan read no rows");
                          }
                        }
                        ops.increment();
                      } catch (OperationTimedOutException | ReadTimeoutException | WriteTimeoutException e) {
                        timeouts.increment();
                      } catch (Throwable e) {
                        failures.add(e);
                      }
                    }
                  }));
    }

    Run run = new Run();
    long start = System.nanoTime();
    sleepUntil(start, WARM_UP);
    for (long at = WARM_UP.toNanos(); at <= RUN.toNanos(); at += SAMPLE_EVERY.toNanos()) {
      sleepUntil(start, Duration.ofNanos(at));
      run.opsAtSample.add(ops.sum());
      run.samples.add(heapUsedAfterGc());
      if (run.during == null) {
        run.during = resources();
        run.workersSeen = threadNames("soak-worker-").size();
      }
    }
    running.set(false);
    for (Thread worker : workers) {
      worker.join(Duration.ofSeconds(30));
      assertThat(worker.isAlive()).as(worker + " still running").isFalse();
    }
    run.ops = ops.sum();
    run.timeouts = timeouts.sum();
    run.failures.addAll(failures.stream().limit(10).toList());

    int third = run.samples.size() / 3;
    List<Long> first = run.samples.subList(0, third);
    List<Long> last = run.samples.subList(run.samples.size() - third, run.samples.size());
    run.firstMedian = median(first);
    run.lastMedian = median(last);
    // Ops run between the middle sample of the first third and that of the last third.
    run.opsBetweenMedians =
        run.opsAtSample.get(run.samples.size() - third + third / 2) - run.opsAtSample.get(third / 2);
    return run;
  }

  private static long heapUsedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static Map<Host, Map<String, Object>> waitForIdlePools(Session session) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Map<Host, Map<String, Object>> state = session.getPoolState();
      boolean idle =
          state.values().stream()
              .flatMap(pool -> ((List<?>) pool.get("in_flights")).stream())
              .allMatch(n -> (Integer) n == 0);
      if (idle || System.nanoTime() > deadline) {
        return state;
      }
      Thread.sleep(50);
    }
  }

  private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
    long wait = startNanos + offset.toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  // ------------------------------------------------------------------------ resources

  /** Threads named by a driver (platform and virtual), open sockets, open file descriptors. */
  private record Resources(List<String> threads, long sockets, long fds) {}

  /**
   * The resources now; with {@code baseline}, waits up to 10 s for them to come back to it (the
   * I/O threads and callback threads end shortly after close returns).
   */
  private static Resources settledResources(Resources baseline) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Resources now = resources();
      if (baseline == null || now.equals(baseline) || System.nanoTime() > deadline) {
        return now;
      }
      Thread.sleep(100);
    }
  }

  private static Resources resources() throws IOException {
    return new Resources(driverThreads(), countFds(true), countFds(false));
  }

  private static final Pattern THREAD_NAME = Pattern.compile("\"name\": \"([^\"]*)\"");

  /**
   * The names of the live threads a driver started, virtual ones included: a thread dump in JSON
   * lists every thread (Thread.getAllStackTraces lists platform threads only).
   */
  private static List<String> driverThreads() throws IOException {
    return threadNames(THREAD_PREFIX);
  }

  private static List<String> threadNames(String prefix) throws IOException {
    Path dump = Files.createTempDirectory("soak").resolve("threads.json");
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
      Matcher names = THREAD_NAME.matcher(Files.readString(dump));
      List<String> found = new ArrayList<>();
      while (names.find()) {
        if (names.group(1).startsWith(prefix)) {
          found.add(names.group(1));
        }
      }
      found.sort(null);
      return found;
    } finally {
      Files.deleteIfExists(dump);
      Files.deleteIfExists(dump.getParent());
    }
  }

  private static long countFds(boolean socketsOnly) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> !socketsOnly || isSocket(fd)).count();
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException e) {
      return false; // closed while listing (the listing's own descriptor)
    }
  }
}
