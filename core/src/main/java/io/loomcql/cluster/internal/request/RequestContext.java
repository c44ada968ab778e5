package io.loomcql.cluster.internal.request;

import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.internal.NodePool;
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

/**
 * What a request needs from the session that runs it, and nothing more: the query plan, the
 * connection pools, the callback executor, metrics and logging hooks, and the session-wide
 * effects of an answer (a new keyspace, a schema change). Provided by the session; a test
 * provides its own, with fake connections.
 */
public interface RequestContext {

  /**
   * The nodes to try for {@code statement}, in order (the statement's own host only, when it
   * names one); {@code routing} is null for a PREPARE.
   */
  Iterator<Host> queryPlan(Statement statement, RoutingInfo routing, ExecutionProfile profile);

  /** The session's pool of connections to {@code host}, or null when it has none. */
  NodePool pool(Host host);

  /** Where async requests take their steps and futures run their callbacks. */
  Executor callbackExecutor();

  /** The cluster's metrics, or null when they are disabled. */
  MetricsRecorder metrics();

  /** How user-defined types decode to registered classes. */
  UserTypeRegistry userTypes();

  /** The clock of deadlines and speculative executions ({@link System#nanoTime()} but in tests). */
  default long nanoTime() {
    return System.nanoTime();
  }

  /** Hook for the request logger: a request ended after {@code nanos}, with {@code error} or not. */
  void requestEnded(Statement statement, InetSocketAddress coordinator, long nanos, RuntimeException error);

  /**
   * The result of one page of {@code statement}; see the parameters of the result set.
   *
   * @param rows the page's rows, null for a statement that returns none
   * @param pagingState the paging state of the next page, null on the last one
   * @param firstAttempted the first node the request went to
   * @param attempted every node it went to, in order, when more than one; else null
   */
  ResultSet resultSet(
      Statement statement, RequestTemplate template, RowsPage rows, ByteBuffer pagingState,
      List<String> warnings, boolean schemaAgreed, UUID tracingId, Map<String, ByteBuffer> payload,
      InetSocketAddress coordinator, InetSocketAddress firstAttempted, List<InetSocketAddress> attempted);

  /**
   * Waits until the live nodes agree on the schema after {@code change} (asking {@code
   * coordinator}, which already has the new version), at most the cluster's maximum wait, and
   * refreshes the schema metadata; returns whether they agreed. Blocks: never called while a
   * request holds its lock.
   */
  boolean waitForSchemaAgreement(SchemaChange change, Connection coordinator);

  /**
   * {@code changed} now uses {@code keyspace}: so must every other connection of the session.
   * Blocks while they are told.
   *
   * @throws io.loomcql.DriverException if some connection could not be switched
   */
  void keyspaceChanged(String keyspace, Connection changed);

  /** Completes {@code future} with the request's result. */
  void succeed(ResponseFuture future, ResultSet result);

  /** Completes {@code future} with the request's failure. */
  void fail(ResponseFuture future, RuntimeException error);
}
