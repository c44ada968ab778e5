package io.loomcql.cluster;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnpreparedException;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.Request;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.protocol.internal.VoidResult;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.internal.Connection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries one request (one page of one statement, or one PREPARE) to completion: walks the query
 * plan, sends to the first node with an open connection, waits, turns the response into its
 * result or an exception, re-prepares on the same node when it has forgotten a prepared
 * statement, and moves to the next node when the failure allows it.
 *
 * <p>The same steps run either on the caller's thread ({@link #executeBlocking}: the thread parks
 * while the request is on the wire) or as continuations on the callback executor
 * ({@link #executeAsync}). Never on an I/O thread.
 */
final class RequestHandler {

  /** What a result page needs to remember to fetch the page after it. */
  record Page(
      Statement statement,
      RequestBuilder request,
      RowsPage rows,
      ByteBuffer pagingState,
      List<String> warnings,
      boolean schemaAgreed,
      java.util.UUID tracingId,
      Map<String, ByteBuffer> customPayload) {}

  /** Builds the request message for a given paging state (null for the first page). */
  interface RequestBuilder {
    Request build(ByteBuffer pagingState, ProtocolVersion version);
  }

  private static final Object NEXT_NODE = new Object();
  private static final Object REPREPARE = new Object();

  private final Session session;
  private final Statement statement;
  private final RequestBuilder builder;
  private final ByteBuffer pagingState;
  private final long deadlineNanos;
  private final long timeoutMillis;
  private final Iterator<NodePool> plan;
  private final Map<InetSocketAddress, Throwable> errors = new LinkedHashMap<>();
  private final ResponseFuture future;
  private final int flags;
  private final Map<String, ByteBuffer> customPayload;
  private final long startNanos = System.nanoTime();
  private final io.loomcql.metrics.Metrics metrics;
  private InetSocketAddress lastHost;
  private Attempt current;
  private PreparedStatement reprepareTarget;
  private boolean awaitingPrepare;
  private boolean reprepared;

  RequestHandler(
      Session session,
      Statement statement,
      RequestBuilder builder,
      ByteBuffer pagingState,
      long timeoutMillis,
      ResponseFuture future) {
    this.session = session;
    this.statement = statement;
    this.builder = builder;
    this.pagingState = pagingState;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos =
        timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
    this.metrics = session.cluster().metrics();
    this.plan = session.queryPlan(statement);
    this.flags = statement.isTracing() ? Frame.FLAG_TRACING : 0;
    this.customPayload = statement.customPayload().isEmpty() ? null : statement.customPayload();
    this.future = future;
  }

  /** Runs the request on the calling thread; returns a ResultSet, or Prepared for a PREPARE. */
  Object executeBlocking() {
    ResponseFuture.checkNotIoThread();
    Attempt attempt = sendToNextNode(false);
    while (true) {
      Object result = handle(attempt, attempt.await(deadlineNanos));
      if (result == NEXT_NODE) {
        attempt = sendToNextNode(false);
      } else if (result == REPREPARE) {
        Attempt prepare = send(attempt.connection, prepareRequest(), false);
        Object prepared = handle(prepare, prepare.await(deadlineNanos));
        checkReprepared(prepared);
        attempt = send(attempt.connection, null, false);
      } else {
        return result;
      }
    }
  }

  /** The node that gave the last answer (or failed last). */
  InetSocketAddress lastHost() {
    return lastHost;
  }

  void executeAsync() {
    try {
      sendToNextNode(true);
    } catch (Throwable t) {
      future.fail(t);
    }
  }

  private void onAsyncOutcome() {
    Attempt attempt = current;
    try {
      Object result = handle(attempt, attempt.outcome());
      if (awaitingPrepare) {
        // The answer to our PREPARE: check it, then execute again on the same node.
        awaitingPrepare = false;
        checkReprepared(result);
        send(attempt.connection, null, true);
      } else if (result == NEXT_NODE) {
        sendToNextNode(true);
      } else if (result == REPREPARE) {
        awaitingPrepare = true;
        send(attempt.connection, prepareRequest(), true);
      } else {
        future.succeed((ResultSet) result);
      }
    } catch (Throwable t) {
      future.fail(t);
    }
  }

  private Attempt sendToNextNode(boolean async) {
    while (plan.hasNext()) {
      NodePool pool = plan.next();
      Connection connection = pool.borrow();
      if (connection == null) {
        errors.put(pool.endpoint(), new ConnectionException("No open connection", pool.endpoint()));
        continue;
      }
      return send(connection, null, async);
    }
    throw new NoHostAvailableException("Unable to complete the operation against any hosts", errors);
  }

  /** Sends {@code request}, or the statement's own request when null, on {@code connection}. */
  private Attempt send(Connection connection, Request request, boolean async) {
    Request message = request != null ? request : builder.build(pagingState, connection.protocolVersion());
    Attempt attempt =
        async
            ? Attempt.async(connection, session.callbackExecutor(), this::onAsyncOutcome)
            : Attempt.blocking(connection);
    current = attempt;
    if (async && deadlineNanos != Long.MAX_VALUE) {
      attempt.timeoutAt(deadlineNanos);
    }
    boolean ownRequest = request == null;
    attempt.sent(
        connection.send(message, ownRequest ? flags : 0, ownRequest ? customPayload : null, attempt));
    return attempt;
  }

  private Request prepareRequest() {
    return new Prepare(reprepareTarget.queryString(), reprepareTarget.keyspace());
  }

  private void checkReprepared(Object result) {
    if (!(result instanceof Prepared prepared)
        || !Arrays.equals(prepared.queryId(), reprepareTarget.queryId())) {
      throw new DriverException(
          "ID mismatch while trying to reprepare " + reprepareTarget + " (got " + result
              + "); the statement changed on the server: prepare it again");
    }
    // The node may have re-prepared against a changed table: its columns are now the truth.
    List<ColumnSpec> columns = prepared.resultMetadata().columns();
    reprepareTarget.updateResultMetadata(
        prepared.resultMetadataId(), columns == null ? null : toDefinitions(columns));
    reprepared = true;
  }

  /**
   * The result (a ResultSet or, for PREPARE, the Prepared response), or NEXT_NODE / REPREPARE;
   * throws when the request has failed for good.
   */
  private Object handle(Attempt attempt, Object outcome) {
    if (metrics == null) {
      return handleOutcome(attempt, outcome);
    }
    try {
      Object result = handleOutcome(attempt, outcome);
      if (result != NEXT_NODE && result != REPREPARE) {
        metrics.onRequest(System.nanoTime() - startNanos);
      } else if (result == NEXT_NODE) {
        metrics.onConnectionError();
      }
      return result;
    } catch (RuntimeException e) {
      countError(e);
      metrics.onRequest(System.nanoTime() - startNanos);
      throw e;
    }
  }

  private void countError(RuntimeException e) {
    switch (e) {
      case OperationTimedOutException t -> metrics.onClientTimeout();
      case ConnectionException c -> metrics.onConnectionError();
      case io.loomcql.WriteTimeoutException w -> metrics.onWriteTimeout();
      case io.loomcql.ReadTimeoutException r -> metrics.onReadTimeout();
      case io.loomcql.UnavailableException u -> metrics.onUnavailable();
      case io.loomcql.OverloadedException o -> metrics.onOtherError();
      case io.loomcql.IsBootstrappingException b -> metrics.onOtherError();
      case io.loomcql.TruncateException t -> metrics.onOtherError();
      case io.loomcql.ServerErrorException s -> metrics.onOtherError();
      default -> {}
    }
  }

  private Object handleOutcome(Attempt attempt, Object outcome) {
    InetSocketAddress host = attempt.connection.endpoint();
    lastHost = host;
    if (outcome == Attempt.TIMED_OUT) {
      throw new OperationTimedOutException(
          "No response from " + host + " within " + timeoutMillis + " ms", errors, lastHost);
    }
    if (outcome instanceof Throwable error) {
      if (error instanceof BusyConnectionException
          || (error instanceof ConnectionException && statement.isIdempotent())) {
        errors.put(host, error);
        return NEXT_NODE;
      }
      if (error instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new DriverException("Request to " + host + " failed: " + error, error);
    }
    Frame frame = (Frame) outcome;
    DecodedResponse decoded = ResponseDecoder.decode(frame);
    Response response = decoded.response();
    if (response instanceof ErrorResponse error) {
      if (error.exception() instanceof UnpreparedException unprepared && !reprepared) {
        PreparedStatement target = findPrepared(unprepared.queryId());
        if (target != null) {
          reprepareTarget = target;
          return REPREPARE;
        }
      }
      throw error.exception();
    }
    List<String> warnings = decoded.warnings() == null ? List.of() : decoded.warnings();
    return switch (response) {
      case Rows rows ->
          new ResultSet(
              session,
              new Page(
                  statement, builder, toPage(rows, frame.version()), rows.metadata().pagingState(),
                  warnings, true, decoded.tracingId(), decoded.customPayload()));
      case VoidResult v -> emptyResult(decoded);
      case SchemaChange change ->
          // DDL returns once every live node has the new schema (or maxSchemaAgreementWait passed),
          // so that the next statement finds it on whichever node coordinates. The check runs on
          // the coordinator's connection: it already has the new version, while another node may
          // still report the old one for everybody and look "agreed".
          new ResultSet(
              session,
              new Page(
                  statement, builder, null, null, warnings, session.cluster().waitForSchemaAgreement(attempt.connection),
                  decoded.tracingId(), decoded.customPayload()));
      case SetKeyspace setKeyspace -> {
        session.keyspaceChanged(setKeyspace.keyspace(), attempt.connection);
        yield emptyResult(decoded);
      }
      case Prepared prepared -> prepared;
      default ->
          throw new ProtocolException("Unexpected response from " + host + ": " + response);
    };
  }

  /** The prepared statement of this request that the node says it does not know. */
  private PreparedStatement findPrepared(byte[] id) {
    if (statement instanceof BoundStatement bound
        && Arrays.equals(bound.preparedStatement().queryId(), id)) {
      return bound.preparedStatement();
    }
    if (statement instanceof BatchStatement batch) {
      for (Statement child : batch.statements()) {
        if (child instanceof BoundStatement bound
            && Arrays.equals(bound.preparedStatement().queryId(), id)) {
          return bound.preparedStatement();
        }
      }
    }
    return null;
  }

  private ResultSet emptyResult(DecodedResponse decoded) {
    return new ResultSet(
        session,
        new Page(
            statement, builder, null, null, decoded.warnings(), true, decoded.tracingId(),
            decoded.customPayload()));
  }

  private RowsPage toPage(Rows rows, ProtocolVersion version) {
    RowsMetadata metadata = rows.metadata();
    ColumnDefinitions columns;
    if (metadata.columns() != null) {
      columns = toDefinitions(metadata.columns());
      if (metadata.newResultMetadataId() != null && statement instanceof BoundStatement bound) {
        bound.preparedStatement().updateResultMetadata(metadata.newResultMetadataId(), columns);
      }
    } else if (statement instanceof BoundStatement bound
        && bound.preparedStatement().resultColumnsOrNull() != null) {
      columns = bound.preparedStatement().resultColumnsOrNull();
    } else {
      throw new ProtocolException(
          "The server sent rows without column metadata for " + statement
              + ", but the driver did not ask it to skip them");
    }
    if (columns.size() != rows.columnCount()) {
      throw new ProtocolException(
          "Rows have " + rows.columnCount() + " columns but their metadata describes " + columns.size());
    }
    return new RowsPage(columns, rows, version);
  }

  static ColumnDefinitions toDefinitions(List<ColumnSpec> specs) {
    List<ColumnDefinition> columns = new ArrayList<>(specs.size());
    for (ColumnSpec spec : specs) {
      columns.add(new ColumnDefinition(spec.keyspace(), spec.table(), spec.name(), spec.type()));
    }
    return new ColumnDefinitions(columns);
  }
}
