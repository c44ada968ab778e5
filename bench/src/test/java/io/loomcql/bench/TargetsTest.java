package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private static Map<String, Object> run(String driver, Object... kv) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("driver", driver);
    for (int i = 0; i < kv.length; i += 2) {
      r.put((String) kv[i], kv[i + 1]);
    }
    return r;
  }

  private static CompareMain.Case suiteCase(String id) {
    return CompareMain.compareSuite("prepared").stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void should_run_the_issue_suite_b1_to_b8_in_short_forms() {
    List<String> ids = new ArrayList<>();
    for (CompareMain.Case c : CompareMain.compareSuite("prepared")) {
      ids.add(c.id());
    }
    assertThat(ids).containsExactly("B1", "B2-write", "B2-read", "B3-virtual", "B3-platform", "B4-25%", "B4-60%", "B5",
        "B6", "B7", "B8");
    assertThat(suiteCase("B3-platform").extra()).containsExactly("--submitter", "platform");
    assertThat(suiteCase("B3-platform").label()).isEqualTo("B3-platform write/async/1024 (platform submitter)");
    assertThat(suiteCase("B3-virtual").extra()).containsExactly("--submitter", "virtual");
    assertThat(suiteCase("B6").concurrency()).isEqualTo(4096);
    assertThat(suiteCase("B6").extra()).containsExactly("--think", "10ms");
    assertThat(suiteCase("B6").measure()).hasSeconds(60);
    assertThat(suiteCase("B8").concurrency()).isEqualTo(100_000);
    assertThat(suiteCase("B8").extra()).contains("--pinned");
    assertThat(suiteCase("B5").workload()).isEqualTo("wide");
    assertThat(suiteCase("B7").mode()).isEqualTo("cold");
  }

  @Test
  void should_run_the_floor_in_b1_and_b2_only() {
    List<String> floorCases = new ArrayList<>();
    for (CompareMain.Case c : CompareMain.compareSuite("prepared")) {
      assertThat(FloorAdapter.runs("loomcql", c)).isTrue();
      if (FloorAdapter.runs(FloorAdapter.NAME, c)) {
        floorCases.add(c.id());
      }
    }
    assertThat(floorCases).containsExactly("B1", "B2-write", "B2-read");
  }

  @Test
  void should_put_loomcql_over_the_floor_next_to_the_floor_targets() {
    Map<CompareMain.Case, Map<String, List<Map<String, Object>>>> perCase = new LinkedHashMap<>();
    perCase.put(suiteCase("B1"), Map.of(
        "loomcql", List.of(run("loomcql", "p50_us", 60.0, "cpu_us_per_op", 50.0)),
        "java-driver", List.of(run("java-driver", "p50_us", 80.0, "cpu_us_per_op", 80.0)),
        FloorAdapter.NAME, List.of(run(FloorAdapter.NAME, "p50_us", 50.0, "cpu_us_per_op", 25.0))));
    perCase.put(suiteCase("B2-read"), Map.of(
        "loomcql", List.of(run("loomcql", "ops_per_s", 600_000.0)),
        "java-driver", List.of(run("java-driver", "ops_per_s", 200_000.0)),
        FloorAdapter.NAME, List.of(run(FloorAdapter.NAME, "ops_per_s", 800_000.0))));
    perCase.put(suiteCase("B3-platform"), Map.of(
        "loomcql", List.of(run("loomcql", "ops_per_s", 300_000.0)),
        "java-driver", List.of(run("java-driver", "ops_per_s", 250_000.0))));
    String table = Targets.markdown(Map.of("5", perCase), "stub");

    assertThat(table).contains("| B1 | write/closed/1 | p50_us | 60 | 50 | 1.20× | p50 ≤ 1.15× floor"
        + " | missed by 0.05× (4%) |");
    assertThat(table).contains("| B1 | write/closed/1 | cpu_us_per_op | 50 | 25 | 2.00× | CPU/op ≤ 1.3× floor"
        + " | missed by 0.70× (54%) |");
    assertThat(table).contains("| B1 | write/closed/1 | p50_us | 60 | 80 | 0.75× | p50 ≤ 0.6× |");
    assertThat(table).contains("| B2-read | read/closed/256 | ops_per_s | 600,000 | 800,000 | 0.75× |"
        + " ops/s ≥ 0.6× floor | met |");
    assertThat(table).contains("| B3-platform | write/async/1024 (platform submitter) | ops_per_s | 300,000 | 250,000"
        + " | 1.20× | ops/s ≥ 1.5× | missed by 0.30× (20%) |");
    assertThat(table).contains("| B3-virtual | not run | ops_per_s |");
    // a real node has no floor rows
    assertThat(Targets.markdown(Map.of("5", perCase), "real")).doesNotContain("× floor");
  }

  @Test
  void should_set_b4_rates_from_the_java_driver_b2_median() {
    Map<CompareMain.Case, Map<String, List<Map<String, Object>>>> perCase = new LinkedHashMap<>();
    perCase.put(suiteCase("B2-write"), Map.of(
        "java-driver", List.of(run("java-driver", "ops_per_s", 100_000.0), run("java-driver", "ops_per_s", 120_000.0),
            run("java-driver", "ops_per_s", 80_000.0)),
        "loomcql", List.of(run("loomcql", "ops_per_s", 500_000.0))));
    assertThat(CompareMain.fractionOfJavaDriverB2(perCase, "prepared", 0.25, 7)).isEqualTo(25_000);
    assertThat(CompareMain.fractionOfJavaDriverB2(perCase, "prepared", 0.60, 7)).isEqualTo(60_000);
    assertThat(CompareMain.fractionOfJavaDriverB2(perCase, "simple", 0.60, 7)).isEqualTo(7);
    assertThat(CompareMain.fractionOfJavaDriverB2(null, "prepared", 0.60, 7)).isEqualTo(7);
  }

  @Test
  void should_say_met_or_missed_by_how_much() {
    assertThat(Targets.verdict(2.6, 2.5, true, "×")).isEqualTo("met");
    assertThat(Targets.verdict(2.0, 2.5, true, "×")).isEqualTo("missed by 0.50× (20%)");
    assertThat(Targets.verdict(0.3, 0.4, false, "×")).isEqualTo("met");
    assertThat(Targets.verdict(0.6, 0.4, false, "×")).isEqualTo("missed by 0.20× (50%)");
    assertThat(Targets.verdict(3, 0, false, "")).isEqualTo("missed by 3.00");
    assertThat(Targets.verdict(Double.NaN, 1, true, "×")).isEqualTo("no result");
  }

  @Test
  void should_put_the_measured_ratio_next_to_each_target() {
    Map<CompareMain.Case, Map<String, List<Map<String, Object>>>> perCase = new LinkedHashMap<>();
    perCase.put(suiteCase("B2-write"), Map.of(
        "loomcql", List.of(run("loomcql", "ops_per_s", 300_000.0, "cpu_us_per_op", 2.0)),
        "java-driver", List.of(run("java-driver", "ops_per_s", 100_000.0, "cpu_us_per_op", 4.0))));
    perCase.put(suiteCase("B8"), Map.of(
        "loomcql", List.of(run("loomcql", "ops_per_s", 240_000.0, "errors", 0L, "pinned_events", 2L)),
        "java-driver", List.of(run("java-driver", "ops_per_s", 90_000.0, "errors", 5L, "pinned_events", 0L))));
    String table = Targets.markdown(Map.of("5", perCase), "stub");

    assertThat(table).contains("| B2-write | write/closed/256 | ops_per_s | 300,000 | 100,000 | 3.00× | ops/s ≥ 2.5× | met |");
    assertThat(table).contains("| B2-write | write/closed/256 | cpu_us_per_op | 2 | 4 | 0.50× | CPU/op ≤ 0.4×"
        + " | missed by 0.10× (25%) |");
    assertThat(table).contains("| B8 | write/closed/100000 | errors | 0 | 5 | 0 | no error | met |");
    assertThat(table).contains("| B8 | write/closed/100000 | pinned_events | 2 | 0 | 2 |"
        + " no pinned thread (jdk.VirtualThreadPinned) | missed by 2.00 |");
    assertThat(table).contains("| B8 | write/closed/100000 | ops_per_s | 240,000 | 90,000 | 0.80× of B2-write |"
        + " ops/s ≥ 0.9× of B2 | missed by 0.10× (11%) |");
    assertThat(table).contains("| B1 | not run | p50_us | – | – | – | p50 ≤ 0.6× | no result |");
    // a real node has no B8 row, and its own B2 targets
    assertThat(Targets.markdown(Map.of("5", perCase), "real")).doesNotContain("| B8 |").contains("ops/s ≥ 1.2×");
  }
}
