package io.loomcql.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

  private final MetricsRecorder metrics = new MetricsRecorder(() -> 3, () -> 2, () -> 4);

  @Test
  void the_json_snapshot_carries_the_seed_names_and_values() throws Exception {
    metrics.onRequest(1_000_000);
    metrics.onRequest(3_000_000);
    metrics.onRetry();
    metrics.onReadTimeout();

    JsonNode json = new ObjectMapper().readTree(metrics.toJson());

    assertThat(json.get("request_timer").get("count").asLong()).isEqualTo(2);
    assertThat(json.get("request_timer").get("mean_us").asLong()).isEqualTo(2000);
    assertThat(json.get("request_timer").get("max_us").asLong()).isEqualTo(3000);
    assertThat(json.get("retries").asLong()).isEqualTo(1);
    assertThat(json.get("read_timeouts").asLong()).isEqualTo(1);
    assertThat(json.get("write_timeouts").asLong()).isZero();
    assertThat(json.get("known_hosts").asInt()).isEqualTo(3);
    assertThat(json.get("connected_to").asInt()).isEqualTo(2);
    assertThat(json.get("open_connections").asInt()).isEqualTo(4);
  }

  @Test
  void registers_as_an_mxbean_readable_over_jmx_and_unregisters() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    metrics.onRequest(2_000_000);
    metrics.onUnavailable();

    ObjectName name = metrics.register("test \"cluster\"");
    try {
      assertThat(name.getDomain()).isEqualTo("io.loomcql");
      assertThat(name.getKeyProperty("type")).isEqualTo("Metrics");
      assertThat(server.getAttribute(name, "RequestCount")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "Unavailables")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "KnownHosts")).isEqualTo(3);
      assertThat((String) server.getAttribute(name, "Json")).contains("\"unavailables\":1");
    } finally {
      MetricsRecorder.unregister(name);
    }
    assertThat(server.isRegistered(name)).isFalse();
    MetricsRecorder.unregister(name); // twice is harmless
  }

  @Test
  void two_clusters_of_the_same_name_get_distinct_registrations() {
    MetricsRecorder other = new MetricsRecorder(() -> 0, () -> 0, () -> 0);
    ObjectName first = metrics.register("same");
    ObjectName second = other.register("same");
    try {
      assertThat(first).isNotEqualTo(second);
    } finally {
      MetricsRecorder.unregister(first);
      MetricsRecorder.unregister(second);
    }
  }
}
