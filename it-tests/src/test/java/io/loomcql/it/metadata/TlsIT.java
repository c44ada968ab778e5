package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.NoHostAvailableException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.transport.SslOptions;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

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
        SchemaMetadataIT.builder(cassandra).sslOptions(SslOptions.of(trustingTheNode())).build()) {
      Session session = cluster.connect();

      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0.");
      assertThat(cluster.metadata().keyspaces()).containsKey("system_schema");
      assertThat(cluster.metadata().tokenMap()).isNotNull();
    }
  }

  @Test
  void should_be_refused_without_tls_or_with_an_untrusted_certificate(TestCluster cassandra) throws Exception {
    try (Cluster plain = SchemaMetadataIT.builder(cassandra).connectTimeout(Duration.ofSeconds(3)).build()) {
      assertThatThrownBy(plain::connect).isInstanceOf(NoHostAvailableException.class);
    }
    try (Cluster untrusting =
        SchemaMetadataIT.builder(cassandra).sslOptions(SslOptions.of(SSLContext.getDefault())).build()) {
      assertThatThrownBy(untrusting::connect).isInstanceOf(NoHostAvailableException.class);
    }
  }
}
