package io.loomcql.it.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.UnavailableException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.policies.DowngradingConsistencyRetryPolicy;
import io.loomcql.policies.FallthroughRetryPolicy;
import io.loomcql.policies.RetryDecision;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.policies.WriteType;
import io.loomcql.query.SimpleStatement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retry decisions applied by the request path, on the shared single node: an RF=3 keyspace on one
 * node makes every QUORUM request fail with Unavailable (required 2, alive 1), on demand.
 */
@RealCassandra
class RetryIT {

  private static final String INSERT = "INSERT INTO it_retry.t (k, v) VALUES (1, 1)";

  @BeforeAll
  static void createKeyspace(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).build();
        Session session = cluster.connect(null, true)) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_retry WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("CREATE TABLE IF NOT EXISTS it_retry.t (k int PRIMARY KEY, v int)");
    }
  }

  private static SimpleStatement quorumInsert() {
    return new SimpleStatement(INSERT).setConsistencyLevel(ConsistencyLevel.QUORUM);
  }

  @Test
  void default_policy_retries_unavailable_once_on_the_next_host_then_has_no_host(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).metricsEnabled(true).build();
        Session session = cluster.connect(null, true)) {
      assertThatThrownBy(() -> session.execute(quorumInsert()))
          .isInstanceOfSatisfying(
              NoHostAvailableException.class,
              e -> {
                assertThat(e.errors()).hasSize(1);
                assertThat(e.errors().values().iterator().next())
                    .isInstanceOfSatisfying(
                        UnavailableException.class,
                        u -> {
                          assertThat(u.requiredReplicas()).isEqualTo(2);
                          assertThat(u.aliveReplicas()).isEqualTo(1);
                        });
              });
      assertThat(cluster.metrics().snapshot()).containsEntry("retries", 1L).containsEntry("unavailables", 1L);
    }
  }

  @Test
  void statement_retry_policy_takes_precedence_over_the_profiles(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).metricsEnabled(true).build();
        Session session = cluster.connect(null, true)) {
      assertThatThrownBy(
              () -> session.execute(quorumInsert().setRetryPolicy(new FallthroughRetryPolicy())))
          .isInstanceOf(UnavailableException.class);
      assertThat(cluster.metrics().snapshot()).containsEntry("retries", 0L);
    }
  }

  @Test
  void downgrading_profile_retries_at_a_level_the_live_replicas_can_meet(TestCluster cassandra) {
    ExecutionProfile downgrading =
        ExecutionProfile.builder().retryPolicy(new DowngradingConsistencyRetryPolicy()).build();
    try (Cluster cluster =
            Clusters.builder(cassandra).metricsEnabled(true).executionProfile("downgrade", downgrading).build();
        Session session = cluster.connect(null, true)) {
      ResultSet result = session.execute(quorumInsert(), "downgrade");

      assertThat(result.currentRows()).isEmpty();
      assertThat(cluster.metrics().snapshot()).containsEntry("retries", 1L).containsEntry("unavailables", 1L);
      assertThat(session.execute("SELECT v FROM it_retry.t WHERE k = 1").one().getInt("v")).isEqualTo(1);
    }
  }

  @Test
  void retry_same_host_resends_and_ignore_answers_an_empty_result(TestCluster cassandra) {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy twiceThenIgnore =
        new RetryPolicy() {
          @Override
          public RetryDecision onUnavailable(
              RoutingInfo statement, ConsistencyLevel consistency, int required, int alive, int retryNum) {
            calls.incrementAndGet();
            return retryNum < 2 ? RetryDecision.RETRY_SAME_HOST : RetryDecision.IGNORE;
          }

          @Override
          public RetryDecision onReadTimeout(
              RoutingInfo s, ConsistencyLevel c, int required, int received, boolean data, int n) {
            return RetryDecision.RETHROW;
          }

          @Override
          public RetryDecision onWriteTimeout(
              RoutingInfo s, ConsistencyLevel c, WriteType t, int required, int received, int n) {
            return RetryDecision.RETHROW;
          }

          @Override
          public RetryDecision onRequestError(
              RoutingInfo s, ConsistencyLevel c, DriverException error, int n) {
            return RetryDecision.RETHROW;
          }
        };
    try (Cluster cluster = Clusters.builder(cassandra).metricsEnabled(true).defaultRetryPolicy(twiceThenIgnore).build();
        Session session = cluster.connect(null, true)) {
      ResultSet result = session.execute(quorumInsert());

      assertThat(calls).hasValue(3);
      assertThat(result.currentRows()).isEmpty();
      assertThat(result.attemptedHosts()).containsExactly(cassandra.contactPoints().get(0));
      assertThat(cluster.metrics().snapshot())
          .containsEntry("retries", 2L)
          .containsEntry("ignores", 1L)
          .containsEntry("unavailables", 3L);
    }
  }

  @Test
  void async_execution_applies_the_same_decisions(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).metricsEnabled(true).build();
        Session session = cluster.connect(null, true)) {
      assertThatThrownBy(() -> session.executeAsync(quorumInsert()).result())
          .isInstanceOf(NoHostAvailableException.class);
      assertThatThrownBy(
              () -> session.executeAsync(quorumInsert().setRetryPolicy(new FallthroughRetryPolicy())).result())
          .isInstanceOf(UnavailableException.class);
      assertThat(cluster.metrics().snapshot()).containsEntry("retries", 1L);
    }
  }
}
