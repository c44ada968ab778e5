package io.loomcql.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Runs ONE driver in this JVM for one configuration and prints one JSON line of results on
 * stdout (everything else goes to stderr). {@link CompareMain} runs it once per driver and run.
 *
 * <pre>
 * BenchMain --driver loomcql|java-driver [--host 127.0.0.1] [--port 9042] [--protocol 5]
 *           [--connections 1] [--workload read|write|mixed|scan|batch] [--mode closed|async|fixed]
 *           [--concurrency 256] [--rate OPS_PER_S (fixed)] [--statement prepared|simple]
 *           [--value-size 64] [--keys 100000] [--consistency LOCAL_ONE] [--scan-rows 1000]
 *           [--batch-size 10] [--read-ratio 0.5] [--warmup 10s] [--measure 20s]
 *           [--submitter virtual|platform (async)] [--server-pid PID] [--target LABEL] [--run N]
 *           [--local-dc datacenter1] [--timeout 60s] [--think 10ms (closed)] [--ops 10000 (cold)]
 *           [--pinned (record jdk.VirtualThreadPinned with Flight Recorder and count the events)]
 * BenchMain --driver D --setup [--populate] ...   creates b.kv (and writes every key), prints {"setup":"ok"}
 * </pre>
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] argv) throws Exception {
    Settings s = Settings.parse(new Args(argv));
    PinnedRecorder pinnedRecorder = s.pinned() ? PinnedRecorder.start() : null;
    ProcessStats.HeapSampler heap = ProcessStats.HeapSampler.start();
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    if (s.mode() == Runner.Mode.FIXED && s.rate() <= 0) {
      throw new IllegalArgumentException("--mode fixed needs --rate OPS_PER_S");
    }

    int fetchSize = Math.max(5000, s.scanRows());
    DriverAdapter adapter = DriverAdapter.named(s.driver());
    long connectStart = System.nanoTime();
    adapter.connect(new DriverAdapter.Options(s.host(), s.port(), s.protocol(), s.connections(), s.consistency(),
        s.localDc(), fetchSize, s.concurrency(), s.timeout()));
    long connectNanos = System.nanoTime() - connectStart;
    long jvmToConnectedMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    try {
      if (s.setup()) {
        setUp(adapter, s);
        return;
      }
      Workload workload = new Workload(s.kind(), adapter, s.prepared(), s.keys(), s.valueSize(), s.scanRows(),
          s.batchSize(), s.readRatio());
      Runner runner = new Runner(workload, s.mode(), s.concurrency(), s.rate(), s.platformSubmitter(), s.serverPid())
          .think(s.think()).coldOps(s.coldOps());
      Runner.Result result = runner.run(s.warmup(), s.measure());
      if (result.firstError() != null) {
        System.err.println("bench: " + s.driver() + ": first error: " + result.firstError());
      }
      Json.Writer json = describe(s, adapter)
          .put("connect_ms", connectNanos / 1e6)
          .put("jvm_to_connected_ms", (double) jvmToConnectedMs);
      summarize(json, result, s.serverPid());
      if (s.mode() == Runner.Mode.COLD) {
        json.put("first_ops", s.coldOps())
            .put("first_ops_ms", (result.end().nanoTime() - result.start().nanoTime()) / 1e6);
      }
      json.put("driver_threads", driverThreads(threadsBefore))
          .put("rss_mb", ProcessStats.rssKilobytes() / 1024.0)
          .put("peak_heap_mb", heap.stop() / (1024.0 * 1024.0));
      if (pinnedRecorder != null) {
        Instant measureStart = Instant.now().minusNanos(System.nanoTime() - result.start().nanoTime());
        PinnedRecorder.Counts counts = pinnedRecorder.stop(measureStart);
        json.put("pinned_events", counts.events())
            .put("pinned_events_measured", counts.measuredEvents())
            .put("pinned_stack", counts.topFrame());
      }
      json.put("jdk", Runtime.version().toString())
          .put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      System.out.println(json);
    } finally {
      adapter.close();
    }
  }

  /** One run's configuration, from the command line. */
  private record Settings(String driver, String host, int port, int protocol, int connections, Workload.Kind kind,
      Runner.Mode mode, int concurrency, long rate, boolean prepared, int valueSize, long keys, String consistency,
      int scanRows, int batchSize, double readRatio, Duration warmup, Duration measure, boolean platformSubmitter,
      long serverPid, String target, int run, String localDc, Duration timeout, boolean setup, boolean populate,
      Duration think, long coldOps, boolean pinned) {

    static Settings parse(Args args) {
      Settings settings = new Settings(
          args.string("--driver", "loomcql"),
          args.string("--host", "127.0.0.1"),
          args.integer("--port", 9042),
          args.integer("--protocol", 5),
          args.integer("--connections", 1),
          Workload.Kind.parse(args.string("--workload", "write")),
          Runner.Mode.parse(args.string("--mode", "closed")),
          args.integer("--concurrency", 256),
          args.longValue("--rate", 0),
          !args.string("--statement", "prepared").equals("simple"),
          args.integer("--value-size", 64),
          args.longValue("--keys", 100_000),
          args.string("--consistency", "LOCAL_ONE"),
          args.integer("--scan-rows", 1000),
          args.integer("--batch-size", 10),
          args.decimal("--read-ratio", 0.5),
          args.duration("--warmup", Duration.ofSeconds(10)),
          args.duration("--measure", Duration.ofSeconds(20)),
          args.string("--submitter", "virtual").equals("platform"),
          args.longValue("--server-pid", -1),
          args.string("--target", "unknown"),
          args.integer("--run", 0),
          args.string("--local-dc", "datacenter1"),
          args.duration("--timeout", Duration.ofSeconds(60)),
          args.flag("--setup"),
          args.flag("--populate"),
          args.duration("--think", Duration.ZERO),
          args.longValue("--ops", 10_000),
          args.flag("--pinned"));
      args.checkAllUsed();
      return settings;
    }
  }

  /** {@code --setup}: creates the keyspace and tables (and writes every key with {@code --populate}). */
  private static void setUp(DriverAdapter adapter, Settings s) throws InterruptedException {
    adapter.executeBlocking(adapter.simple(Workload.KEYSPACE_CQL));
    adapter.executeBlocking(adapter.simple(Workload.TABLE_CQL));
    adapter.executeBlocking(adapter.simple(Workload.WIDE_TABLE_CQL));
    if (s.populate()) {
      Workload.populateWide(adapter, Math.max(s.scanRows(), 1000));
      long t0 = System.nanoTime();
      Workload.populate(adapter, s.keys(), s.valueSize(), 128);
      System.err.printf("bench: wrote %,d keys in %.1f s%n", s.keys(), (System.nanoTime() - t0) / 1e9);
    }
    System.out.println(new Json.Writer().put("setup", "ok").put("driver", s.driver()).toString());
  }

  /** The result line's first fields: what ran, and how it was configured. */
  private static Json.Writer describe(Settings s, DriverAdapter adapter) {
    Workload.Kind kind = s.kind();
    return new Json.Writer()
        .put("driver", adapter.name())
        .put("driver_version", adapter.version())
        .put("target", s.target())
        .put("run", s.run())
        .put("workload", kind.label())
        .put("mode", s.mode().label())
        .put("statement", s.prepared() ? "prepared" : "simple")
        .put("concurrency", s.concurrency())
        .put("rate", s.rate())
        .put("protocol", adapter.protocolVersion())
        .put("connections", s.connections())
        .put("connections_effective", adapter.effectiveConnections())
        .put("compression", "none")
        .put("value_size", s.valueSize())
        .put("keys", s.keys())
        .put("consistency", s.consistency())
        .put("batch_size", kind == Workload.Kind.BATCH ? s.batchSize() : 0)
        .put("scan_rows", kind == Workload.Kind.SCAN || kind == Workload.Kind.WIDE ? s.scanRows() : 0)
        .put("think_ms", s.think().toMillis());
  }

  /**
   * Platform threads alive now that were not before the driver connected, less the JDK's virtual
   * thread carriers and the harness's own threads: the threads the driver started.
   */
  static int driverThreads(Set<Thread> before) {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isVirtual() || before.contains(t) || !t.isAlive()) {
        continue;
      }
      String name = t.getName();
      if (t.getClass().getName().equals("jdk.internal.misc.CarrierThread") || name.startsWith("ForkJoinPool-")
          || name.startsWith("bench-") || name.startsWith("Common-Cleaner") || name.startsWith("Attach Listener")
          || name.startsWith("JFR ") || name.startsWith("process reaper") || name.startsWith("VirtualThread-unparker")
          || name.startsWith("Notification Thread") || name.startsWith("RMI ")) {
        continue;
      }
      n++;
    }
    return n;
  }

  /** Adds the measured figures: rates, latency percentiles (µs), and per-operation costs. */
  static void summarize(Json.Writer json, Runner.Result r, long serverPid) {
    ProcessStats s = r.start();
    ProcessStats e = r.end();
    double seconds = (e.nanoTime() - s.nanoTime()) / 1e9;
    long ops = r.ops();
    Histogram h = r.latencies();
    json.put("measure_s", seconds)
        .put("ops", ops)
        .put("errors", r.errors())
        .put("ops_per_s", ops / seconds)
        .put("rows_per_s", r.rows() / seconds)
        .put("alloc_b_per_row", r.rows() == 0 ? Double.NaN
            : ProcessStats.delta(e.allocatedBytes(), s.allocatedBytes()) / (double) r.rows())
        .put("cpu_ns_per_row", r.rows() == 0 ? Double.NaN
            : ProcessStats.delta(e.cpuNanos(), s.cpuNanos()) / (double) r.rows())
        .put("p50_us", micros(h, 50))
        .put("p90_us", micros(h, 90))
        .put("p99_us", micros(h, 99))
        .put("p999_us", micros(h, 99.9))
        .put("max_us", ops == 0 ? 0 : h.getMaxValue() / 1e3)
        .put("mean_us", ops == 0 ? 0 : h.getMean() / 1e3)
        .put("cpu_us_per_op", perOp(ProcessStats.delta(e.cpuNanos(), s.cpuNanos()) / 1e3, ops))
        .put("alloc_b_per_op", perOp(ProcessStats.delta(e.allocatedBytes(), s.allocatedBytes()), ops))
        .put("ctx_vol_per_op", perOp(ProcessStats.delta(e.voluntarySwitches(), s.voluntarySwitches()), ops))
        .put("ctx_invol_per_op",
            perOp(ProcessStats.delta(e.involuntarySwitches(), s.involuntarySwitches()), ops))
        .put("ctx_per_op", perOp(ProcessStats.delta(e.voluntarySwitches(), s.voluntarySwitches())
            + Math.max(0, ProcessStats.delta(e.involuntarySwitches(), s.involuntarySwitches())), ops))
        .put("rw_syscalls_per_op", perOp(ProcessStats.delta(e.syscalls(), s.syscalls()), ops))
        .put("gc_count", e.gcCount() - s.gcCount())
        .put("gc_pause_ms", e.gcMillis() - s.gcMillis())
        .put("client_cpu_cores", ProcessStats.delta(e.cpuNanos(), s.cpuNanos()) / 1e9 / seconds);
    long serverTicks = ProcessStats.delta(e.serverCpuTicks(), s.serverCpuTicks());
    if (serverPid > 0 && serverTicks >= 0) {
      json.put("server_pid", serverPid)
          .put("server_cpu_us_per_op", perOp(serverTicks * 1e6 / ProcessStats.CLOCK_TICKS, ops))
          .put("server_cpu_cores", serverTicks / (double) ProcessStats.CLOCK_TICKS / seconds);
    } else {
      json.put("server_cpu_us_per_op", (String) null);
    }
    json.put("platform_threads", ManagementFactory.getThreadMXBean().getThreadCount());
    long[] ts = r.transportStart();
    long[] te = r.transportEnd();
    if (ts != null && te != null) {
      long frames = te[0] - ts[0];
      long flushes = te[1] - ts[1];
      json.put("frames_per_write", flushes == 0 ? 0 : (double) frames / flushes)
          .put("write_syscalls_per_op", perOp(flushes, ops))
          .put("wakeups_per_op", perOp(te[2] - ts[2], ops));
    } else {
      json.put("frames_per_write", (String) null);
    }
  }

  private static double micros(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e3;
  }

  private static double perOp(double total, long ops) {
    return total < 0 || ops == 0 ? Double.NaN : total / ops;
  }
}
