package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.AuthenticationFailedException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.UnauthorizedException;
import io.loomcql.auth.PlainTextAuthProvider;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RealCassandra(
    yaml = {"authenticator: PasswordAuthenticator", "authorizer: CassandraAuthorizer"},
    systemProperties = {"cassandra.superuser_setup_delay_ms=0"})
class AuthenticationIT {

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
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
