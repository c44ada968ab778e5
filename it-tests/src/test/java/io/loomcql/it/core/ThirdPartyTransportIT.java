package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.BusyConnectionException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.examples.transport.RecordingTransport;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.PreparedStatement;
import io.loomcql.transport.Transports;
import org.junit.jupiter.api.Test;

/**
 * A transport written outside the driver against its SPI only ({@code examples}' {@link
 * RecordingTransport}, compiled as a named module) carries a cluster's requests to a real node.
 */
@RealCassandra
class ThirdPartyTransportIT {

  @Test
  void carries_queries_prepares_and_executions_to_the_node(TestCluster cassandra) {
    try (RecordingTransport transport = new RecordingTransport(Transports.nio("it-recording"));
        Cluster cluster = Clusters.builder(cassandra).transport(transport).build();
        Session session = cluster.connect()) {
      long queries = transport.requests(RecordingTransport.QUERY);
      long results = transport.responses(RecordingTransport.RESULT);

      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0))
          .startsWith("5.0.");
      PreparedStatement byKey =
          session.prepare("SELECT release_version FROM system.local WHERE key = ?");
      assertThat(session.execute(byKey.bind("local")).one().getString(0)).startsWith("5.0.");

      assertThat(transport.requests(RecordingTransport.QUERY)).isGreaterThan(queries);
      assertThat(transport.requests(RecordingTransport.PREPARE)).isPositive();
      assertThat(transport.requests(RecordingTransport.EXECUTE)).isPositive();
      assertThat(transport.responses(RecordingTransport.RESULT)).isGreaterThanOrEqualTo(results + 3);
      assertThat(transport.counters().framesWritten()).isPositive();
    }
  }

  @Test
  void a_request_the_transport_refuses_fails_for_its_caller_only(TestCluster cassandra) {
    try (RecordingTransport transport = new RecordingTransport(Transports.nio("it-faults"));
        Cluster cluster = Clusters.builder(cassandra).transport(transport).build();
        Session session = cluster.connect()) {
      BusyConnectionException injected =
          new BusyConnectionException("refused by the test's transport", null);
      transport.failNext(RecordingTransport.QUERY, injected);

      assertThatThrownBy(() -> session.execute("SELECT release_version FROM system.local"))
          .isInstanceOfSatisfying(
              NoHostAvailableException.class,
              e -> assertThat(e.errors().values()).containsExactly(injected));
      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0))
          .startsWith("5.0.");
    }
  }
}
