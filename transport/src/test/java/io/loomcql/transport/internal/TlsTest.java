package io.loomcql.transport.internal;

import static io.loomcql.transport.internal.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.transport.SslOptions;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(value = TestTransport.class, names = {"NIO", "BLOCKING"})
class TlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir static Path dir;
  private static SSLContext serverContext;
  private static SSLContext clientContext;

  private final TestTransport kind;
  private TransportFactory transport;
  private CqlTestServer tlsServer;

  TlsTest(TestTransport kind) {
    this.kind = kind;
  }

  /** A self-signed EC certificate for CN=node with the IP SAN 127.0.0.1, made by keytool. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    Path keystore = dir.resolve("node.p12");
    if (!Files.exists(keystore)) {
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process =
          new ProcessBuilder(
                  keytool.toString(), "-genkeypair", "-alias", "node", "-keyalg", "EC",
                  "-groupname", "secp256r1", "-dname", "CN=node", "-ext", "SAN=ip:127.0.0.1",
                  "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                  "-storepass", "changeit", "-keypass", "changeit")
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor()).as(output).isZero();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trust.getTrustManagers(), null);
  }

  @BeforeEach
  void start() throws Exception {
    transport = kind.create("tls-" + kind.name().toLowerCase());
    tlsServer = TestServers.echo(CqlTestServer.builder().compression(java.util.List.of()).tls(serverContext));
  }

  @AfterEach
  void stop() throws Exception {
    transport.close();
    tlsServer.close();
    assertThat(TestTransport.threadsEnded(transport)).isTrue();
    assertThat(transport.counters().inFlight()).isZero();
  }

  @AfterAll
  static void forget() {
    serverContext = null;
    clientContext = null;
  }

  private ConnectionOptions tls(ProtocolVersion version) {
    return ConnectionOptions.defaults(version).toBuilder().ssl(SslOptions.of(clientContext)).build();
  }

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
  void handshakes_and_answers_queries_over_tls_with_a_verified_ip_address(ProtocolVersion version)
      throws Exception {
    Connection connection = transport.open(tlsServer.address(), tls(version)).get(10, TimeUnit.SECONDS);

    for (int i = 0; i < 200; i++) {
      assertThat(query(connection, "tls-" + i).get(5, TimeUnit.SECONDS)).isEqualTo("tls-" + i);
    }
    StringBuilder big = new StringBuilder();
    while (big.length() < 60_000) { // several TLS records; the echo is a [string] (< 64 KiB)
      big.append("0123456789");
    }
    assertThat(query(connection, big.toString()).get(5, TimeUnit.SECONDS)).hasSize(big.length());
    connection.close();
  }

  @Test
  void refuses_a_certificate_that_does_not_name_the_host_connected_to() {
    InetSocketAddress byName = new InetSocketAddress("localhost", tlsServer.address().getPort());

    assertThatThrownBy(() -> transport.open(byName, tls(ProtocolVersion.V4)).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("TLS")
        .hasMessageContaining("localhost");
  }

  @Test
  void accepts_that_host_when_hostname_verification_is_off() throws Exception {
    InetSocketAddress byName = new InetSocketAddress("localhost", tlsServer.address().getPort());
    ConnectionOptions options =
        ConnectionOptions.defaults(ProtocolVersion.V4)
            .toBuilder().ssl(SslOptions.of(clientContext).withHostnameVerification(false)).build();

    Connection connection = transport.open(byName, options).get(10, TimeUnit.SECONDS);

    assertThat(query(connection, "by name").get(5, TimeUnit.SECONDS)).isEqualTo("by name");
  }

  @Test
  void fails_clearly_when_speaking_plain_text_to_a_tls_server() {
    assertThatThrownBy(
            () ->
                transport
                    .open(tlsServer.address(), ConnectionOptions.defaults(ProtocolVersion.V4))
                    .get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1");
  }

  @Test
  void fails_clearly_when_speaking_tls_to_a_plain_text_server() throws Exception {
    try (CqlTestServer plain = TestServers.echo()) {
      assertThatThrownBy(
              () -> transport.open(plain.address(), tls(ProtocolVersion.V4)).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(OperationTimedOutException.class) // the plain server waits for a frame
          .hasMessageContaining("Timed out creating connection")
          .hasMessageContaining("TLS");
    }
  }
}
