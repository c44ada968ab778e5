package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.loomcql.AuthenticationFailedException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.UnauthorizedException;
import io.loomcql.auth.AuthProvider;
import io.loomcql.auth.Authenticator;
import io.loomcql.auth.PlainTextAuthProvider;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.harness.TestNode;
import io.loomcql.it.support.Clusters;
import io.loomcql.it.support.NodeJmx;
import io.loomcql.policies.ConstantReconnectionPolicy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PasswordAuthenticator end to end: good credentials work, bad ones fail at once and are not
 * retried, credentials that expire while connected fail the next connections clearly, and no
 * password ever shows in a log line, an exception or a toString.
 */
@RealCassandra(
    yaml = {"authenticator: PasswordAuthenticator", "authorizer: CassandraAuthorizer"},
    systemProperties = {"cassandra.superuser_setup_delay_ms=0"})
class AuthenticationIT {

  static {
    // Driver loggers created from here on log at DEBUG, so the password checks see those lines too.
    System.setProperty("org.slf4j.simpleLogger.log.io.loomcql", "debug");
  }

  @AfterAll
  static void restoreLogLevel() {
    System.clearProperty("org.slf4j.simpleLogger.log.io.loomcql");
  }

  @Test
  void good_credentials_connect_and_bad_ones_fail_clearly(TestCluster cassandra) {
    try (Cluster cluster =
            Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("cassandra", "cassandra")).build();
        Session session = connectWithRetry(cluster)) {
      assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }

    try (Cluster cluster =
        Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("cassandra", "wrong-secret")).build()) {
      assertThatThrownBy(cluster::connect)
          .isInstanceOf(NoHostAvailableException.class)
          .satisfies(
              e ->
                  assertThat(((NoHostAvailableException) e).errors().values())
                      .allMatch(AuthenticationFailedException.class::isInstance))
          .hasMessageContaining("Provided username cassandra and/or password are incorrect")
          .hasMessageNotContaining("wrong-secret");
    }

    try (Cluster cluster = Clusters.builder(cassandra).build()) {
      assertThatThrownBy(cluster::connect)
          .isInstanceOf(NoHostAvailableException.class)
          .hasMessageContaining("requires authentication");
    }
  }

  @Test
  void bad_credentials_fail_at_once_are_not_retried_and_the_password_shows_nowhere(TestCluster cassandra)
      throws Exception {
    waitForSuperuser(cassandra);
    TestNode node = cassandra.node(1);
    String secret = "Wr0ng-S3cret-" + Long.toHexString(System.nanoTime());
    CountingAuthProvider provider = new CountingAuthProvider(new PlainTextAuthProvider("cassandra", secret));
    Duration connectTimeout = Duration.ofSeconds(5);
    // Were the driver to try again, it would within one reconnection delay: watching for ten of
    // them shows it does not.
    Duration reconnectEvery = Duration.ofMillis(100);
    try (ServerJmx jmx = new ServerJmx(node);
        CapturedStderr logs = new CapturedStderr();
        Cluster cluster = Clusters.builder(cassandra).authProvider(provider).connectTimeout(connectTimeout)
            .reconnectionPolicy(new ConstantReconnectionPolicy(reconnectEvery)).build()) {
      long serverFailuresBefore = jmx.authFailures();
      long start = System.nanoTime();
      Throwable thrown = catchThrowable(cluster::connect);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      int attemptsAtFailure = provider.attempts.get();
      Thread.sleep(reconnectEvery.multipliedBy(10));
      long serverFailures = jmx.authFailures() - serverFailuresBefore;
      System.out.printf(
          "bad credentials: failed after %d ms (connect timeout %d ms); driver attempts %d at failure, "
              + "%d ten reconnection delays later; server auth failures %d%n",
          elapsedMillis, connectTimeout.toMillis(), attemptsAtFailure, provider.attempts.get(), serverFailures);

      assertThat(thrown).isInstanceOf(NoHostAvailableException.class);
      NoHostAvailableException noHost = (NoHostAvailableException) thrown;
      assertThat(noHost.errors()).containsOnlyKeys(node.contactPoint());
      AuthenticationFailedException failure =
          (AuthenticationFailedException) noHost.errors().get(node.contactPoint());
      assertThat(failure.endpoint()).isEqualTo(node.contactPoint());
      assertThat(failure.getMessage())
          .startsWith("Failed to authenticate to " + node.address() + ":" + node.nativePort() + ": ")
          .contains("Provided username cassandra and/or password are incorrect");
      // At once: the server's refusal of the one attempt ended it, not the connect timeout.
      assertThat(attemptsAtFailure).isEqualTo(1);
      assertThat(provider.attempts.get()).as("no attempt after the failure").isEqualTo(attemptsAtFailure);
      assertThat(serverFailures).isEqualTo(1);

      assertThat(stackTraceOf(thrown)).doesNotContain(secret);
      assertThat(String.valueOf(cluster)).doesNotContain(secret);
      assertThat(String.valueOf(cluster.authProvider())).doesNotContain(secret).contains("cassandra");
      assertThat(String.valueOf(provider.delegate.newAuthenticator(node.contactPoint(), "x")))
          .doesNotContain(secret);
      assertThat(logs.text()).doesNotContain(secret);
    }
  }

  @Test
  void expired_credentials_fail_new_connections_clearly_without_spinning(TestCluster cassandra)
      throws Exception {
    waitForSuperuser(cassandra);
    TestNode node = cassandra.node(1);
    String oldSecret = "0ld-S3cret-" + Long.toHexString(System.nanoTime());
    String newSecret = "N3w-S3cret-" + Long.toHexString(System.nanoTime());
    try (Cluster admin =
            Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("cassandra", "cassandra")).build();
        Session adminSession = admin.connect()) {
      adminSession.execute("DROP ROLE IF EXISTS rotating");
      adminSession.execute("CREATE ROLE rotating WITH PASSWORD = '" + oldSecret + "' AND LOGIN = true");
      CountingAuthProvider provider = new CountingAuthProvider(new PlainTextAuthProvider("rotating", oldSecret));
      try (ServerJmx jmx = new ServerJmx(node);
          CapturedStderr logs = new CapturedStderr();
          Cluster cluster =
              Clusters.builder(cassandra)
                  .authProvider(provider)
                  .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(500), 100))
                  .build()) {
        Session session = connectWithRetry(cluster);
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();

        adminSession.execute("ALTER ROLE rotating WITH PASSWORD = '" + newSecret + "'");
        // Connections already open stay authenticated.
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();

        // A new session opens new connections: the node refuses them, and the error names it.
        NoHostAvailableException noHost = waitForRefusal(cluster);
        assertThat(noHost.errors()).containsOnlyKeys(node.contactPoint());
        assertThat(noHost.errors().get(node.contactPoint()))
            .isInstanceOf(AuthenticationFailedException.class)
            .hasMessageStartingWith("Failed to authenticate to " + node.address() + ":" + node.nativePort())
            .hasMessageContaining("Provided username rotating and/or password are incorrect");
        assertThat(stackTraceOf(noHost)).doesNotContain(oldSecret).doesNotContain(newSecret);

        // The server drops every client connection: the driver must replace them, and cannot.
        int attemptsBefore = provider.attempts.get();
        long serverFailuresBefore = jmx.authFailures();
        long dropped = System.nanoTime();
        jmx.dropClientConnections();
        long quietSince = waitUntilQuiet(provider.attempts, Duration.ofSeconds(3), Duration.ofSeconds(30));
        int attempts = provider.attempts.get() - attemptsBefore;
        long serverFailures = jmx.authFailures() - serverFailuresBefore;
        System.out.printf(
            "expired credentials: %d driver attempts and %d server auth failures after the connections "
                + "were dropped; the last %d ms after the drop began%n",
            attempts, serverFailures, (quietSince - dropped) / 1_000_000);

        // Bounded: one refused handshake per reconnection loop (node and control connection), then none.
        assertThat(attempts).isBetween(1, 4);
        assertThat(serverFailures).isBetween(1L, 4L);
        assertThatThrownBy(() -> session.execute("SELECT release_version FROM system.local"))
            .isInstanceOf(NoHostAvailableException.class);
        String log = logs.text();
        assertThat(log)
            .contains("Failed to authenticate to " + node.address() + ":" + node.nativePort())
            .doesNotContain(oldSecret)
            .doesNotContain(newSecret);
        assertThat(String.valueOf(cluster)).doesNotContain(oldSecret);
        assertThat(String.valueOf(cluster.authProvider())).doesNotContain(oldSecret);
      }
      // The admin session lost its connections too; a fresh one works with the right password.
      try (Cluster rotated =
              Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("rotating", newSecret)).build();
          Session session = rotated.connect()) {
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
      }
    }
  }

  @Test
  void a_role_without_permission_gets_unauthorized(TestCluster cassandra) {
    try (Cluster admin =
            Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("cassandra", "cassandra")).build();
        Session session = connectWithRetry(admin)) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_auth WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_auth.secret (k int PRIMARY KEY)");
      session.execute("CREATE ROLE IF NOT EXISTS reader WITH PASSWORD = 'r3ader' AND LOGIN = true");
    }
    try (Cluster cluster =
            Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("reader", "r3ader")).build();
        Session session = cluster.connect()) {
      assertThatThrownBy(() -> session.execute("SELECT * FROM it_auth.secret"))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("reader");
    }
  }

  /** The default superuser appears shortly after the node starts listening. */
  private static Session connectWithRetry(Cluster cluster) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return cluster.connect();
      } catch (NoHostAvailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        sleep(500);
      }
    }
  }

  private static void waitForSuperuser(TestCluster cassandra) {
    try (Cluster cluster =
            Clusters.builder(cassandra).authProvider(new PlainTextAuthProvider("cassandra", "cassandra")).build();
        Session session = connectWithRetry(cluster)) {
      session.execute("SELECT release_version FROM system.local");
    }
  }

  /**
   * New sessions until the node refuses the old password: the server may keep accepting it for
   * its credentials cache validity (2 s by default).
   */
  private static NoHostAvailableException waitForRefusal(Cluster cluster) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        cluster.connect().close();
      } catch (NoHostAvailableException e) {
        return e;
      }
      assertThat(System.nanoTime()).as("the old password is still accepted after 30 s").isLessThan(deadline);
      sleep(250);
    }
  }

  /** Waits until {@code counter} has not moved for {@code quiet}; returns when it last moved. */
  private static long waitUntilQuiet(AtomicInteger counter, Duration quiet, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    int last = counter.get();
    long lastChange = System.nanoTime();
    while (System.nanoTime() - lastChange < quiet.toNanos()) {
      assertThat(System.nanoTime()).as("connection attempts still going after " + max).isLessThan(deadline);
      sleep(100);
      int now = counter.get();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
    return lastChange;
  }

  private static String stackTraceOf(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Counts the handshakes that reach authentication (one authenticator per connection attempt). */
  private static final class CountingAuthProvider implements AuthProvider {

    final AuthProvider delegate;
    final AtomicInteger attempts = new AtomicInteger();

    CountingAuthProvider(AuthProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public Authenticator newAuthenticator(InetSocketAddress endpoint, String authenticatorClass) {
      attempts.incrementAndGet();
      return delegate.newAuthenticator(endpoint, authenticatorClass);
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }

  /**
   * Everything written to System.err while open (where slf4j-simple logs), still passed through.
   */
  private static final class CapturedStderr implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedStderr() {
      OutputStream tee =
          new OutputStream() {
            @Override
            public void write(int b) {
              captured.write(b);
              original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              captured.write(b, off, len);
              original.write(b, off, len);
            }
          };
      System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    String text() {
      System.err.flush();
      return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      System.err.flush();
      System.setErr(original);
    }
  }

  /** The node's own view over its local JMX port: auth failures, and dropping every client. */
  private static final class ServerJmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    ServerJmx(TestNode node) throws Exception {
      connector = NodeJmx.connect(node);
      server = connector.getMBeanServerConnection();
    }

    /** Authentication failures since the node started (Cassandra's Client.AuthFailure meter). */
    long authFailures() throws Exception {
      return ((Number)
              server.getAttribute(
                  new ObjectName("org.apache.cassandra.metrics:type=Client,name=AuthFailure"), "Count"))
          .longValue();
    }

    /** {@code nodetool disablebinary; nodetool enablebinary}: closes every client connection. */
    void dropClientConnections() throws Exception {
      ObjectName storage = new ObjectName("org.apache.cassandra.db:type=StorageService");
      server.invoke(storage, "stopNativeTransport", new Object[0], new String[0]);
      try {
        Thread.sleep(500);
      } finally {
        server.invoke(storage, "startNativeTransport", new Object[0], new String[0]);
      }
    }

    @Override
    public void close() throws java.io.IOException {
      connector.close();
    }
  }
}
