package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.loomcql.ConnectionException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.Row;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS end to end: a node that requires client encryption (its keystore, a self-signed certificate
 * for IP 127.0.0.1, is this package's {@code tls-node.p12}; the path is relative to the node's
 * directory, target/cassandra-nodes/CLUSTER/node1) accepts the driver with {@code sslOptions} and
 * refuses it without.
 */
@RealCassandra(
    yaml = {
      "client_encryption_options:",
      "  enabled: true",
      "  optional: false",
      "  keystore: ../../../test-classes/io/loomcql/it/metadata/tls-node.p12",
      "  keystore_password: loomcql-test",
      "  store_type: PKCS12"
    })
class TlsIT {

  private static final char[] PASSWORD = "loomcql-test".toCharArray();

  /** Trusts exactly the node's self-signed certificate. */
  private static SSLContext trustingTheNode() throws Exception {
    KeyStore node = KeyStore.getInstance("PKCS12");
    try (InputStream in = TlsIT.class.getResourceAsStream("tls-node.p12")) {
      node.load(in, PASSWORD);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("node", node.getCertificate("node"));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  @Test
  void should_connect_query_and_read_metadata_over_tls_with_hostname_verification(TestCluster cassandra)
      throws Exception {
    try (Cluster cluster =
        Clusters.builder(cassandra).sslOptions(SslOptions.of(trustingTheNode())).build()) {
      Session session = cluster.connect();

      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0.");
      assertThat(cluster.metadata().keyspaces()).containsKey("system_schema");
      assertThat(cluster.metadata().tokenMap()).isNotNull();
    }
  }

  @Test
  void should_be_refused_without_tls_or_with_an_untrusted_certificate(TestCluster cassandra) throws Exception {
    try (Cluster untrusting =
        Clusters.builder(cassandra).sslOptions(SslOptions.of(SSLContext.getDefault())).build()) {
      assertThatThrownBy(untrusting::connect)
          .isInstanceOf(NoHostAvailableException.class)
          .satisfies(e -> assertThat(onlyError(e)).isInstanceOf(ConnectionException.class))
          .hasMessageContaining("TLS error")
          .hasMessageContaining("PKIX path building failed");
    }
  }

  @Test
  void should_refuse_a_plaintext_client_clearly_and_at_once(TestCluster cassandra) {
    Duration connectTimeout = Duration.ofSeconds(5);
    try (Cluster plain = Clusters.builder(cassandra).connectTimeout(connectTimeout).build()) {
      long start = System.nanoTime();
      Throwable thrown = catchThrowable(plain::connect);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("plaintext client refused after %d ms: %s%n", elapsedMillis, thrown);

      assertThat(thrown).isInstanceOf(NoHostAvailableException.class);
      assertThat(onlyError(thrown))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining(cassandra.node(1).address())
          // Closed by the node, not given up on after the connect timeout: refused at once.
          .hasMessageContaining("closed by")
          .hasMessageContaining("during the handshake")
          .hasMessageContaining("a node that requires TLS does this to a plaintext client: is sslOptions set?");
    }
  }

  @Test
  void should_refuse_a_certificate_that_does_not_name_the_host_connected_to(TestCluster cassandra)
      throws Exception {
    // The certificate names IP 127.0.0.1 only; "localhost" resolves to that address, but
    // hostname verification checks the name connected to, which no DNS SAN matches.
    assertThat(cassandra.node(1).address()).isEqualTo("127.0.0.1");
    try (Cluster byName =
        Cluster.builder()
            .contactPoints("localhost")
            .port(cassandra.port())
            .sslOptions(SslOptions.of(trustingTheNode()))
            .build()) {
      assertThatThrownBy(byName::connect)
          .isInstanceOf(NoHostAvailableException.class)
          .satisfies(e -> assertThat(onlyError(e)).isInstanceOf(ConnectionException.class))
          .hasMessageContaining("TLS error")
          .hasMessageContaining("No name matching localhost found");
    }
    // The same name with verification off reaches the node: the name was the only problem.
    try (Cluster unverified =
            Cluster.builder()
                .contactPoints("localhost")
                .port(cassandra.port())
                .sslOptions(SslOptions.of(trustingTheNode()).withHostnameVerification(false))
                .build();
        Session session = unverified.connect()) {
      assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }
  }

  @ParameterizedTest(name = "protocol v{0}")
  @ValueSource(ints = {4, 5})
  void should_compress_with_lz4_over_tls(int version, TestCluster cassandra) throws Exception {
    ProtocolVersion protocol = ProtocolVersion.fromCode(version);
    try (Cluster cluster =
            Clusters.builder(cassandra)
                .sslOptions(SslOptions.of(trustingTheNode()))
                .protocolVersion(protocol)
                .compression(Compression.LZ4)
                .build();
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_tls WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_tls.blobs (k int, i int, v text, PRIMARY KEY (k, i))");
      // Compressible and large: the v5 payloads span several segments (128 KiB each at most).
      StringBuilder text = new StringBuilder();
      for (int i = 0; text.length() < 300_000; i++) {
        text.append("row ").append(i).append(" of a compressible value over TLS; ");
      }
      String value = text.toString();
      for (int i = 0; i < 5; i++) {
        session.execute("INSERT INTO it_tls.blobs (k, i, v) VALUES (%s, %s, %s)", version, i, value + i);
      }
      List<Row> rows = session.execute("SELECT i, v FROM it_tls.blobs WHERE k = %s", version).all();

      assertThat(cluster.protocolVersion()).isEqualTo(protocol);
      assertThat(rows).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(rows.get(i).getInt(0)).isEqualTo(i);
        assertThat(rows.get(i).getString(1)).isEqualTo(value + i);
      }
    }
  }

  /** The error of the one node tried. */
  private static Throwable onlyError(Throwable noHostAvailable) {
    Map<InetSocketAddress, Throwable> errors = ((NoHostAvailableException) noHostAvailable).errors();
    assertThat(errors).hasSize(1);
    return errors.values().iterator().next();
  }
}
