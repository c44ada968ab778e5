package io.loomcql.cluster;

import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.cluster.internal.request.RequestContext;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.mapping.internal.UserTypeRegistry;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.node.Host;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.spi.Connection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A session for requests without sockets: nodes with one {@link FakeConnection} each, a query
 * plan that lists them in order, a clock the test moves, and an executor whose tasks the test
 * runs ({@link #runTasks()}), so every step of an async request happens when the test says.
 */
final class FakeRequestContext implements RequestContext {

  final Map<Host, FakeConnection> connections = new LinkedHashMap<>();
  private final Map<Host, NodePool> pools = new LinkedHashMap<>();
  final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  /** How each request ended, in order: its error, or "succeeded". */
  final List<Object> ended = new CopyOnWriteArrayList<>();
  final List<String> keyspaces = new CopyOnWriteArrayList<>();
  volatile long now = 1_000_000_000L;
  volatile boolean schemaAgrees = true;
  /** Runs while a request waits for schema agreement. */
  volatile Runnable onSchemaWait = () -> {};

  private final Executor executor;

  /** Nodes 127.0.0.1 to 127.0.0.{@code count}, each with one open connection, planned in order. */
  FakeRequestContext(int count) {
    this(count, null);
  }

  /**
   * The same, with {@code executor} running the async steps and callbacks (null: the test runs
   * them, {@link #runTasks()}).
   */
  FakeRequestContext(int count, Executor executor) {
    this.executor = executor != null ? executor : tasks::add;
    for (int i = 1; i <= count; i++) {
      Host host = new Host(new InetSocketAddress("127.0.0." + i, 9042));
      FakeConnection connection = new FakeConnection(host.endpoint(), ProtocolVersion.V4);
      NodePool pool = new NodePool(host, (p, cause) -> {}, (p, cause) -> {});
      pool.add(connection);
      connections.put(host, connection);
      pools.put(host, pool);
    }
  }

  Host host(int number) {
    return new ArrayList<>(connections.keySet()).get(number - 1);
  }

  FakeConnection connection(int number) {
    return connections.get(host(number));
  }

  /** Runs the executor's tasks, including those they schedule, until none is left. */
  void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  @Override
  public Iterator<Host> queryPlan(Statement statement, RoutingInfo routing, ExecutionProfile profile) {
    return List.copyOf(connections.keySet()).iterator();
  }

  @Override
  public NodePool pool(Host host) {
    return pools.get(host);
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
  public long nanoTime() {
    return now;
  }

  @Override
  public void requestEnded(
      Statement statement, InetSocketAddress coordinator, long nanos, RuntimeException error) {
    ended.add(error == null ? "succeeded" : error);
  }

  @Override
  public ResultSet resultSet(
      Statement statement, RequestTemplate template, RowsPage rows, ByteBuffer pagingState,
      List<String> warnings, boolean schemaAgreed, UUID tracingId, Map<String, ByteBuffer> payload,
      InetSocketAddress coordinator, InetSocketAddress firstAttempted,
      List<InetSocketAddress> attempted) {
    return new ResultSet(
        null, statement, template, rows, pagingState, warnings, schemaAgreed, tracingId, payload,
        coordinator, firstAttempted, attempted);
  }

  @Override
  public boolean waitForSchemaAgreement(SchemaChange change, Connection coordinator) {
    onSchemaWait.run();
    return schemaAgrees;
  }

  @Override
  public void keyspaceChanged(String keyspace, Connection changed) {
    keyspaces.add(keyspace);
  }

  @Override
  public void succeed(ResponseFuture future, ResultSet result) {
    future.succeed(result);
  }

  @Override
  public void fail(ResponseFuture future, RuntimeException error) {
    future.fail(error);
  }
}
