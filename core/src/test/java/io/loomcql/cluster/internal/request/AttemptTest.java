package io.loomcql.cluster.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.mapping.internal.UserTypeRegistry;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.node.Host;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.spi.Connection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class AttemptTest {

  private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 9042);

  /** Runs tasks when asked, so a test decides when the continuation would have run. */
  private static final class ManualExecutor implements Executor {
    final List<Runnable> tasks = new CopyOnWriteArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }
  }

  /** An async request whose steps go to {@code executor} (only its executor is used here). */
  private static AsyncRequest requestOn(Executor executor) {
    SimpleStatement statement = new SimpleStatement("SELECT 1");
    RequestContext context = new ExecutorOnly(executor);
    RequestTemplate template =
        new RequestTemplate(ExecutionProfile.builder().build(), ConsistencyLevel.ONE, null);
    return new AsyncRequest(context, statement, statement, template, null, 0, null);
  }

  @Test
  void should_continue_only_after_send_returned_when_refused_during_send() {
    ManualExecutor executor = new ManualExecutor();
    Attempt attempt = Attempt.async(null, null, false, requestOn(executor));

    // The connection fails the request on the sending thread, then send returns null.
    attempt.onFailure(new ConnectionException("closed", NODE));
    assertThat(executor.tasks).isEmpty();
    attempt.sent(null);

    // the task is the attempt itself: it runs the request's step
    assertThat(executor.tasks).containsExactly(attempt);
    assertThat(attempt.notSent()).isTrue();
    assertThat(attempt.outcome()).isInstanceOf(ConnectionException.class);
  }

  @Test
  void should_continue_once_when_the_outcome_arrives_after_send() {
    ManualExecutor executor = new ManualExecutor();
    Attempt attempt = Attempt.async(null, null, false, requestOn(executor));
    attempt.sent(null);
    assertThat(executor.tasks).isEmpty();

    attempt.onFailure(new ConnectionException("closed", NODE));
    attempt.onFailure(new ConnectionException("closed again", NODE));

    assertThat(executor.tasks).hasSize(1);
    assertThat(((Throwable) attempt.outcome()).getMessage()).contains("closed");
    assertThat(((Throwable) attempt.outcome()).getMessage()).doesNotContain("again");
  }

  @Test
  void should_unpark_the_waiting_thread_with_the_first_outcome() throws Exception {
    Attempt attempt = Attempt.blocking(null, null, false);
    Thread completer =
        Thread.ofVirtual().start(() -> attempt.onFailure(new ConnectionException("late", NODE)));
    Object outcome = attempt.await(System.nanoTime() + 5_000_000_000L);
    completer.join();

    assertThat(outcome).isInstanceOf(ConnectionException.class);
    assertThat(attempt.notSent()).isFalse();
  }

  @Test
  void should_time_out_when_nothing_arrives_before_the_deadline() {
    Attempt attempt = Attempt.blocking(null, null, false);

    assertThat(attempt.await(System.nanoTime() + 20_000_000L)).isSameAs(Attempt.TIMED_OUT);
    attempt.onFailure(new ConnectionException("too late", NODE));
    assertThat(attempt.outcome()).isSameAs(Attempt.TIMED_OUT);
  }

  /** A context that only has an executor: the attempts under test never reach the request. */
  private record ExecutorOnly(Executor executor) implements RequestContext {
    @Override
    public Iterator<Host> queryPlan(Statement statement, RoutingInfo routing, ExecutionProfile profile) {
      return Collections.emptyIterator();
    }

    @Override
    public NodePool pool(Host host) {
      return null;
    }

    @Override
    public Executor callbackExecutor() {
      return executor;
    }

    @Override
    public MetricsRecorder metrics() {
      return null;
    }

    @Override
    public UserTypeRegistry userTypes() {
      return null;
    }

    @Override
    public void requestEnded(Statement statement, InetSocketAddress coordinator, long nanos, RuntimeException error) {}

    @Override
    public ResultSet resultSet(
        Statement statement, RequestTemplate template, RowsPage rows, ByteBuffer pagingState,
        List<String> warnings, boolean schemaAgreed, UUID tracingId, Map<String, ByteBuffer> payload,
        InetSocketAddress coordinator, InetSocketAddress firstAttempted, List<InetSocketAddress> attempted) {
      throw new AssertionError("not reached");
    }

    @Override
    public boolean waitForSchemaAgreement(SchemaChange change, Connection coordinator) {
      throw new AssertionError("not reached");
    }

    @Override
    public void keyspaceChanged(String keyspace, Connection changed) {
      throw new AssertionError("not reached");
    }

    @Override
    public void succeed(ResponseFuture future, ResultSet result) {
      throw new AssertionError("not reached");
    }

    @Override
    public void fail(ResponseFuture future, RuntimeException error) {
      throw new AssertionError("not reached");
    }
  }
}
