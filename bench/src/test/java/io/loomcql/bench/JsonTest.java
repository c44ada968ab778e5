package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void should_parse_the_line_it_writes() {
    String line = new Json.Writer()
        .put("driver", "java-driver")
        .put("ops", 123456L)
        .put("p99_us", 1637.3754)
        .put("server_cpu_us_per_op", (String) null)
        .put("ok", true)
        .put("jvm_args", "-Xmx1g \"quoted\" back\\slash")
        .put("nan", Double.NaN)
        .toString();

    Map<String, Object> parsed = Json.parse(line);

    assertThat(parsed)
        .containsEntry("driver", "java-driver")
        .containsEntry("ops", 123456L)
        .containsEntry("p99_us", 1637.375)
        .containsEntry("server_cpu_us_per_op", null)
        .containsEntry("ok", true)
        .containsEntry("jvm_args", "-Xmx1g \"quoted\" back\\slash")
        .containsEntry("nan", null);
    assertThat(parsed.keySet()).containsExactly("driver", "ops", "p99_us", "server_cpu_us_per_op", "ok", "jvm_args",
        "nan");
  }

  @Test
  void should_reject_what_is_not_a_flat_object() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
  }
}
