package io.loomcql.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown report of {@link CompareMain}: per protocol and case, medians (min–max) and ratios. */
final class Report {

  private Report() {}

  /** Median of the runs' values of {@code key} (NaN when none has it). */
  static double median(List<Map<String, Object>> runs, String key) {
    List<Double> values = values(runs, key);
    if (values.isEmpty()) {
      return Double.NaN;
    }
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  private static List<Double> values(List<Map<String, Object>> runs, String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Object> r : runs) {
      double v = CompareMain.num(r, key);
      if (!Double.isNaN(v)) {
        values.add(v);
      }
    }
    Collections.sort(values);
    return values;
  }

  static String markdown(Map<String, Map<CompareMain.Case, Map<String, List<Map<String, Object>>>>> results,
      List<String> drivers, String target, String host, int port, int runs, Duration warmup, Duration measure,
      String java, String jvmFlags, List<String> options) {
    StringBuilder sb = new StringBuilder();
    sb.append("# loomcql vs java-driver — target ").append(target).append(" (").append(host).append(':')
        .append(port).append(")\n\n");
    sb.append("- ").append(CompareMain.nowLabel()).append(", ").append(CompareMain.hostInfo()).append('\n');
    sb.append("- ").append(runs).append(" run(s) per driver, order ").append(String.join(" ", drivers))
        .append(" repeated; warm-up ").append(warmup.toMillis() / 1000.0).append(" s, measured ")
        .append(measure.toMillis() / 1000.0).append(" s; one JVM per run\n");
    sb.append("- java: `").append(java).append("`, flags `").append(jvmFlags).append("`\n");
    sb.append("- options: `").append(options.isEmpty() ? "defaults" : String.join(" ", options))
        .append("` (value 64 B, 100k keys, LOCAL_ONE, 1 connection unless given)\n");
    sb.append("- compression: none for both drivers; loomcql always opens 1 connection per node\n");
    sb.append("- figures: median (min–max) over runs; latency in µs; CPU = client process CPU µs/op;"
        + " alloc = bytes allocated/op; ctx = voluntary+involuntary context switches/op; syscalls ="
        + " read/write-family syscalls/op (/proc/self/io); frames/write = request frames per write"
        + " syscall (loomcql's transport counters); server = server process CPU µs/op."
        + " Ratio = loomcql / java-driver (ops/s: higher is better; the rest: lower is better); loomcql / floor ="
        + " loomcql over the floor (no driver: a pre-encoded frame on one connection, B1 and B2 on the stub).\n\n");
    for (var perProtocol : results.entrySet()) {
      sb.append("## Protocol v").append(perProtocol.getKey()).append("\n\n");
      sb.append("| case | driver | ops/s | p50 | p90 | p99 | p99.9 | max | CPU µs/op | alloc B/op | ctx/op"
          + " | syscalls/op | frames/write | GC pause ms | server µs/op | errors |\n");
      sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (var perCase : perProtocol.getValue().entrySet()) {
        String label = perCase.getKey().label();
        for (String driver : drivers) {
          List<Map<String, Object>> r = perCase.getValue().getOrDefault(driver, List.of());
          if (r.isEmpty() && driver.equals(FloorAdapter.NAME)) {
            continue; // the floor runs B1 and B2 only
          }
          if (r.isEmpty()) {
            sb.append("| ").append(label).append(" | ").append(driver).append(" | failed ||||||||||||||\n");
            continue;
          }
          String protocolSeen = String.valueOf(r.get(0).get("protocol"));
          sb.append("| ").append(label).append(" | ").append(driver)
              .append(protocolSeen.equals("V" + perProtocol.getKey()) ? "" : " (" + protocolSeen + "!)")
              .append(" | ").append(range(r, "ops_per_s", "%,.0f"))
              .append(" | ").append(fmt(median(r, "p50_us"), "%.0f"))
              .append(" | ").append(fmt(median(r, "p90_us"), "%.0f"))
              .append(" | ").append(range(r, "p99_us", "%.0f"))
              .append(" | ").append(fmt(median(r, "p999_us"), "%.0f"))
              .append(" | ").append(fmt(median(r, "max_us"), "%.0f"))
              .append(" | ").append(range(r, "cpu_us_per_op", "%.2f"))
              .append(" | ").append(fmt(median(r, "alloc_b_per_op"), "%,.0f"))
              .append(" | ").append(fmt(median(r, "ctx_per_op"), "%.3f"))
              .append(" | ").append(fmt(median(r, "rw_syscalls_per_op"), "%.3f"))
              .append(" | ").append(fmt(median(r, "frames_per_write"), "%.1f"))
              .append(" | ").append(fmt(median(r, "gc_pause_ms"), "%.0f"))
              .append(" | ").append(fmt(median(r, "server_cpu_us_per_op"), "%.2f"))
              .append(" | ").append(fmt(sum(r, "errors"), "%.0f"))
              .append(" |\n");
        }
        for (String peer : List.of("java-driver", FloorAdapter.NAME)) {
          List<Map<String, Object>> a = perCase.getValue().getOrDefault("loomcql", List.of());
          List<Map<String, Object>> b = perCase.getValue().getOrDefault(peer, List.of());
          if (!a.isEmpty() && !b.isEmpty()) {
            String row = peer.equals("java-driver") ? " | **ratio** | **" : " | **/ floor** | **";
            sb.append("| ").append(label).append(row).append(ratio(a, b, "ops_per_s"))
                .append("** | ").append(ratio(a, b, "p50_us"))
                .append(" | ").append(ratio(a, b, "p90_us"))
                .append(" | ").append(ratio(a, b, "p99_us"))
                .append(" | ").append(ratio(a, b, "p999_us"))
                .append(" | ").append(ratio(a, b, "max_us"))
                .append(" | **").append(ratio(a, b, "cpu_us_per_op"))
                .append("** | ").append(ratio(a, b, "alloc_b_per_op"))
                .append(" | ").append(ratio(a, b, "ctx_per_op"))
                .append(" | ").append(ratio(a, b, "rw_syscalls_per_op"))
                .append(" | –")
                .append(" | ").append(ratio(a, b, "gc_pause_ms"))
                .append(" | ").append(ratio(a, b, "server_cpu_us_per_op"))
                .append(" | |\n");
          }
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String range(List<Map<String, Object>> runs, String key, String format) {
    List<Double> v = values(runs, key);
    if (v.isEmpty()) {
      return "–";
    }
    String median = fmt(median(runs, key), format);
    if (v.size() == 1) {
      return median;
    }
    return median + " (" + fmt(v.get(0), format) + "–" + fmt(v.get(v.size() - 1), format) + ")";
  }

  private static double sum(List<Map<String, Object>> runs, String key) {
    double s = 0;
    for (Map<String, Object> r : runs) {
      double v = CompareMain.num(r, key);
      s += Double.isNaN(v) ? 0 : v;
    }
    return s;
  }

  private static String ratio(List<Map<String, Object>> a, List<Map<String, Object>> b, String key) {
    double x = median(a, key);
    double y = median(b, key);
    if (Double.isNaN(x) || Double.isNaN(y) || y == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f×", x / y);
  }

  private static String fmt(double v, String format) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
  }
}
