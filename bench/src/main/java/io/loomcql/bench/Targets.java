package io.loomcql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets of the suite B1–B8 (bench/README.md), and the table of {@code bin/bench --compare}: per
 * target, loomcql's and the java-driver's medians, the measured ratio (or loomcql's own figure for
 * an absolute target), the target, and whether it is met or missed by how much.
 */
final class Targets {

  private Targets() {}

  /** How a target compares. */
  enum Kind {
    /** loomcql / peer (java-driver, or the floor) at least {@code value}. */
    RATIO_AT_LEAST,
    /** loomcql / peer (java-driver, or the floor) at most {@code value}. */
    RATIO_AT_MOST,
    /** loomcql's own figure at most {@code value}. */
    ABSOLUTE_AT_MOST,
    /** loomcql's figure over loomcql's own figure in case {@code reference}, at least {@code value}. */
    SELF_RATIO_AT_LEAST,
    /** Reported, no target. */
    REPORT
  }

  /**
   * One target row: case id, metric (a key of BenchMain's JSON), kind, value, {@code reference}
   * (SELF_RATIO_AT_LEAST: the case whose loomcql figure it is measured against; a ratio: the peer
   * driver, null for the java-driver), and the target in words.
   */
  record Target(String caseId, String metric, Kind kind, double value, String reference, String wording) {
    /** The driver in the peer column: the java-driver, or the floor for a ratio to the floor. */
    String peer() {
      return (kind == Kind.RATIO_AT_LEAST || kind == Kind.RATIO_AT_MOST) && reference != null ? reference
          : "java-driver";
    }
  }

  private static Target ratioMin(String id, String metric, double value, String wording) {
    return new Target(id, metric, Kind.RATIO_AT_LEAST, value, null, wording);
  }

  private static Target ratioMax(String id, String metric, double value, String wording) {
    return new Target(id, metric, Kind.RATIO_AT_MOST, value, null, wording);
  }

  private static Target floorMax(String id, String metric, double value, String wording) {
    return new Target(id, metric, Kind.RATIO_AT_MOST, value, FloorAdapter.NAME, wording);
  }

  private static Target floorMin(String id, String metric, double value, String wording) {
    return new Target(id, metric, Kind.RATIO_AT_LEAST, value, FloorAdapter.NAME, wording);
  }

  private static Target absMax(String id, String metric, double value, String wording) {
    return new Target(id, metric, Kind.ABSOLUTE_AT_MOST, value, null, wording);
  }

  private static Target report(String id, String metric, String wording) {
    return new Target(id, metric, Kind.REPORT, 0, null, wording);
  }

  /** The targets, for the stub server ({@code stub}) or a real node (anything else). */
  static List<Target> forTarget(String target) {
    boolean stub = target.equals("stub");
    List<Target> t = new ArrayList<>();
    t.add(ratioMax("B1", "p50_us", stub ? 0.6 : 0.85, stub ? "p50 ≤ 0.6×" : "p50 ≤ 0.85×"));
    t.add(ratioMax("B1", "cpu_us_per_op", stub ? 0.4 : 0.5, stub ? "CPU/op ≤ 0.4×" : "CPU/op ≤ 0.5×"));
    if (stub) {
      t.add(floorMax("B1", "p50_us", 1.15, "p50 ≤ 1.15× floor"));
      t.add(floorMax("B1", "cpu_us_per_op", 1.3, "CPU/op ≤ 1.3× floor"));
    }
    for (String id : List.of(CompareMain.B2_WRITE, "B2-read")) {
      t.add(ratioMin(id, "ops_per_s", stub ? 2.5 : 1.2, stub ? "ops/s ≥ 2.5×" : "ops/s ≥ 1.2×"));
      if (stub) {
        t.add(floorMin(id, "ops_per_s", 0.6, "ops/s ≥ 0.6× floor"));
      }
      t.add(ratioMax(id, "cpu_us_per_op", stub ? 0.4 : 0.45, stub ? "CPU/op ≤ 0.4×" : "CPU/op ≤ 0.45×"));
      if (stub) {
        t.add(report(id, "alloc_b_per_op", "B/op (reported)"));
      } else {
        t.add(absMax(id, "alloc_b_per_op", 1024, "≤ 1 KB allocated/op"));
      }
    }
    t.add(ratioMin("B3-virtual", "ops_per_s", stub ? 2.5 : 1.2, stub ? "ops/s ≥ 2.5×" : "ops/s ≥ 1.2×"));
    t.add(ratioMin("B3-platform", "ops_per_s", stub ? 1.5 : 1.2, stub ? "ops/s ≥ 1.5×" : "ops/s ≥ 1.2×"));
    if (stub) {
      t.add(absMax("B3-virtual", "write_syscalls_per_op", 0.1, "≤ 0.1 write syscalls/op"));
    }
    for (String id : List.of("B4-25%", "B4-60%")) {
      t.add(ratioMax(id, "p99_us", stub ? 0.5 : 0.7, stub ? "p99 ≤ 0.5×" : "p99 ≤ 0.7×"));
      if (!stub) {
        t.add(ratioMax(id, "p999_us", 0.6, "p99.9 ≤ 0.6×"));
      }
    }
    t.add(ratioMin("B5", "rows_per_s", stub ? 3 : 1.5, stub ? "rows/s ≥ 3×" : "rows/s ≥ 1.5×"));
    if (stub) {
      t.add(ratioMax("B5", "alloc_b_per_row", 0.2, "bytes/row ≤ 0.2×"));
    } else {
      t.add(report("B5", "alloc_b_per_row", "bytes/row (reported)"));
    }
    t.add(ratioMax("B6", "p99_us", 0.7, "p99 ≤ 0.7×"));
    t.add(absMax("B6", "driver_threads", 3, "≤ 3 platform threads of ours"));
    t.add(ratioMax("B6", "rss_mb", 0.7, "RSS ≤ 0.7×"));
    t.add(report("B6", "ops_per_s", "ops/s (equal)"));
    t.add(ratioMax("B7", "jvm_to_connected_ms", 0.5, "connect ≤ 0.5×"));
    t.add(ratioMax("B7", "first_ops_ms", 0.7, "first 10k ≤ 0.7×"));
    if (stub) {
      t.add(absMax("B8", "errors", 0, "no error"));
      t.add(absMax("B8", "pinned_events", 0, "no pinned thread (jdk.VirtualThreadPinned)"));
      t.add(new Target("B8", "ops_per_s", Kind.SELF_RATIO_AT_LEAST, 0.9, CompareMain.B2_WRITE,
          "ops/s ≥ 0.9× of B2"));
      t.add(report("B8", "peak_heap_mb", "peak heap MB (reported)"));
    }
    return t;
  }

  /** The targets table of every protocol in {@code results}. */
  static String markdown(Map<String, Map<CompareMain.Case, Map<String, List<Map<String, Object>>>>> results,
      String target) {
    StringBuilder sb = new StringBuilder();
    for (var perProtocol : results.entrySet()) {
      sb.append("## Targets, protocol v").append(perProtocol.getKey()).append(" (").append(target).append(")\n\n");
      sb.append("| # | case | metric | loomcql | java-driver (floor) | measured | target | verdict |\n");
      sb.append("|---|---|---|---:|---:|---:|---|---|\n");
      for (Target t : forTarget(target)) {
        sb.append(row(t, perProtocol.getValue())).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The runs of case {@code id} (the first such case: the prepared form comes first) for {@code driver}. */
  private static List<Map<String, Object>> runs(Map<CompareMain.Case, Map<String, List<Map<String, Object>>>> perCase,
      String id, String driver) {
    for (var e : perCase.entrySet()) {
      if (e.getKey().id().equals(id)) {
        return e.getValue().getOrDefault(driver, List.of());
      }
    }
    return List.of();
  }

  private static String caseLabel(Map<CompareMain.Case, Map<String, List<Map<String, Object>>>> perCase, String id) {
    for (CompareMain.Case c : perCase.keySet()) {
      if (c.id().equals(id)) {
        return c.label().substring(id.length()).trim();
      }
    }
    return "not run";
  }

  static String row(Target t, Map<CompareMain.Case, Map<String, List<Map<String, Object>>>> perCase) {
    double a = Report.median(runs(perCase, t.caseId(), "loomcql"), t.metric());
    double b = Report.median(runs(perCase, t.caseId(), t.peer()), t.metric());
    String measured;
    String verdict;
    switch (t.kind()) {
      case RATIO_AT_LEAST, RATIO_AT_MOST -> {
        double r = Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
        measured = Double.isNaN(r) ? "–" : fmt(r, "%.2f×");
        verdict = verdict(r, t.value(), t.kind() == Kind.RATIO_AT_LEAST, "×");
      }
      case ABSOLUTE_AT_MOST -> {
        measured = num(a);
        verdict = verdict(a, t.value(), false, "");
      }
      case SELF_RATIO_AT_LEAST -> {
        double ref = Report.median(runs(perCase, t.reference(), "loomcql"), t.metric());
        double r = Double.isNaN(a) || Double.isNaN(ref) || ref == 0 ? Double.NaN : a / ref;
        measured = Double.isNaN(r) ? "–" : fmt(r, "%.2f×") + " of " + t.reference();
        verdict = verdict(r, t.value(), true, "×");
      }
      default -> {
        measured = Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : fmt(a / b, "%.2f×");
        verdict = "reported";
      }
    }
    if (t.metric().equals("pinned_events") && verdict.startsWith("missed")) {
      for (Map<String, Object> r : runs(perCase, t.caseId(), "loomcql")) {
        Object stack = r.get("pinned_stack");
        if (stack != null && !stack.toString().isEmpty()) {
          verdict += " (" + num(CompareMain.num(r, "pinned_events_measured")) + " in the measured window): `" + stack
              + "`";
          break;
        }
      }
    }
    return "| " + t.caseId() + " | " + caseLabel(perCase, t.caseId()) + " | " + t.metric() + " | " + num(a)
        + " | " + num(b) + " | " + measured + " | " + t.wording() + " | " + verdict + " |";
  }

  /**
   * "met", "missed by X" (how far the figure is from the target, and that distance relative to the
   * target), or "no result".
   */
  static String verdict(double measured, double target, boolean atLeast, String unit) {
    if (Double.isNaN(measured)) {
      return "no result";
    }
    boolean met = atLeast ? measured >= target : measured <= target;
    if (met) {
      return "met";
    }
    double gap = Math.abs(measured - target);
    String relative = target == 0 ? "" : fmt(100 * gap / target, " (%.0f%%)");
    return "missed by " + fmt(gap, "%.2f") + unit + relative;
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return Math.abs(v) >= 100 || v == Math.rint(v) ? fmt(v, "%,.0f") : fmt(v, "%.2f");
  }

  private static String fmt(double v, String format) {
    return String.format(Locale.ROOT, format, v);
  }
}
