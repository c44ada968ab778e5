package io.loomcql.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the drivers side by side: for each protocol version and each case, {@code --runs} rounds
 * of A B (one fresh JVM per driver and run, the same java binary and flags), collects each run's
 * JSON line ({@link BenchMain}) and prints a markdown table: medians with min–max, and the ratio
 * loomcql / java-driver.
 *
 * <pre>
 * CompareMain --target real|stub [--host 127.0.0.1] [--port 9042] [--server-pid PID]
 *             [--runs 5] [--protocols 5,4] [--drivers loomcql,java-driver]
 *             [--cases write/closed/1,read/closed/256,write/async/1024,write/fixed/256@30000,...]
 *             | [--workloads read,write] [--modes closed] [--concurrency 256] [--rate N]
 *             [--statements prepared] [--warmup 10s] [--measure 20s] [--value-size 64]
 *             [--keys 100000] [--consistency LOCAL_ONE] [--connections 1] [--scan-rows 1000]
 *             [--batch-size 10] [--read-ratio 0.5] [--submitter virtual]
 *             [--java PATH] [--jvm-flags "-Xms1g -Xmx1g -XX:+UseG1GC"] [--classpath CP]
 *             [--stub-loops 1] [--taskset-client CPUS] [--taskset-stub CPUS]
 *             [--out FILE.md] [--log FILE]
 * CompareMain --compare [--only B1,B2-write,...] [the options above but --cases/--workloads]
 * </pre>
 *
 * A case is {@code workload/mode/concurrency[@rate]}; without {@code --cases} or {@code
 * --workloads} the default cases ({@link #SUITE}: B1–B5, mixed and batch runs). With {@code
 * --compare}, the suite B1–B8 of bench/README.md in short forms ({@link #compareSuite}), and
 * before the tables one row per target: the measured ratio next to the target, met or missed
 * by how much ({@link Targets}).
 */
public final class CompareMain {

  static final String DEFAULT_JVM_FLAGS =
      "-Xms1g -Xmx1g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED";

  /** The default cases: B1, B2 (write, read), B3, B4 (rate filled in per target), B5; then mixed, batch. */
  static final List<String> SUITE = List.of("write/closed/1", "write/closed/256", "read/closed/256",
      "write/async/1024", "write/fixed/256", "scan/closed/16", "mixed/closed/256", "batch/closed/64");

  /**
   * One benchmark configuration, run for every driver. {@code id} names it in the suite ("B2-write",
   * or the spec itself); {@code rateFraction} > 0 makes a fixed-rate case run at that fraction of
   * the java-driver's median ops/s in case {@link #B2_WRITE} of the same run (B4); {@code extra}
   * options go to BenchMain as they are; {@code warmup}, {@code measure} (null: the run's) and
   * {@code runs} (0: the run's) override the run's settings for this case.
   */
  record Case(String id, String workload, String mode, int concurrency, long rate, double rateFraction,
      String statement, List<String> extra, Duration warmup, Duration measure, int runs) {
    Case(String workload, String mode, int concurrency, long rate, String statement) {
      this(workload + "/" + mode + "/" + concurrency, workload, mode, concurrency, rate, 0, statement, List.of(),
          null, null, 0);
    }

    static Case parse(String spec, String statement, long defaultRate) {
      String[] rateSplit = spec.split("@");
      String[] parts = rateSplit[0].split("/");
      if (parts.length != 3) {
        throw new IllegalArgumentException("A case is workload/mode/concurrency[@rate], got '" + spec + "'");
      }
      Workload.Kind.parse(parts[0]);
      Runner.Mode mode = Runner.Mode.parse(parts[1]);
      long rate = rateSplit.length > 1 ? Long.parseLong(rateSplit[1].replace("_", "")) : 0;
      if (mode == Runner.Mode.FIXED && rate == 0) {
        rate = defaultRate;
      }
      return new Case(parts[0], parts[1], Integer.parseInt(parts[2]), mode == Runner.Mode.FIXED ? rate : 0, statement);
    }

    Case withRate(long newRate) {
      return new Case(id, workload, mode, concurrency, newRate, rateFraction, statement, extra, warmup, measure, runs);
    }

    String label() {
      int submitter = extra.indexOf("--submitter");
      String base = workload + "/" + mode + "/" + concurrency + (rate > 0 ? "@" + rate : "")
          + (statement.equals("prepared") ? "" : " (" + statement + ")")
          + (submitter >= 0 ? " (" + extra.get(submitter + 1) + " submitter)" : "");
      return id.startsWith("B") ? id + " " + base : base;
    }
  }

  /** The id of B2's write case, whose java-driver median sets B4's rates. */
  static final String B2_WRITE = "B2-write";

  /**
   * The suite B1–B8 of bench/README.md in short forms (a few seconds measured; B6 one minute):
   * what {@code bin/bench --compare} runs.
   */
  static List<Case> compareSuite(String statement) {
    return List.of(
        new Case("B1", "write", "closed", 1, 0, 0, statement, List.of(), null, null, 0),
        new Case(B2_WRITE, "write", "closed", 256, 0, 0, statement, List.of(), null, null, 0),
        new Case("B2-read", "read", "closed", 256, 0, 0, statement, List.of(), null, null, 0),
        // one submitter thread: a virtual thread, and a platform thread (the shape of most async harnesses)
        new Case("B3-virtual", "write", "async", 1024, 0, 0, statement, List.of("--submitter", "virtual"), null,
            null, 0),
        new Case("B3-platform", "write", "async", 1024, 0, 0, statement, List.of("--submitter", "platform"), null,
            null, 0),
        new Case("B4-25%", "write", "fixed", 256, 0, 0.25, statement, List.of(), null, null, 0),
        new Case("B4-60%", "write", "fixed", 256, 0, 0.60, statement, List.of(), null, null, 0),
        new Case("B5", "wide", "closed", 16, 0, 0, statement, List.of("--scan-rows", "1000"), null, null, 0),
        new Case("B6", "write", "closed", 4096, 0, 0, statement, List.of("--think", "10ms"),
            Duration.ofSeconds(5), Duration.ofMinutes(1), 1),
        new Case("B7", "write", "cold", 1, 0, 0, statement, List.of("--ops", "10000"), Duration.ZERO,
            Duration.ZERO, 0),
        // 100,000 workers take a while to issue their first requests: a longer warm-up
        new Case("B8", "write", "closed", 100_000, 0, 0, statement, List.of("--pinned"), Duration.ofSeconds(15),
            null, 0));
  }

  private CompareMain() {}

  public static void main(String[] argv) throws Exception {
    Settings settings = Settings.parse(new Args(argv));
    Files.createDirectories(settings.log().toAbsolutePath().getParent());
    Server server = startServer(settings);
    try {
      // results[protocol][case][driver] = the runs' JSON objects
      Map<String, Map<Case, Map<String, List<Map<String, Object>>>>> results = new LinkedHashMap<>();
      List<Map<String, Object>> allRuns = new ArrayList<>();
      runAll(settings, server, results, allRuns);
      report(settings, server, results, allRuns);
    } finally {
      server.stop();
    }
  }

  /** What a comparison runs, from the command line. */
  private record Settings(String target, String host, int port, long serverPid, int runs, List<String> protocols,
      List<String> drivers, long defaultRate, boolean compare, List<Case> cases, Duration warmup, Duration measure,
      List<String> common, String java, String jvmFlags, String classpath, int stubLoops, String tasksetClient,
      String tasksetStub, String out, Path log) {

    static Settings parse(Args args) {
      String target = args.string("--target", "stub");
      String host = args.string("--host", "127.0.0.1");
      int port = args.integer("--port", 9042);
      long serverPid = args.longValue("--server-pid", -1);
      int runs = args.integer("--runs", 5);
      List<String> protocols = args.list("--protocols", "5,4");
      // on the stub, --compare also runs the floor (B1, B2), the physical limit of a client
      List<String> drivers = args.list("--drivers", args.flag("--compare") && target.equals("stub")
          ? "loomcql,java-driver," + FloorAdapter.NAME : "loomcql,java-driver");
      long defaultRate = args.longValue("--rate", target.equals("stub") ? 100_000 : 30_000);
      List<String> statements = args.list("--statements", "prepared");
      boolean compare = args.flag("--compare");
      List<String> only = args.list("--only", "");
      List<String> caseSpecs = caseSpecs(args, compare);
      List<Case> cases = CompareMain.cases(statements, compare, only, caseSpecs, target, defaultRate);
      Duration warmup = args.duration("--warmup", Duration.ofSeconds(10));
      Duration measure = args.duration("--measure", Duration.ofSeconds(20));
      List<String> common = new ArrayList<>();
      for (String passthrough : List.of("--value-size", "--keys", "--consistency", "--connections", "--scan-rows",
          "--batch-size", "--read-ratio", "--submitter", "--local-dc", "--timeout")) {
        String v = args.string(passthrough, null);
        if (v != null) {
          common.add(passthrough);
          common.add(v);
        }
      }
      String java = args.string("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
      String jvmFlags = args.string("--jvm-flags", DEFAULT_JVM_FLAGS);
      String classpath = args.string("--classpath", System.getProperty("java.class.path"));
      int stubLoops = args.integer("--stub-loops", 1);
      String tasksetClient = args.string("--taskset-client", null);
      String tasksetStub = args.string("--taskset-stub", null);
      String out = args.string("--out", null);
      Path log = Path.of(args.string("--log", "bench/target/bench-logs/compare-"
          + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log"));
      args.checkAllUsed();
      return new Settings(target, host, port, serverPid, runs, protocols, drivers, defaultRate, compare, cases,
          warmup, measure, common, java, jvmFlags, classpath, stubLoops, tasksetClient, tasksetStub, out, log);
    }

    /** The file every run's JSON line is appended to, next to {@code --out}; null without it. */
    Path jsonl() {
      return out == null ? null : Path.of(out.replaceAll("\\.md$", "") + ".jsonl");
    }
  }

  /** The case specs of {@code --cases}, or of {@code --workloads × --modes × --concurrency}, or {@link #SUITE}. */
  private static List<String> caseSpecs(Args args, boolean compare) {
    List<String> caseSpecs = new ArrayList<>();
    if (compare) {
      if (args.has("--cases") || args.has("--workloads")) {
        throw new IllegalArgumentException("--compare runs the suite B1-B8; it takes no --cases or --workloads");
      }
    } else if (args.has("--cases")) {
      caseSpecs.addAll(args.list("--cases", ""));
    } else if (args.has("--workloads") || args.has("--modes") || args.has("--concurrency")) {
      for (String w : args.list("--workloads", "write,read")) {
        for (String m : args.list("--modes", "closed")) {
          for (String c : args.list("--concurrency", "256")) {
            caseSpecs.add(w + "/" + m + "/" + c);
          }
        }
      }
    } else {
      caseSpecs.addAll(SUITE);
    }
    return caseSpecs;
  }

  /** Every case to run, per statement kind: the compare suite (filtered by {@code only}), then the specs. */
  private static List<Case> cases(List<String> statements, boolean compare, List<String> only,
      List<String> caseSpecs, String target, long defaultRate) {
    List<Case> cases = new ArrayList<>();
    for (String statement : statements) {
      if (compare) {
        List<Case> suite = compareSuite(statement);
        for (Case c : suite) {
          if ((target.equals("stub") || !c.id().equals("B8")) // B8 is a stub benchmark
              && (only.isEmpty() || only.contains(c.id()) || only.contains(c.id().split("-")[0]))) {
            cases.add(c);
          }
        }
      }
      for (String spec : caseSpecs) {
        cases.add(Case.parse(spec, statement, defaultRate));
      }
    }
    return cases;
  }

  /** The server the runs go to; {@code stub} is the stub server's process when this run started it. */
  private record Server(int port, long pid, Process stub) {
    void stop() throws InterruptedException {
      if (stub != null) {
        stub.destroy();
        stub.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts the stub server ({@code --target stub}), or finds the pid of the given server's process. */
  private static Server startServer(Settings s) throws IOException, InterruptedException {
    if (s.target().equals("stub")) {
      return startStub(s);
    }
    long serverPid = s.serverPid();
    if (serverPid <= 0) {
      serverPid = findListener(s.host(), s.port());
      System.out.println("compare: server on " + s.host() + ":" + s.port()
          + (serverPid > 0 ? " (pid " + serverPid + ")" : " (pid unknown: no server CPU figures)"));
    }
    return new Server(s.port(), serverPid, null);
  }

  private static Server startStub(Settings s) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (s.tasksetStub() != null) {
      command.addAll(List.of("taskset", "-c", s.tasksetStub()));
    }
    command.add(s.java());
    command.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-cp", s.classpath(),
        StubServer.class.getName(), "--address", s.host(), "--port", "0", "--loops", Integer.toString(s.stubLoops())));
    String valueSize = valueOf(s.common(), "--value-size");
    if (valueSize != null) {
      command.addAll(List.of("--value-size", valueSize));
    }
    Process stub = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(s.log().toFile())).start();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || !line.startsWith("LISTENING ")) {
        throw new IllegalStateException("The stub server did not start (see " + s.log() + "): " + line);
      }
      String[] parts = line.split(" ");
      int port = Integer.parseInt(parts[1].substring(parts[1].lastIndexOf(':') + 1));
      System.out.println("compare: stub server on " + s.host() + ":" + port + " (pid " + stub.pid() + ")");
      return new Server(port, stub.pid(), stub);
    } catch (IOException | RuntimeException e) {
      new Server(0, stub.pid(), stub).stop();
      throw e;
    }
  }

  /** Every case on every protocol, each run of each driver in a JVM of its own. */
  private static void runAll(Settings s, Server server,
      Map<String, Map<Case, Map<String, List<Map<String, Object>>>>> results, List<Map<String, Object>> allRuns)
      throws IOException, InterruptedException {
    int total = 0;
    for (Case c : s.cases()) {
      total += s.protocols().size() * (c.runs() > 0 ? c.runs() : s.runs())
          * (int) s.drivers().stream().filter(d -> FloorAdapter.runs(d, c)).count();
    }
    int done = 0;
    for (String protocol : s.protocols()) {
      for (Case planned : s.cases()) {
        Case c = planned;
        if (c.rateFraction() > 0) {
          c = c.withRate(
              fractionOfJavaDriverB2(results.get(protocol), c.statement(), c.rateFraction(), s.defaultRate()));
        }
        int caseRuns = c.runs() > 0 ? c.runs() : s.runs();
        for (int run = 1; run <= caseRuns; run++) {
          for (String driver : s.drivers()) {
            if (!FloorAdapter.runs(driver, c)) {
              continue;
            }
            done++;
            String progress = String.format(Locale.ROOT, "[%d/%d] v%s %-26s run %d %-12s", done, total, protocol,
                c.label(), run, driver);
            Map<String, Object> r = runCase(s, server, protocol, c, run, driver, progress);
            if (r != null) {
              allRuns.add(r);
              results.computeIfAbsent(protocol, k -> new LinkedHashMap<>())
                  .computeIfAbsent(c, k -> new LinkedHashMap<>())
                  .computeIfAbsent(driver, k -> new ArrayList<>())
                  .add(r);
            }
          }
        }
      }
    }
  }

  /**
   * Runs one driver once in one case: its result, printed and appended to the JSONL file, or null
   * if the run failed.
   */
  private static Map<String, Object> runCase(Settings s, Server server, String protocol, Case c, int run,
      String driver, String progress) throws IOException, InterruptedException {
    Duration caseWarmup = c.warmup() != null ? c.warmup() : s.warmup();
    Duration caseMeasure = c.measure() != null ? c.measure() : s.measure();
    List<String> command = new ArrayList<>();
    if (s.tasksetClient() != null) {
      command.addAll(List.of("taskset", "-c", s.tasksetClient()));
    }
    command.add(s.java());
    command.addAll(Arrays.asList(s.jvmFlags().trim().split("\\s+")));
    command.addAll(List.of("-cp", s.classpath(), BenchMain.class.getName(), "--driver", driver,
        "--host", s.host(), "--port", Integer.toString(server.port()), "--protocol", protocol,
        "--workload", c.workload(), "--mode", c.mode(), "--concurrency", Integer.toString(c.concurrency()),
        "--statement", c.statement(), "--warmup", caseWarmup.toMillis() + "ms",
        "--measure", caseMeasure.toMillis() + "ms", "--target", s.target(), "--run", Integer.toString(run),
        "--server-pid", Long.toString(server.pid())));
    if (c.rate() > 0) {
      command.addAll(List.of("--rate", Long.toString(c.rate())));
    }
    command.addAll(s.common());
    command.addAll(c.extra());
    Map<String, Object> r = runOne(command, s.log(), caseWarmup.plus(caseMeasure).plusSeconds(180));
    if (r == null) {
      System.out.println(progress + " FAILED (see " + s.log() + ")");
      return null;
    }
    System.out.printf(Locale.ROOT, "%s %,10.0f ops/s  p50 %8.1f µs  p99 %9.1f µs  %5.2f µs CPU/op"
        + "  %6.0f B/op  errors %s%n", progress, num(r, "ops_per_s"), num(r, "p50_us"),
        num(r, "p99_us"), num(r, "cpu_us_per_op"), num(r, "alloc_b_per_op"), r.get("errors"));
    r.put("case", c.label());
    Path jsonl = s.jsonl();
    if (jsonl != null) {
      Files.createDirectories(jsonl.toAbsolutePath().getParent());
      Files.writeString(jsonl, toJsonLine(r) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return r;
  }

  /** Prints the tables (targets first with {@code --compare}) and writes them, with a chart, to {@code --out}. */
  private static void report(Settings s, Server server,
      Map<String, Map<Case, Map<String, List<Map<String, Object>>>>> results, List<Map<String, Object>> allRuns)
      throws IOException {
    String table = Report.markdown(results, s.drivers(), s.target(), s.host(), server.port(), s.runs(), s.warmup(),
        s.measure(), s.java(), s.jvmFlags(), s.common());
    if (s.compare()) {
      table = Targets.markdown(results, s.target()) + "\n" + table;
    }
    System.out.println();
    System.out.println(table);
    String out = s.out();
    if (out != null) {
      Path outPath = Path.of(out);
      if (outPath.toAbsolutePath().getParent() != null) {
        Files.createDirectories(outPath.toAbsolutePath().getParent());
      }
      Path png = Path.of(out.replaceAll("\\.md$", "") + ".png");
      Chart.write(allRuns, png, "loomcql vs java-driver, " + s.target());
      table = table.replaceFirst("\n", "\n\n![throughput and latency](" + png.getFileName() + ")\n");
      Files.writeString(outPath, table, StandardCharsets.UTF_8);
      Path jsonl = s.jsonl();
      System.out.println("compare: wrote " + outPath + ", " + png + (jsonl != null ? " and " + jsonl : ""));
    }
  }

  /**
   * {@code fraction} of the java-driver's median ops/s in B2's write case of this protocol's results
   * so far (B4's rates), or {@code fallback} when that case did not run or failed.
   */
  static long fractionOfJavaDriverB2(Map<Case, Map<String, List<Map<String, Object>>>> perCase, String statement,
      double fraction, long fallback) {
    if (perCase != null) {
      for (var e : perCase.entrySet()) {
        if (e.getKey().id().equals(B2_WRITE) && e.getKey().statement().equals(statement)) {
          double max = Report.median(e.getValue().getOrDefault("java-driver", List.of()), "ops_per_s");
          if (!Double.isNaN(max) && max > 0) {
            return Math.max(1, Math.round(max * fraction));
          }
        }
      }
    }
    System.out.println("compare: no java-driver B2 result: fixed rate falls back to " + fallback + " ops/s");
    return fallback;
  }

  private static String valueOf(List<String> options, String name) {
    int i = options.indexOf(name);
    return i >= 0 ? options.get(i + 1) : null;
  }

  static double num(Map<String, Object> r, String key) {
    Object v = r.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Runs one BenchMain JVM; returns its JSON line parsed, or null if it failed. */
  private static Map<String, Object> runOne(List<String> command, Path log, Duration limit)
      throws IOException, InterruptedException {
    Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    String json = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      Thread killer = Thread.ofVirtual().start(() -> {
        try {
          if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println("compare: a run exceeded " + limit.toSeconds() + " s; killing it");
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("{")) {
          json = line;
        }
      }
      killer.interrupt();
    }
    int exit = p.waitFor();
    if (exit != 0 || json == null) {
      Files.writeString(log, "compare: exit " + exit + ", no result line\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      return null;
    }
    return Json.parse(json);
  }

  private static String toJsonLine(Map<String, Object> r) {
    Json.Writer w = new Json.Writer();
    r.forEach((k, v) -> {
      if (v == null) {
        w.put(k, (String) null);
      } else if (v instanceof Long l) {
        w.put(k, (long) l);
      } else if (v instanceof Number n) {
        w.put(k, n.doubleValue());
      } else if (v instanceof Boolean b) {
        w.put(k, (boolean) b);
      } else {
        w.put(k, v.toString());
      }
    });
    return w.toString();
  }

  /** The pid of the process listening on host:port, from {@code ss -ltnpH}, or -1. */
  static long findListener(String host, int port) {
    try {
      Process p = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      for (String line : output.split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 6 && (fields[3].equals(host + ":" + port) || fields[3].equals("*:" + port)
            || fields[3].equals("0.0.0.0:" + port))) {
          int at = line.indexOf("pid=");
          if (at >= 0) {
            int end = at + 4;
            while (end < line.length() && Character.isDigit(line.charAt(end))) {
              end++;
            }
            return Long.parseLong(line.substring(at + 4, end));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  static String nowLabel() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
  }

  static String hostInfo() {
    try {
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      return Runtime.getRuntime().availableProcessors() + " CPUs, load average " + load.split(" ")[0] + " "
          + load.split(" ")[1] + " " + load.split(" ")[2];
    } catch (IOException e) {
      return Runtime.getRuntime().availableProcessors() + " CPUs";
    }
  }

}
