package io.loomcql.cluster;

import static io.loomcql.cluster.BlockingRequestTest.profile;
import static io.loomcql.cluster.BlockingRequestTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.FakeConnection.Sent;
import io.loomcql.cluster.internal.request.AsyncRequest;
import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.transport.spi.Timeout;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The request state machine driven asynchronously: every step is a task of the fake context's
 * executor, run by the test when it chooses ({@code runTasks}), so no thread and no clock decide
 * what happens. Cancellation, the deadline, speculative executions, and the work an answer leaves
 * for after the request (schema agreement, a new keyspace), which runs outside the request's lock.
 */
class AsyncRequestTest {

  private static final ProtocolVersion V4 = ProtocolVersion.V4;

  private static ResponseFuture start(
      FakeRequestContext context, Statement statement, ExecutionProfile profile, long timeoutMillis) {
    ResponseFuture future = new ResponseFuture(statement, context.callbackExecutor());
    AsyncRequest request =
        new AsyncRequest(
            context, statement, statement, template(statement, profile), null, timeoutMillis, future);
    future.running(request);
    request.startAsync();
    return future;
  }

  private static ResponseFuture start(FakeRequestContext context, Statement statement) {
    return start(context, statement, profile(null), 0);
  }

  @Test
  void the_answer_completes_the_future_in_a_step_of_the_executor() {
    FakeRequestContext context = new FakeRequestContext(2);
    ResponseFuture future = start(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)"));

    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());
    assertThat(future).isNotDone();
    context.runTasks();

    assertThat(future.result().coordinatorHost()).isEqualTo(context.host(1).endpoint());
    assertThat(context.ended).containsExactly("succeeded");
  }

  @Test
  void unavailable_is_retried_on_the_next_node() {
    FakeRequestContext context = new FakeRequestContext(2);
    ResponseFuture future = start(context, new SimpleStatement("INSERT INTO t (k) VALUES (1)"));

    context.connection(1).next().answer(V4, Opcodes.ERROR, ResponseBodies.unavailable(ConsistencyLevel.QUORUM, 2, 1));
    context.runTasks();
    context.connection(2).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());
    context.runTasks();

    assertThat(future.result().attemptedHosts())
        .containsExactly(context.host(1).endpoint(), context.host(2).endpoint());
  }

  @Test
  void cancel_stops_the_request_abandons_its_attempt_and_never_retries() {
    FakeRequestContext context = new FakeRequestContext(2);
    ResponseFuture future = start(context, new SimpleStatement("SELECT * FROM t"));
    Sent sent = context.connection(1).next();

    assertThat(future.cancel(false)).isTrue();

    assertThat(sent.inFlight.isCancelled()).isTrue();
    assertThat(future.isCancelled()).isTrue();
    assertThatThrownBy(future::result).isInstanceOf(CancellationException.class);
    assertThat(context.ended).singleElement().isInstanceOf(CancellationException.class);
    // an answer that was already on its way would be retried on the same node: it is not
    sent.answer(V4, Opcodes.ERROR, ResponseBodies.readTimeout(ConsistencyLevel.ONE, 1, 1, false));
    context.runTasks();
    assertThat(context.connection(1).all).hasSize(1);
    assertThat(context.connection(2).all).isEmpty();
    // cancelling again changes nothing (and still answers true, as any cancelled future does)
    future.cancel(false);
    assertThat(context.ended).hasSize(1);
  }

  @Test
  void cancelling_a_completed_future_changes_nothing() {
    FakeRequestContext context = new FakeRequestContext(1);
    ResponseFuture future = start(context, new SimpleStatement("SELECT * FROM t"));
    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());
    context.runTasks();

    assertThat(future.cancel(true)).isFalse();
    assertThat(future.isCancelled()).isFalse();
    assertThat(future.result()).isNotNull();
  }

  @Test
  void a_future_cancelled_before_the_request_started_sends_nothing() {
    FakeRequestContext context = new FakeRequestContext(1);
    SimpleStatement statement = new SimpleStatement("SELECT * FROM t");
    ResponseFuture future = new ResponseFuture(statement, context.callbackExecutor());
    AsyncRequest request =
        new AsyncRequest(context, statement, statement, template(statement, profile(null)), null, 0, future);
    future.running(request);

    assertThat(future.cancel(false)).isTrue();
    request.startAsync();

    assertThat(context.connection(1).all).isEmpty();
    assertThatThrownBy(future::result).isInstanceOf(CancellationException.class);
  }

  @Test
  void the_deadline_fails_the_future_with_operation_timed_out() {
    FakeRequestContext context = new FakeRequestContext(1);
    ResponseFuture future = start(context, new SimpleStatement("SELECT * FROM t"), profile(null), 100);
    Sent sent = context.connection(1).next();

    sent.callback.onDeadline();
    context.runTasks();
    assertThat(future).isNotDone();

    context.now += TimeUnit.MILLISECONDS.toNanos(100);
    sent.callback.onDeadline();
    context.runTasks();

    assertThatThrownBy(future::result)
        .isInstanceOf(OperationTimedOutException.class)
        .hasMessageContaining("100 ms");
    assertThat(sent.inFlight.isCancelled()).isTrue();
  }

  @Test
  void a_speculative_execution_starts_when_its_timer_fires_and_the_first_answer_wins() {
    FakeRequestContext context = new FakeRequestContext(3);
    ResponseFuture future =
        start(
            context, new SimpleStatement("SELECT * FROM t").setIdempotent(true),
            profile(Duration.ofMillis(50)), 0);
    Sent first = context.connection(1).next();

    context.now += TimeUnit.MILLISECONDS.toNanos(50);
    context.connection(1).nextTimerTask().run();
    context.runTasks();
    Sent speculative = context.connection(2).next();
    first.answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());
    context.runTasks();

    assertThat(future.result().coordinatorHost()).isEqualTo(context.host(1).endpoint());
    assertThat(speculative.inFlight.isCancelled()).isTrue();
    // the timer of the next speculative execution was cancelled with the request
    context.connection(2).nextTimerTask();
    assertThat(context.connection(2).timeouts).singleElement().matches(Timeout::isCancelled);
    assertThat(context.connection(3).all).isEmpty();
  }

  @Test
  void schema_agreement_is_awaited_outside_the_request_lock() {
    FakeRequestContext context = new FakeRequestContext(1);
    AtomicBoolean cancelledWhileWaiting = new AtomicBoolean();
    SimpleStatement statement = new SimpleStatement("CREATE TABLE ks.t (k int PRIMARY KEY)");
    ResponseFuture future = start(context, statement);
    context.schemaAgrees = false;
    context.onSchemaWait =
        () ->
            // another thread takes the request's lock (cancel does): it would wait forever were
            // the lock held here (the bound only keeps such a failure from hanging the build)
            cancelledWhileWaiting.set(
                CompletableFuture.supplyAsync(() -> future.cancel(false))
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join());

    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.tableCreated("ks", "t"));
    context.runTasks();

    // the request had ended when the wait began: cancel found nothing to stop
    assertThat(cancelledWhileWaiting).isTrue();
    assertThat(future.isCancelled()).isTrue();
  }

  @Test
  void a_schema_change_answers_whether_the_nodes_agreed() {
    FakeRequestContext context = new FakeRequestContext(1);
    context.schemaAgrees = false;
    ResponseFuture future = start(context, new SimpleStatement("CREATE TABLE ks.t (k int PRIMARY KEY)"));

    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.tableCreated("ks", "t"));
    context.runTasks();

    assertThat(future.isSchemaAgreed()).isFalse();
  }

  @Test
  void use_sets_the_keyspace_for_the_session_once_the_request_ended() {
    FakeRequestContext context = new FakeRequestContext(1);
    ResponseFuture future = start(context, new SimpleStatement("USE ks"));

    context.connection(1).next().answer(V4, Opcodes.RESULT, ResponseBodies.setKeyspace("ks"));
    context.runTasks();

    assertThat(future.result()).isNotNull();
    assertThat(context.keyspaces).containsExactly("ks");
  }
}
