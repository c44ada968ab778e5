package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolException;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.Request;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.query.Row;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.internal.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Requests the driver sends for itself on one given connection (USE, system table reads,
 * REGISTER), blocking the calling thread — never an I/O thread — up to a timeout. No retries, no
 * query plan: the caller chose the connection.
 */
final class DirectRequests {

  private DirectRequests() {}

  /** Sends {@code request} and returns the decoded response; server errors are thrown. */
  static Response send(Connection connection, Request request, Duration timeout) {
    Attempt attempt = Attempt.blocking(connection);
    attempt.sent(connection.send(request, 0, null, attempt));
    long deadline =
        timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(1, timeout.toNanos());
    Object outcome = attempt.await(deadline);
    if (outcome == Attempt.TIMED_OUT) {
      throw new OperationTimedOutException(
          request + " got no answer from " + connection.endpoint() + " within "
              + timeout.toMillis() + " ms",
          Map.of(),
          connection.endpoint());
    }
    if (outcome instanceof RuntimeException error) {
      throw error;
    }
    if (outcome instanceof Throwable error) {
      throw new DriverException(request + " failed on " + connection.endpoint(), error);
    }
    DecodedResponse decoded = ResponseDecoder.decode((Frame) outcome);
    if (decoded.response() instanceof ErrorResponse error) {
      throw error.exception();
    }
    return decoded.response();
  }

  /** Runs an unpaged query at ONE and returns its rows. */
  static List<Row> query(Connection connection, String cql, Duration timeout) {
    Response response = send(connection, new Query(cql, QueryOptions.of(ConsistencyLevel.ONE)), timeout);
    if (!(response instanceof Rows rows)) {
      throw new ProtocolException("Expected rows for '" + cql + "' from " + connection.endpoint() + ", got " + response);
    }
    return new RowsPage(RequestHandler.toDefinitions(rows.metadata().columns()), rows, connection.protocolVersion())
        .asList();
  }
}
