package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.node.Host;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The metadata and connection options of the builder, and what the cluster makes of them. */
class ClusterMetadataOptionsTest {

  /** A transport that refuses every connection and counts its opens and closes. */
  private static final class RefusingTransport implements TransportFactory {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile ConnectionOptions lastOptions;

    @Override
    public CompletableFuture<Connection> open(InetSocketAddress endpoint, ConnectionOptions options) {
      opened.incrementAndGet();
      lastOptions = options;
      return CompletableFuture.failedFuture(new ConnectException("refused by the test"));
    }

    @Override
    public TransportCounters counters() {
      return new TransportCounters(0, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void should_default_to_the_python_driver_values() {
    Cluster cluster = Cluster.builder().build();

    assertThat(cluster.schemaMetadataEnabled()).isTrue();
    assertThat(cluster.tokenMetadataEnabled()).isTrue();
    assertThat(cluster.idleHeartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cluster.idleHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cluster.compression()).isEqualTo(Compression.AUTO);
    assertThat(cluster.sslOptions()).isNull();
    ConnectionOptions options = cluster.runtime().config().connectionOptions();
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.idleHeartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.compression()).isEqualTo(Compression.AUTO);
    assertThat(options.socketOptions()).isEqualTo(ConnectionOptions.DEFAULT_SOCKET_OPTIONS);
    assertThat(cluster.metadata().keyspaces()).isEmpty();
    cluster.close();
  }

  @Test
  void should_pass_every_connection_option_to_the_transport() throws Exception {
    SslOptions ssl = SslOptions.of(SSLContext.getDefault()).withHostnameVerification(false);
    RefusingTransport transport = new RefusingTransport();
    try (Cluster cluster =
        Cluster.builder()
            .transport(transport)
            .connectTimeout(Duration.ofMillis(1500))
            .idleHeartbeatInterval(Duration.ofSeconds(7))
            .idleHeartbeatTimeout(Duration.ofSeconds(3))
            .compression(Compression.LZ4)
            .sslOptions(ssl)
            .socketOption(StandardSocketOptions.SO_RCVBUF, 65536)
            .socketOption(StandardSocketOptions.TCP_NODELAY, false)
            .build()) {
      assertThatThrownBy(cluster::connect).isInstanceOf(NoHostAvailableException.class);

      ConnectionOptions sent = transport.lastOptions;
      assertThat(transport.opened.get()).isPositive();
      assertThat(sent.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(sent.idleHeartbeatInterval()).isEqualTo(Duration.ofSeconds(7));
      assertThat(sent.idleHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(sent.compression()).isEqualTo(Compression.LZ4);
      assertThat(sent.ssl()).isSameAs(ssl);
      assertThat(sent.socketOptions())
          .containsEntry(StandardSocketOptions.SO_RCVBUF, 65536)
          .containsEntry(StandardSocketOptions.TCP_NODELAY, false)
          .containsEntry(StandardSocketOptions.SO_KEEPALIVE, true);
    }
    // A factory the user gave is the user's to close.
    assertThat(transport.closed.get()).isZero();
  }

  @Test
  void should_refuse_bad_heartbeat_settings_and_allow_disabling_heartbeats() {
    assertThatThrownBy(() -> Cluster.builder().idleHeartbeatInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleHeartbeatInterval");
    assertThatThrownBy(() -> Cluster.builder().idleHeartbeatTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleHeartbeatTimeout");
    Cluster cluster = Cluster.builder().idleHeartbeatInterval(Duration.ZERO).build();
    assertThat(cluster.runtime().config().connectionOptions().idleHeartbeatInterval()).isZero();
    cluster.close();
  }

  @Test
  void should_refuse_metadata_refreshes_before_connect_and_after_shutdown() {
    Cluster cluster = Cluster.builder().build();
    assertThatThrownBy(cluster::refreshSchemaMetadata)
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("connect()");
    cluster.close();
    assertThatThrownBy(() -> cluster.refreshTableMetadata("ks", "t"))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void should_answer_replicas_from_the_metadata_without_allocating_a_new_list() {
    Cluster cluster = Cluster.builder().build();
    Host a = cluster.metadataUpdater().addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    Host b = cluster.metadataUpdater().addHost(new Host(new InetSocketAddress("127.0.0.2", 9042)));
    cluster.metadataUpdater().rebuildSchema(
        io.loomcql.metadata.SchemaRows.of(
            Map.of(
                "keyspaces",
                List.of(
                    Map.of(
                        "keyspace_name", "ks",
                        "replication",
                        Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"))))));
    cluster.metadataUpdater().rebuildTokenMap("org.apache.cassandra.dht.Murmur3Partitioner", Map.of(a, List.of("-5000000000000000000"), b, List.of("0")));
    ByteBuffer key = ByteBuffer.wrap(new byte[] {0, 0, 0, 1});

    List<Host> replicas = cluster.policyView().replicas("ks", key);
    assertThat(replicas).containsExactly(b, a);
    assertThat(cluster.policyView().replicas("ks", key)).isSameAs(replicas);
    assertThat(key.position()).isZero();
    assertThat(cluster.policyView().replicas("unknown", key)).isEmpty();
    assertThat(cluster.policyView().replicas(null, key)).isEmpty();
    assertThat(cluster.policyView().replicas("ks", null)).isEmpty();
    cluster.close();
  }
}
