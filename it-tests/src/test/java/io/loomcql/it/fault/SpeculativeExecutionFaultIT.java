package io.loomcql.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.support.FixedOrderPolicy;
import io.loomcql.it.support.Waits;
import io.loomcql.policies.ConstantSpeculativeExecutionPolicy;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.policies.RoundRobinPolicy;
import io.loomcql.testserver.Reply;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speculative execution against scripted nodes that answer after a delay: an idempotent statement
 * is answered by the next node soon after the speculation delay, the slow attempts lose; a
 * non-idempotent one waits for the slow node. Plans always start with node 1.
 */
class SpeculativeExecutionFaultIT {

  private static final Logger LOG = LoggerFactory.getLogger(SpeculativeExecutionFaultIT.class);
  private static final Duration SLOW = Duration.ofSeconds(2);
  private static final String PROFILE = "speculative";

  private static Cluster driver(FakeCluster fake) {
    ExecutionProfile speculative = ExecutionProfile.builder()
        .loadBalancingPolicy(new FixedOrderPolicy(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")))
        .retryPolicy(new DefaultRetryPolicy())
        .speculativeExecutionPolicy(new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(100), 2))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
    return fake.builder().executionProfile(PROFILE, speculative).metricsEnabled(true).build();
  }

  @Test
  void idempotent_statement_is_answered_by_the_next_node_well_before_the_slow_one() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake);
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.voidResult().delayed(SLOW));
      long start = System.nanoTime();
      ResultSet rs = session.execute(RetryDecisionsIT.insert(true), PROFILE);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      int slowAnswersBefore = fake.node(1).delayedRepliesSent();

      LOG.info("speculative execution, node 1 slow by {} ms: answered by node 2 in {} ms", SLOW.toMillis(),
          took.toMillis());
      // Answered before the slow node had even written its answer: by order, not by a clock.
      assertThat(slowAnswersBefore).as("answers node 1 had sent when the result came").isZero();
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(2));
      assertThat(rs.attemptedHosts()).containsExactly(fake.endpoint(1), fake.endpoint(2));
      assertThat(fake.requests()).containsExactly(1, 1, 0);
      assertThat(cluster.metrics().snapshot()).containsEntry("speculative_executions", 1L);

      // The losing attempt's late answer is dropped: node 1 keeps its connections and answers the
      // next statements normally.
      // next statements normally. The late answer goes out before any answer to those statements,
      // on the same connection, so the driver has read it before it reads theirs.
      int open = fake.node(1).openConnections();
      Waits.until(SLOW.plusSeconds(10), "node 1 sent its late answer",
          () -> fake.node(1).delayedRepliesSent() == 1);
      for (int i = 0; i < 20; i++) {
        assertThat(session.execute(RetryDecisionsIT.insert(true), PROFILE).coordinatorHost())
            .isEqualTo(fake.endpoint(1));
      }
      assertThat(fake.node(1).openConnections()).isEqualTo(open);
      assertThat(fake.requests()).containsExactly(21, 1, 0);
    }
  }

  @Test
  void two_slow_nodes_lose_to_the_third_execution() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake);
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.voidResult().delayed(SLOW));
      fake.node(2).answerNext(Reply.voidResult().delayed(SLOW));
      long start = System.nanoTime();
      ResultSet rs = session.execute(RetryDecisionsIT.insert(true), PROFILE);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      int slowAnswersBefore = fake.node(1).delayedRepliesSent() + fake.node(2).delayedRepliesSent();

      LOG.info("speculative execution, nodes 1 and 2 slow: answered by node 3 in {} ms", took.toMillis());
      assertThat(slowAnswersBefore).as("answers the slow nodes had sent when the result came").isZero();
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(3));
      assertThat(rs.attemptedHosts())
          .containsExactly(fake.endpoint(1), fake.endpoint(2), fake.endpoint(3));
      assertThat(fake.requests()).containsExactly(1, 1, 1);
      assertThat(cluster.metrics().snapshot()).containsEntry("speculative_executions", 2L);
    }
  }

  @Test
  void non_idempotent_statement_waits_for_the_slow_node() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake);
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.voidResult().delayed(SLOW));
      long start = System.nanoTime();
      ResultSet rs = session.execute(RetryDecisionsIT.insert(false), PROFILE);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isGreaterThanOrEqualTo(SLOW.minusMillis(100));
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(1));
      assertThat(rs.attemptedHosts()).containsExactly(fake.endpoint(1));
      assertThat(fake.requests()).containsExactly(1, 0, 0);
      assertThat(cluster.metrics().snapshot()).containsEntry("speculative_executions", 0L);
    }
  }

  @Test
  void a_slow_node_does_not_delay_the_requests_of_the_other_nodes() throws Exception {
    ExecutionProfile roundRobin = ExecutionProfile.builder()
        .loadBalancingPolicy(new RoundRobinPolicy())
        .requestTimeout(Duration.ofSeconds(5))
        .build();
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = fake.builder().executionProfile(Cluster.EXEC_PROFILE_DEFAULT, roundRobin).build();
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerAlways(Reply.voidResult().delayed(SLOW));
      Map<InetSocketAddress, List<Long>> millisByNode = new ConcurrentHashMap<>();
      // For each completion: how many answers the slow node had written by then.
      Map<InetSocketAddress, List<Integer>> slowAnswersByNode = new ConcurrentHashMap<>();
      CountDownLatch callbacks = new CountDownLatch(30);
      List<ResponseFuture> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 30; i++) {
        ResponseFuture future = session.executeAsync(RetryDecisionsIT.insert(false));
        future.addCallback(rs -> {
          slowAnswersByNode.computeIfAbsent(rs.coordinatorHost(), k -> new CopyOnWriteArrayList<>())
              .add(fake.node(1).delayedRepliesSent());
          millisByNode.computeIfAbsent(rs.coordinatorHost(), k -> new CopyOnWriteArrayList<>())
              .add((System.nanoTime() - start) / 1_000_000);
          callbacks.countDown();
        });
        futures.add(future);
      }
      for (ResponseFuture future : futures) {
        future.result();
      }
      // Callbacks run after the futures complete, on other threads: wait for all 30.
      assertThat(callbacks.await(30, TimeUnit.SECONDS)).as("all callbacks ran").isTrue();
      LOG.info("slow node 1 ({} ms), completion times in ms per node: {}", SLOW.toMillis(), millisByNode);
      assertThat(fake.requests()).containsExactly(10, 10, 10);
      assertThat(millisByNode.get(fake.endpoint(1))).hasSize(10)
          .allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(SLOW.toMillis() - 100));
      // The fast nodes' requests all completed before the slow node wrote its first answer: the
      // slow node delayed none of them (an order, observed through the node's own count).
      for (int fast : new int[] {2, 3}) {
        assertThat(slowAnswersByNode.get(fake.endpoint(fast))).as("node %d", fast).hasSize(10)
            .containsOnly(0);
      }
    }
  }
}
