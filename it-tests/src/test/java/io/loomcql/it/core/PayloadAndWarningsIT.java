package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BatchType;
import io.loomcql.query.SimpleStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Needs a node that echoes custom payloads and warns about modest batches. */
@RealCassandra(
    yaml = {"batch_size_warn_threshold: 5KiB"},
    systemProperties = {
      "cassandra.custom_query_handler_class=org.apache.cassandra.cql3.CustomPayloadMirroringQueryHandler"
    })
class PayloadAndWarningsIT {

  @Test
  void custom_payloads_travel_both_ways(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      Map<String, ByteBuffer> payload = new HashMap<>();
      payload.put("", ByteBuffer.allocate(0));
      payload.put(" ", ByteBuffer.wrap(" ".getBytes(StandardCharsets.UTF_8)));
      payload.put("key", ByteBuffer.wrap(new byte[] {1, 2, 3}));

      ResultSet rs =
          session.execute(
              new SimpleStatement("SELECT release_version FROM system.local").setCustomPayload(payload));

      assertThat(rs.customPayload()).isEqualTo(payload);
      assertThat(session.execute("SELECT release_version FROM system.local").customPayload()).isNull();
    }
  }

  @Test
  void a_large_payload_of_65534_entries_is_echoed(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      Map<String, ByteBuffer> payload = new HashMap<>();
      for (int i = 0; i < 65_534; i++) {
        payload.put("k" + i, ByteBuffer.wrap(new byte[] {(byte) i}));
      }
      ResultSet rs =
          session.execute(
              new SimpleStatement("SELECT release_version FROM system.local").setCustomPayload(payload));
      assertThat(rs.customPayload()).hasSize(65_534);
    }
  }

  @Test
  void an_oversized_batch_draws_one_server_warning(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_warnings WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_warnings.t (k int PRIMARY KEY, v text)");
      BatchStatement batch = new BatchStatement(BatchType.UNLOGGED);
      String big = "x".repeat(1000);
      for (int k = 0; k < 10; k++) {
        batch.add("INSERT INTO it_warnings.t (k, v) VALUES (?, ?)", k, big);
      }

      ResultSet rs = session.execute(batch);

      assertThat(rs.warnings()).hasSize(1);
      assertThat(rs.warnings().get(0)).containsPattern("Batch.*exceeding");
      assertThat(session.execute("SELECT * FROM it_warnings.t WHERE k = 1").warnings()).isEmpty();
    }
  }
}
