package io.loomcql.cluster;

import io.loomcql.query.internal.PreparedInfo;
import io.loomcql.query.internal.PreparedInternals;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.OverloadedException;
import io.loomcql.ProtocolVersion;
import io.loomcql.ReadTimeoutException;
import io.loomcql.WriteTimeoutException;
import io.loomcql.cluster.FakeConnection.Sent;
import io.loomcql.cluster.internal.request.BlockingRequest;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.policies.ConstantSpeculativeExecutionPolicy;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.PreparedInternals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request state machine driven by a blocking caller (on a virtual thread of the test), with
 * fake connections the test answers: retry decisions, re-prepare, speculative executions and the
 * client deadline. No sockets; the test waits only for what the request sends.
 */
class BlockingRequestTest {

  private static final ProtocolVersion V4 = ProtocolVersion.V4;

  static ExecutionProfile profile(Duration speculationDelay) {
    ExecutionProfile.Builder builder =
        ExecutionProfile.builder().retryPolicy(new DefaultRetryPolicy());
    if (speculationDelay != null) {
      builder.speculativeExecutionPolicy(new ConstantSpeculativeExecutionPolicy(speculationDelay, 2));
    }
    return builder.build();
  }

  /** Builds a QUERY for a simple statement, an EXECUTE for a bound one. */
  static RequestTemplate template(Statement statement, ExecutionProfile profile) {
    return new RequestTemplate(
        profile,
        ConsistencyLevel.ONE,
        (pagingState, version, level) ->
            switch (statement) {
              case BoundStatement bound ->
                  new Execute(
                      PreparedInternals.queryId(bound.preparedStatement()), null,
                      QueryOptions.of(level));
              default -> new Query(((SimpleStatement) statement).queryString(), QueryOptions.of(level));
            });
  }

  /** Runs the request on a virtual thread; the future has its result or its failure. */
  private static CompletableFuture<ResultSet> run(
      FakeRequestContext context, Statement statement, ExecutionProfile profile, long timeoutMillis) {
    CompletableFuture<ResultSet> outcome = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                outcome.complete(
                    new BlockingRequest(
                            context, statement, statement, template(statement, profile), null,
                            timeoutMillis)
                        .execute());
              } catch (Throwable e) {
                outcome.completeExceptionally(e);
              }
            });
    return outcome;
  }

  private static CompletableFuture<ResultSet> run(FakeRequestContext context, Statement statement) {
    return run(context, statement, profile(null), 0);
  }

  /** The request's result; a hang guard, not a timing assertion. */
  static ResultSet result(CompletableFuture<ResultSet> outcome) throws Exception {
    return outcome.get(30, TimeUnit.SECONDS);
  }

  static Throwable failure(CompletableFuture<ResultSet> outcome) throws Exception {
    try {
      ResultSet unexpected = outcome.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + unexpected);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void read_timeout_with_enough_replies_but_no_data_is_retried_once_on_the_same_node() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome = run(context, new SimpleStatement("SELECT * FROM t"));

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.readTimeout(ConsistencyLevel.ONE, 1, 1, false));
    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    ResultSet result = result(outcome);
    assertThat(result.coordinatorHost()).isEqualTo(context.host(1).endpoint());
    assertThat(result.attemptedHosts()).containsExactly(context.host(1).endpoint());
    assertThat(context.connection(2).all).isEmpty();
  }

  @Test
  void read_timeout_after_the_retry_is_rethrown() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome = run(context, new SimpleStatement("SELECT * FROM t"));

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.readTimeout(ConsistencyLevel.ONE, 1, 1, false));
    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.readTimeout(ConsistencyLevel.ONE, 1, 1, false));

    assertThat(failure(outcome)).isInstanceOf(ReadTimeoutException.class);
    assertThat(context.connection(2).all).isEmpty();
  }

  @Test
  void unavailable_is_retried_once_on_the_next_node() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)"));

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.unavailable(ConsistencyLevel.QUORUM, 2, 1));
    context.connection(2).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    ResultSet result = result(outcome);
    assertThat(result.coordinatorHost()).isEqualTo(context.host(2).endpoint());
    assertThat(result.attemptedHosts())
        .containsExactly(context.host(1).endpoint(), context.host(2).endpoint());
  }

  @Test
  void batch_log_write_timeout_of_an_idempotent_statement_is_retried_on_the_same_node() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)").setIdempotent(true));

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.writeTimeout(ConsistencyLevel.ONE, 0, 1, "BATCH_LOG"));
    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    assertThat(result(outcome).attemptedHosts()).containsExactly(context.host(1).endpoint());
  }

  @Test
  void a_non_idempotent_write_that_may_have_reached_a_node_is_never_retried() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> timedOut =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)"));
    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.writeTimeout(ConsistencyLevel.ONE, 0, 1, "BATCH_LOG"));
    assertThat(failure(timedOut)).isInstanceOf(WriteTimeoutException.class);

    CompletableFuture<ResultSet> overloaded =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (2)"));
    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.overloaded());
    assertThat(failure(overloaded)).isInstanceOf(OverloadedException.class);

    CompletableFuture<ResultSet> lost =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (3)"));
    context.connection(1).next().callback.onFailure(new ConnectionException("connection reset", context.host(1).endpoint()));
    assertThat(failure(lost)).isInstanceOf(ConnectionException.class);

    assertThat(context.connection(1).all).hasSize(3);
    assertThat(context.connection(2).all).isEmpty();
  }

  @Test
  void an_idempotent_statement_goes_to_the_next_node_when_its_connection_fails() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("SELECT * FROM t").setIdempotent(true));

    context.connection(1).next().callback.onFailure(new ConnectionException("connection reset", context.host(1).endpoint()));
    context.connection(2).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    assertThat(result(outcome).coordinatorHost()).isEqualTo(context.host(2).endpoint());
  }

  @Test
  void a_request_refused_before_it_was_written_goes_to_the_next_node_even_when_not_idempotent() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    context.connection(1).refuseWith = new ConnectionException("closed", context.host(1).endpoint());
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)"));

    context.connection(2).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    assertThat(result(outcome).coordinatorHost()).isEqualTo(context.host(2).endpoint());
  }

  @Test
  void every_node_refusing_is_no_host_available_with_each_node_error() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    context.connection(1).refuseWith = new ConnectionException("closed", context.host(1).endpoint());
    context.connection(2).refuseWith = new ConnectionException("closed", context.host(2).endpoint());

    Throwable error = failure(run(context, new SimpleStatement("SELECT * FROM t")));

    assertThat(error).isInstanceOf(NoHostAvailableException.class);
    assertThat(((NoHostAvailableException) error).errors())
        .containsOnlyKeys(context.host(1).endpoint(), context.host(2).endpoint());
  }

  @Test
  void a_server_error_the_policy_does_not_retry_is_thrown_as_is() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome = run(context, new SimpleStatement("SELEC 1"));

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.invalid("bad query"));

    assertThat(failure(outcome)).hasMessageContaining("bad query");
    assertThat(context.ended).hasSize(1);
  }

  static PreparedStatement prepared(byte[] id) {
    return PreparedInternals.create(new PreparedInfo(
        "INSERT INTO t (k) VALUES (1)", null, id, null, new ColumnDefinitions(List.of()), new int[0],
        null, ProtocolVersion.V4, type -> null));
  }

  @Test
  void an_unprepared_statement_is_re_prepared_on_the_same_node_then_executed_again() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    byte[] id = {1, 2, 3, 4};
    BoundStatement bound = prepared(id).bind();
    CompletableFuture<ResultSet> outcome = run(context, bound);

    Sent execute = context.connection(1).next();
    assertThat(execute.request).isInstanceOf(Execute.class);
    execute.answer(V4, Opcodes.ERROR, ResponseBodies.unprepared(id));
    Sent prepare = context.connection(1).next();
    assertThat(prepare.request).isInstanceOf(Prepare.class);
    assertThat(((Prepare) prepare.request).cql()).isEqualTo("INSERT INTO t (k) VALUES (1)");
    prepare.answer(V4, Opcodes.RESULT, ResponseBodies.prepared(id));
    Sent again = context.connection(1).next();
    assertThat(again.request).isInstanceOf(Execute.class);
    again.answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    assertThat(result(outcome).coordinatorHost()).isEqualTo(context.host(1).endpoint());
    assertThat(context.connection(2).all).isEmpty();
  }

  @Test
  void a_re_prepare_answered_with_another_id_fails_with_a_clear_error() throws Exception {
    FakeRequestContext context = new FakeRequestContext(1);
    byte[] id = {1, 2, 3, 4};
    CompletableFuture<ResultSet> outcome = run(context, prepared(id).bind());

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.unprepared(id));
    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.prepared(new byte[] {9}));

    assertThat(failure(outcome))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("ID mismatch")
        .hasMessageContaining("prepare it again");
  }

  @Test
  void the_deadline_passing_ends_the_request_and_abandons_its_attempt() throws Exception {
    FakeRequestContext context = new FakeRequestContext(1);
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("SELECT * FROM t"), profile(null), 100);

    Sent sent = context.connection(1).next();
    // a wake-up before the deadline is not the deadline
    sent.callback.onDeadline();
    context.now += TimeUnit.MILLISECONDS.toNanos(100);
    sent.callback.onDeadline();

    Throwable error = failure(outcome);
    assertThat(error).isInstanceOf(OperationTimedOutException.class).hasMessageContaining("100 ms");
    assertThat(sent.inFlight.isCancelled()).isTrue();
    // a late answer changes nothing
    sent.answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());
    assertThat(context.ended).containsExactly(error);
  }

  @Test
  void a_speculative_execution_starts_on_the_next_node_and_the_first_answer_wins() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("SELECT * FROM t").setIdempotent(true), profile(Duration.ofMillis(50)), 0);

    Sent first = context.connection(1).next();
    Runnable wake = context.connection(1).nextTimerTask();
    context.now += TimeUnit.MILLISECONDS.toNanos(50);
    wake.run();
    Sent speculative = context.connection(2).next();
    speculative.answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    ResultSet result = result(outcome);
    assertThat(result.coordinatorHost()).isEqualTo(context.host(2).endpoint());
    assertThat(result.attemptedHosts())
        .containsExactly(context.host(1).endpoint(), context.host(2).endpoint());
    assertThat(first.inFlight.isCancelled()).isTrue();
  }

  @Test
  void a_non_idempotent_statement_gets_no_speculative_execution() throws Exception {
    FakeRequestContext context = new FakeRequestContext(2);
    CompletableFuture<ResultSet> outcome =
        run(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)"), profile(Duration.ofMillis(50)), 0);

    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());

    assertThat(result(outcome).attemptedHosts()).containsExactly(context.host(1).endpoint());
    assertThat(context.connection(1).timerTasks).isEmpty();
    assertThat(context.connection(2).all).isEmpty();
  }
}
