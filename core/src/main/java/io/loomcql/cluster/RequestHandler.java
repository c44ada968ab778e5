package io.loomcql.cluster;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.Request;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.protocol.internal.VoidResult;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.internal.Connection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries one request (one page of one statement) to completion: walks the query plan, sends to
 * the first node with an open connection, waits, turns the response into a {@link ResultSet} or
 * an exception, and moves to the next node when the failure allows it.
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
      List<String> warnings) {}

  /** Builds the request message for a given paging state (null for the first page). */
  interface RequestBuilder {
    Request build(ByteBuffer pagingState, ProtocolVersion version);
  }

  private final Session session;
  private final Statement statement;
  private final RequestBuilder builder;
  private final ByteBuffer pagingState;
  private final long deadlineNanos;
  private final long timeoutMillis;
  private final Iterator<NodePool> plan;
  private final Map<InetSocketAddress, Throwable> errors = new LinkedHashMap<>();
  private final ResponseFuture future;
  private InetSocketAddress lastHost;
  private Attempt current;

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
    this.plan = session.queryPlan();
    this.future = future;
  }

  ResultSet executeBlocking() {
    ResponseFuture.checkNotIoThread();
    while (true) {
      Attempt attempt = sendToNextNode(false);
      ResultSet result = handle(attempt, attempt.await(deadlineNanos));
      if (result != null) {
        return result;
      }
    }
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
      ResultSet result = handle(attempt, attempt.outcome());
      if (result != null) {
        future.succeed(result);
      } else {
        sendToNextNode(true);
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
      Request request = builder.build(pagingState, connection.protocolVersion());
      Attempt attempt =
          async
              ? Attempt.async(connection, session.callbackExecutor(), this::onAsyncOutcome)
              : Attempt.blocking(connection);
      current = attempt;
      if (async && deadlineNanos != Long.MAX_VALUE) {
        attempt.timeoutAt(deadlineNanos);
      }
      attempt.sent(connection.send(request, 0, null, attempt));
      return attempt;
    }
    throw new NoHostAvailableException("Unable to complete the operation against any hosts", errors);
  }

  /** The result, or null to try the next node; throws when the request has failed for good. */
  private ResultSet handle(Attempt attempt, Object outcome) {
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
        return null;
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
      throw error.exception();
    }
    List<String> warnings = decoded.warnings() == null ? List.of() : decoded.warnings();
    return switch (response) {
      case Rows rows ->
          new ResultSet(
              session,
              new Page(
                  statement, builder, toPage(rows, frame.version()), rows.metadata().pagingState(),
                  warnings));
      case VoidResult v -> emptyResult(warnings);
      case SchemaChange change -> emptyResult(warnings);
      case SetKeyspace setKeyspace -> {
        session.keyspaceChanged(setKeyspace.keyspace(), attempt.connection);
        yield emptyResult(warnings);
      }
      default ->
          throw new ProtocolException("Unexpected response to a query from " + host + ": " + response);
    };
  }

  private ResultSet emptyResult(List<String> warnings) {
    return new ResultSet(session, new Page(statement, builder, null, null, warnings));
  }

  private static RowsPage toPage(Rows rows, ProtocolVersion version) {
    RowsMetadata metadata = rows.metadata();
    if (metadata.columns() == null) {
      throw new ProtocolException("A result without column metadata is only expected for prepared statements");
    }
    List<ColumnDefinition> columns = new ArrayList<>(metadata.columns().size());
    for (ColumnSpec spec : metadata.columns()) {
      columns.add(new ColumnDefinition(spec.keyspace(), spec.table(), spec.name(), spec.type()));
    }
    return new RowsPage(new ColumnDefinitions(columns), rows, version);
  }
}
