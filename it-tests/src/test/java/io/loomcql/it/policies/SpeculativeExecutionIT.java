package io.loomcql.it.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.OperationTimedOutException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.harness.TestNode;
import io.loomcql.it.support.Clusters;
import io.loomcql.it.support.FixedOrderPolicy;
import io.loomcql.policies.ConstantSpeculativeExecutionPolicy;
import io.loomcql.query.SimpleStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Speculative execution against a frozen node (SIGSTOP): it keeps its connections open but
 * answers nothing, as in a long GC pause. Plans always start with that node.
 */
@RealCassandra(nodes = 3)
class SpeculativeExecutionIT {

  private static final Duration DELAY = Duration.ofMillis(200);

  private static Cluster cluster(TestCluster cassandra) {
    FixedOrderPolicy paused2First =
        new FixedOrderPolicy(
            List.of(cassandra.node(2).address(), cassandra.node(1).address(), cassandra.node(3).address()));
    ExecutionProfile speculative =
        ExecutionProfile.builder()
            .speculativeExecutionPolicy(new ConstantSpeculativeExecutionPolicy(DELAY, 2))
            .requestTimeout(Duration.ofSeconds(3))
            .build();
    return Clusters.builder(cassandra)
        .loadBalancingPolicy(paused2First)
        .executionProfile("speculative", speculative)
        .metricsEnabled(true)
        .build();
  }

  private static SimpleStatement local(boolean idempotent) {
    return new SimpleStatement("SELECT rpc_address FROM system.local").setIdempotent(idempotent);
  }

  @Test
  void idempotent_requests_are_answered_by_the_next_node_soon_after_the_delay(TestCluster cassandra) {
    TestNode frozen = cassandra.node(2);
    InetSocketAddress next = cassandra.node(1).contactPoint();
    InetSocketAddress later = cassandra.node(3).contactPoint();
    try (Cluster cluster = cluster(cassandra);
        Session session = cluster.connect(null, true)) {
      // Without speculation (default profile), the plan's first node answers.
      assertThat(session.execute(local(true)).coordinatorHost()).isEqualTo(frozen.contactPoint());
      frozen.pause();
      try {
        for (int i = 0; i < 5; i++) {
          long start = System.nanoTime();
          ResultSet result = session.execute(local(true), "speculative");
          Duration took = Duration.ofNanos(System.nanoTime() - start);

          // Node 1 normally; node 3 if node 1 was slower than the delay too (a loaded machine).
          assertThat(result.coordinatorHost()).isIn(next, later);
          assertThat(result.attemptedHosts()).startsWith(frozen.contactPoint(), next);
          // The frozen node never answers: whoever did was asked after the delay, not first.
          assertThat(took).isGreaterThanOrEqualTo(DELAY);
        }
        ResultSet async = session.executeAsync(local(true), "speculative").result();
        assertThat(async.coordinatorHost()).isIn(next, later);
        assertThat(async.attemptedHosts()).startsWith(frozen.contactPoint(), next);
        long speculated = (Long) cluster.metrics().snapshot().get("speculative_executions");
        assertThat(speculated).isGreaterThanOrEqualTo(6L);

        // Not idempotent: never sent twice, so it waits for the frozen node until the timeout.
        assertThatThrownBy(() -> session.execute(local(false), "speculative"))
            .isInstanceOf(OperationTimedOutException.class);
        assertThat((Long) cluster.metrics().snapshot().get("speculative_executions")).isEqualTo(speculated);
      } finally {
        frozen.resume();
      }
      // The node answers again, on the same connections (the abandoned stream ids came back).
      assertThat(session.execute(local(true)).coordinatorHost()).isEqualTo(frozen.contactPoint());
    }
  }

  @Test
  void without_a_policy_the_request_waits_for_the_frozen_node(TestCluster cassandra) {
    TestNode frozen = cassandra.node(2);
    try (Cluster cluster = cluster(cassandra);
        Session session = cluster.connect(null, true)) {
      frozen.pause();
      try {
        assertThatThrownBy(() -> session.execute(local(true).setTimeout(Duration.ofMillis(800))))
            .isInstanceOfSatisfying(
                OperationTimedOutException.class,
                e -> assertThat(e.lastHost()).isEqualTo(frozen.contactPoint()));
        assertThat((Long) cluster.metrics().snapshot().get("speculative_executions")).isZero();
      } finally {
        frozen.resume();
      }
    }
  }
}
