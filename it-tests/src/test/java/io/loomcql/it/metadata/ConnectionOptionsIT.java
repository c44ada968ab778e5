package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.loomcql.NoHostAvailableException;
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
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Builder options that reach every connection, seen on a real node: idle heartbeats, a transport
 * given by the user (and left open for the user), compression, socket options.
 */
@RealCassandra
class ConnectionOptionsIT {

  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @Test
  void should_send_heartbeats_on_idle_connections_only_when_enabled(TestCluster cassandra) {
    try (TransportFactory transport = Transports.nio("it-heartbeat")) {
      Duration took;
      try (Cluster cluster =
          Clusters.builder(cassandra)
              .transport(transport)
              .idleHeartbeatInterval(HEARTBEAT)
              .build()) {
        cluster.connect();
        awaitNothingInFlight(transport);
        TransportCounters before = transport.counters();
        // Two idle connections (control and pool), each sending OPTIONS once a second: four
        // frames with nobody sending anything. The bound only keeps a broken timer from hanging.
        took = Waits.until(Duration.ofSeconds(60), "four frames written by idle connections",
            () -> transport.counters().minus(before).framesWritten() >= 4);
      }

      // The cluster left the user's transport open: it serves another cluster, with heartbeats off.
      try (Cluster quiet = Clusters.builder(cassandra).transport(transport).idleHeartbeatInterval(Duration.ZERO).build()) {
        Session session = quiet.connect();
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
        awaitNothingInFlight(transport);
        TransportCounters before = transport.counters();
        // Watched for three of the intervals the first cluster beat at on this same transport: a
        // heartbeat that outlived its cluster, or ignored the setting of this one, shows in that.
        Waits.sleep(HEARTBEAT.multipliedBy(3));
        assertThat(transport.counters().minus(before).framesWritten()).isZero();
      }
      System.out.printf("heartbeats: 4 frames on 2 idle connections at a 1 s interval within %d ms%n",
          took.toMillis());
    }
  }

  @Test
  void should_query_with_each_compression_and_socket_options(TestCluster cassandra) {
    Map<Compression, Long> bytesRead = new EnumMap<>(Compression.class);
    for (Compression compression : new Compression[] {Compression.NONE, Compression.AUTO}) {
      try (TransportFactory transport = Transports.nio("it-compression");
          Cluster cluster =
          Clusters.builder(cassandra)
              .transport(transport)
              .compression(compression)
              .socketOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024)
              .socketOption(StandardSocketOptions.TCP_NODELAY, true)
              .build()) {
        Session session = cluster.connect();
        awaitNothingInFlight(transport);
        TransportCounters before = transport.counters();
        // A response of some hundred kilobytes, compressible: every column of every table.
        int columns = session.execute("SELECT * FROM system_schema.columns").all().size();
        assertThat(columns).as("with %s", compression).isGreaterThan(100);
        bytesRead.put(compression, transport.counters().minus(before).bytesRead());
      }
    }
    System.out.printf("system_schema.columns read as %s bytes%n", bytesRead);
    // The node offers lz4, which AUTO takes: the same rows arrive in far fewer bytes.
    assertThat(bytesRead.get(Compression.AUTO)).as("bytes read compressed")
        .isLessThan(bytesRead.get(Compression.NONE) / 2);
  }

  @Test
  void should_apply_socket_options_to_the_sockets(TestCluster cassandra) {
    // The socket refuses a negative buffer size: seeing that refusal shows the option reaches it.
    try (Cluster cluster =
        Clusters.builder(cassandra).socketOption(StandardSocketOptions.SO_RCVBUF, -1).build()) {
      Throwable thrown = catchThrowable(cluster::connect);
      System.out.println("SO_RCVBUF = -1: " + thrown);
      assertThat(thrown).isInstanceOf(NoHostAvailableException.class);
      assertThat(((NoHostAvailableException) thrown).errors()).hasSize(1);
      assertThat(((NoHostAvailableException) thrown).errors().values().iterator().next())
          .hasStackTraceContaining("Invalid send/receive buffer size");
    }
  }

  /** Connection setup and the queries of the cluster's startup have all been answered. */
  private static void awaitNothingInFlight(TransportFactory transport) {
    Waits.until(Duration.ofSeconds(30), "nothing in flight", () -> transport.counters().inFlight() == 0);
  }
}
