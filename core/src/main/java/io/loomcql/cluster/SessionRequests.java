package io.loomcql.cluster;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/** What the requests of one {@link Session} need from it and its cluster. One per session. */
final class SessionRequests implements RequestContext {

  private final Session session;

  SessionRequests(Session session) {
    this.session = session;
  }

  @Override
  public Iterator<Host> queryPlan(Statement statement, RoutingInfo routing, ExecutionProfile profile) {
    return session.queryPlan(statement, routing, profile);
  }

  @Override
  public NodePool pool(Host host) {
    return session.pool(host);
  }

  @Override
  public Executor callbackExecutor() {
    return session.cluster().callbackExecutor();
  }

  @Override
  public MetricsRecorder metrics() {
    return session.cluster().metricsRecorder();
  }

  @Override
  public UserTypeRegistry userTypes() {
    return session.cluster().userTypes();
  }

  @Override
  public void requestEnded(
      Statement statement, InetSocketAddress coordinator, long nanos, RuntimeException error) {
    RequestLogger logger = session.cluster().requestLogger();
    if (logger != null) {
      logger.onRequestEnd(statement, coordinator, nanos, error);
    }
  }

  @Override
  public ResultSet resultSet(
      Statement statement, RequestTemplate template, RowsPage rows, ByteBuffer pagingState,
      List<String> warnings, boolean schemaAgreed, UUID tracingId, Map<String, ByteBuffer> payload,
      InetSocketAddress coordinator, InetSocketAddress firstAttempted,
      List<InetSocketAddress> attempted) {
    return new ResultSet(
        session, statement, template, rows, pagingState, warnings, schemaAgreed, tracingId, payload,
        coordinator, firstAttempted, attempted);
  }

  @Override
  public boolean waitForSchemaAgreement(SchemaChange change, Connection coordinator) {
    return session.cluster().waitForSchemaAgreement(change, coordinator);
  }

  @Override
  public void keyspaceChanged(String keyspace, Connection changed) {
    session.keyspaceChanged(keyspace, changed);
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
