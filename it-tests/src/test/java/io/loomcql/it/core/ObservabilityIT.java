package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.SimpleStatement;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flight Recorder events and JMX metrics, read back from a real run. */
@RealCassandra
class ObservabilityIT {

  @TempDir Path dir;

  @Test
  void requests_and_connections_are_recorded_in_a_flight_recording(TestCluster cassandra)
      throws Exception {
    Path file = dir.resolve("loomcql.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("io.loomcql.Request").withoutThreshold();
      recording.enable("io.loomcql.Connection").withoutThreshold();
      recording.enable("io.loomcql.NodeState").withoutThreshold();
      recording.start();
      try (Cluster cluster = Clusters.connectTo(cassandra);
          Session session = cluster.connect()) {
        session.execute("SELECT release_version FROM system.local");
        assertThatThrownBy(() -> session.execute("SELECT * FROM no_such_keyspace.t"))
            .isInstanceOf(io.loomcql.InvalidRequestException.class);
      }
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);

    List<RecordedEvent> requests =
        events.stream().filter(e -> e.getEventType().getName().equals("io.loomcql.Request")).toList();
    assertThat(requests)
        .anySatisfy(
            e -> {
              assertThat(e.getString("query")).isEqualTo("SELECT release_version FROM system.local");
              assertThat(e.getString("coordinator")).contains(String.valueOf(cassandra.port()));
              assertThat(e.getInt("attempts")).isEqualTo(1);
              assertThat(e.getInt("rows")).isEqualTo(1);
              assertThat(e.getString("error")).isNull();
              assertThat(e.getDuration().isNegative()).isFalse();
            })
        .anySatisfy(
            e -> {
              assertThat(e.getString("query")).isEqualTo("SELECT * FROM no_such_keyspace.t");
              assertThat(e.getString("error")).contains("InvalidRequest");
            });
    assertThat(events)
        .filteredOn(e -> e.getEventType().getName().equals("io.loomcql.NodeState"))
        .anySatisfy(e -> assertThat(e.getString("state")).isEqualTo("ADDED"));
    assertThat(events)
        .filteredOn(e -> e.getEventType().getName().equals("io.loomcql.Connection"))
        .extracting(e -> e.getString("action"))
        .contains("OPEN", "CLOSE");
    assertThat(Files.size(file)).isPositive();
  }

  @Test
  void metrics_are_visible_over_jmx_while_the_cluster_is_open(TestCluster cassandra)
      throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName pattern = new ObjectName("io.loomcql:type=Metrics,*");
    Set<ObjectName> before = server.queryNames(pattern, null);
    ObjectName ours;
    try (Cluster cluster = Clusters.builder(cassandra).metricsEnabled(true).build();
        Session session = cluster.connect()) {
      for (int i = 0; i < 5; i++) {
        session.execute(new SimpleStatement("SELECT release_version FROM system.local"));
      }
      Set<ObjectName> now = server.queryNames(pattern, null);
      now.removeAll(before);
      assertThat(now).hasSize(1);
      ours = now.iterator().next();
      assertThat((Long) server.getAttribute(ours, "RequestCount")).isGreaterThanOrEqualTo(5L);
      assertThat((Integer) server.getAttribute(ours, "KnownHosts")).isEqualTo(1);
      assertThat((String) server.getAttribute(ours, "Json")).contains("\"request_timer\"");
      assertThat(cluster.metrics().toJson()).contains("\"open_connections\"");
    }
    assertThat(server.isRegistered(ours)).isFalse();
  }
}
