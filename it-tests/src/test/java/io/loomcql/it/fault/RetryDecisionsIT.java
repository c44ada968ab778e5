package io.loomcql.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.IsBootstrappingException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OverloadedException;
import io.loomcql.ReadTimeoutException;
import io.loomcql.ServerErrorException;
import io.loomcql.UnavailableException;
import io.loomcql.WriteTimeoutException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.support.FixedOrderPolicy;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.FallthroughRetryPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.query.SimpleStatement;
import io.loomcql.testserver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry decisions the request path takes for each server error, on a scripted three-node
 * cluster whose plans always start with node 1 (then 2, then 3): the outcome, how many times each
 * node received the statement, and the nodes the result names.
 */
class RetryDecisionsIT {

  private static final String INSERT = "INSERT INTO ks.t (k, v) VALUES (1, 1)";

  static Cluster driver(FakeCluster fake, RetryPolicy retryPolicy) {
    return driver(fake.builder(), retryPolicy);
  }

  /** A driver whose default profile plans nodes 1, 2, 3 in that order, with {@code retryPolicy}. */
  static Cluster driver(Cluster.Builder builder, RetryPolicy retryPolicy) {
    ExecutionProfile profile = ExecutionProfile.builder()
        .loadBalancingPolicy(new FixedOrderPolicy(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")))
        .retryPolicy(retryPolicy)
        .requestTimeout(Duration.ofSeconds(5))
        .build();
    return builder.executionProfile(Cluster.EXEC_PROFILE_DEFAULT, profile).build();
  }

  static SimpleStatement insert(boolean idempotent) {
    SimpleStatement statement = new SimpleStatement(INSERT);
    statement.setIdempotent(idempotent);
    return statement;
  }

  // ---------------------------------------------------------------- read timeout

  @Test
  void read_timeout_with_enough_responses_and_no_data_is_retried_once_on_the_same_node() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.readTimeout(2, 2, false));
      ResultSet rs = session.execute(insert(false));
      assertThat(fake.requests()).containsExactly(2, 0, 0);
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(1));
      assertThat(rs.attemptedHosts()).containsExactly(fake.endpoint(1));

      fake.reset();
      fake.node(1).answerAlways(Reply.readTimeout(2, 2, false));
      assertThatThrownBy(() -> session.execute(insert(true)))
          .isInstanceOfSatisfying(ReadTimeoutException.class, e -> {
            assertThat(e.receivedResponses()).isEqualTo(2);
            assertThat(e.requiredResponses()).isEqualTo(2);
            assertThat(e.dataRetrieved()).isFalse();
          });
      assertThat(fake.requests()).containsExactly(2, 0, 0);
    }
  }

  @Test
  void read_timeout_with_data_or_too_few_responses_is_rethrown() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.readTimeout(2, 2, true));
      assertThatThrownBy(() -> session.execute(insert(true))).isInstanceOf(ReadTimeoutException.class);
      assertThat(fake.requests()).containsExactly(1, 0, 0);

      fake.reset();
      fake.node(1).answerNext(Reply.readTimeout(1, 2, false));
      assertThatThrownBy(() -> session.execute(insert(true))).isInstanceOf(ReadTimeoutException.class);
      assertThat(fake.requests()).containsExactly(1, 0, 0);
    }
  }

  // ---------------------------------------------------------------- write timeout

  @Test
  void batch_log_write_timeout_of_an_idempotent_statement_is_retried_once_on_the_same_node() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.writeTimeout("BATCH_LOG"));
      ResultSet rs = session.execute(insert(true));
      assertThat(fake.requests()).containsExactly(2, 0, 0);
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(1));

      fake.reset();
      fake.node(1).answerAlways(Reply.writeTimeout("BATCH_LOG"));
      assertThatThrownBy(() -> session.execute(insert(true)))
          .isInstanceOfSatisfying(WriteTimeoutException.class,
              e -> assertThat(e.writeType()).isEqualTo("BATCH_LOG"));
      assertThat(fake.requests()).containsExactly(2, 0, 0);
    }
  }

  @Test
  void simple_write_timeout_and_any_write_timeout_of_a_non_idempotent_statement_are_rethrown() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.writeTimeout("SIMPLE"));
      assertThatThrownBy(() -> session.execute(insert(true)))
          .isInstanceOfSatisfying(WriteTimeoutException.class,
              e -> assertThat(e.writeType()).isEqualTo("SIMPLE"));
      assertThat(fake.requests()).containsExactly(1, 0, 0);

      fake.reset();
      fake.node(1).answerNext(Reply.writeTimeout("BATCH_LOG"));
      assertThatThrownBy(() -> session.execute(insert(false))).isInstanceOf(WriteTimeoutException.class);
      assertThat(fake.requests()).containsExactly(1, 0, 0);
    }
  }

  // ---------------------------------------------------------------- unavailable

  @Test
  void unavailable_is_retried_once_on_the_next_node() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerAlways(Reply.unavailable());
      ResponseFuture future = session.executeAsync(insert(false));
      ResultSet rs = future.result();
      assertThat(fake.requests()).containsExactly(1, 1, 0);
      assertThat(future.coordinatorHost()).isEqualTo(fake.endpoint(2));
      assertThat(future.attemptedHosts()).containsExactly(fake.endpoint(1), fake.endpoint(2));
      assertThat(rs.attemptedHosts()).containsExactly(fake.endpoint(1), fake.endpoint(2));

      fake.reset();
      fake.node(1).answerAlways(Reply.unavailable());
      fake.node(2).answerAlways(Reply.unavailable());
      assertThatThrownBy(() -> session.execute(insert(true)))
          .isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.requiredReplicas()).isEqualTo(2);
            assertThat(e.aliveReplicas()).isEqualTo(1);
          });
      assertThat(fake.requests()).containsExactly(1, 1, 0);
    }
  }

  // ---------------------------------------------------------------- request errors

  static Stream<Arguments> requestErrors() {
    return Stream.of(
        Arguments.of("overloaded", Reply.overloaded(), OverloadedException.class),
        Arguments.of("bootstrapping", Reply.bootstrapping(), IsBootstrappingException.class),
        Arguments.of("server error", Reply.serverError(), ServerErrorException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestErrors")
  void request_error_of_an_idempotent_statement_moves_to_the_next_node(
      String name, Reply error, Class<? extends Throwable> type) throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerAlways(error);
      ResultSet rs = session.execute(insert(true));
      assertThat(fake.requests()).containsExactly(1, 1, 0);
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(2));
      assertThat(rs.attemptedHosts()).containsExactly(fake.endpoint(1), fake.endpoint(2));

      // Every node failing: each is tried once, then no host is left.
      fake.reset();
      fake.nodes().forEach(n -> n.answerAlways(error));
      assertThatThrownBy(() -> session.execute(insert(true)))
          .isInstanceOfSatisfying(NoHostAvailableException.class, e -> {
            assertThat(e.errors()).containsOnlyKeys(fake.endpoint(1), fake.endpoint(2), fake.endpoint(3));
            assertThat(e.errors().values()).allSatisfy(t -> assertThat(t).isInstanceOf(type));
          });
      assertThat(fake.requests()).containsExactly(1, 1, 1);
    }
  }

  @Test
  void overloaded_and_server_error_of_a_non_idempotent_statement_are_rethrown() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerNext(Reply.overloaded());
      assertThatThrownBy(() -> session.execute(insert(false))).isInstanceOf(OverloadedException.class);
      assertThat(fake.requests()).containsExactly(1, 0, 0);

      fake.reset();
      fake.node(1).answerNext(Reply.serverError());
      assertThatThrownBy(() -> session.execute(insert(false))).isInstanceOf(ServerErrorException.class);
      assertThat(fake.requests()).containsExactly(1, 0, 0);
    }
  }

  /**
   * A bootstrapping node refused the request before executing it, so even a non-idempotent
   * statement moves to the next node (DefaultRetryPolicy and RetryPolicy.decide document this
   * exception to the idempotence rule).
   */
  @Test
  void bootstrapping_moves_to_the_next_node_even_for_a_non_idempotent_statement() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerAlways(Reply.bootstrapping());
      ResultSet rs = session.execute(insert(false));
      assertThat(fake.requests()).containsExactly(1, 1, 0);
      assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(2));
    }
  }

  // ---------------------------------------------------------------- fallthrough

  static Stream<Arguments> allErrors() {
    return Stream.of(
        Arguments.of("read timeout", Reply.readTimeout(2, 2, false), ReadTimeoutException.class),
        Arguments.of("write timeout BATCH_LOG", Reply.writeTimeout("BATCH_LOG"), WriteTimeoutException.class),
        Arguments.of("unavailable", Reply.unavailable(), UnavailableException.class),
        Arguments.of("overloaded", Reply.overloaded(), OverloadedException.class),
        Arguments.of("bootstrapping", Reply.bootstrapping(), IsBootstrappingException.class),
        Arguments.of("server error", Reply.serverError(), ServerErrorException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allErrors")
  void fallthrough_rethrows_every_error_from_the_first_node(
      String name, Reply error, Class<? extends Throwable> type) throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster = driver(fake, new FallthroughRetryPolicy());
        Session session = cluster.connect(null, true)) {
      fake.node(1).answerAlways(error);
      assertThatThrownBy(() -> session.execute(insert(true))).isInstanceOf(type);
      assertThat(fake.requests()).containsExactly(1, 0, 0);
    }
  }
}
