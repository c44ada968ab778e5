package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.it.support.Waits;
import io.loomcql.transport.Compression;
import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.TransportFactory;
import java.net.StandardSocketOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Builder options that reach every connection, seen on a real node: idle heartbeats, a transport
 * given by the user (and left open for the user), compression, socket options.
 */
@RealCassandra
class ConnectionOptionsIT {

  @Test
  void should_send_heartbeats_on_idle_connections_only_when_enabled(TestCluster cassandra) {
    try (TransportFactory transport = Transports.nio("it-heartbeat")) {
      long beating;
      try (Cluster cluster =
          Clusters.builder(cassandra)
              .transport(transport)
              .idleHeartbeatInterval(Duration.ofSeconds(1))
              .build()) {
        cluster.connect();
        Waits.sleep(300);
        TransportCounters before = transport.counters();
        Waits.sleep(3500);
        beating = transport.counters().minus(before).framesWritten();
      }
      // Two idle connections (control and pool), each sending OPTIONS about once a second.
      assertThat(beating).isBetween(4L, 10L);

      // The cluster left the user's transport open: it serves another cluster, with heartbeats off.
      try (Cluster quiet = Clusters.builder(cassandra).transport(transport).idleHeartbeatInterval(Duration.ZERO).build()) {
        Session session = quiet.connect();
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
        Waits.sleep(300);
        TransportCounters before = transport.counters();
        Waits.sleep(2500);
        assertThat(transport.counters().minus(before).framesWritten()).isZero();
      }
      System.out.printf("heartbeats: %d OPTIONS frames in 3.5 s on 2 idle connections at a 1 s interval%n", beating);
    }
  }

  @Test
  void should_query_with_each_compression_and_socket_options(TestCluster cassandra) {
    for (Compression compression : new Compression[] {Compression.NONE, Compression.AUTO}) {
      try (Cluster cluster =
          Clusters.builder(cassandra)
              .compression(compression)
              .socketOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024)
              .socketOption(StandardSocketOptions.TCP_NODELAY, true)
              .build()) {
        Session session = cluster.connect();
        // A response of some hundred kilobytes, compressible: every column of every table.
        int columns = session.execute("SELECT * FROM system_schema.columns").all().size();
        assertThat(columns).as("with %s", compression).isGreaterThan(100);
      }
    }
  }
}
