package io.loomcql.cluster.internal.request;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolException;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.query.Row;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.spi.Connection;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests the driver sends for itself on one given connection (USE, system table reads,
 * REGISTER), blocking the calling thread — never an I/O thread — up to a timeout. No retries, no
 * query plan: the caller chose the connection.
 */
public final class DirectRequests {

  private DirectRequests() {}

  /** Sends {@code request} and returns the decoded response; server errors are thrown. */
  public static Response send(Connection connection, Request request, Duration timeout) {
    Attempt attempt = Attempt.blocking(connection);
    attempt.sent(connection.send(request, 0, null, attempt, Connection.NO_WAIT, Connection.NO_DEADLINE));
    long deadline =
        timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(1, timeout.toNanos());
    return outcome(connection, request, attempt, deadline, timeout);
  }

  /** Awaits {@code attempt} until {@code deadline}; the response, or its error thrown. */
  private static Response outcome(
      Connection connection, Request request, Attempt attempt, long deadline, Duration timeout) {
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
  public static List<Row> query(Connection connection, String cql, Duration timeout) {
    return toRows(connection, cql, send(connection, queryOf(cql), timeout));
  }

  /**
   * Runs unpaged queries at ONE, all in flight at once, and returns their rows in order: one
   * round trip for a whole schema read. Each query's outcome is a {@code List<Row>} or the
   * RuntimeException it failed with (a server error, a timeout), so the caller decides which
   * failures it tolerates. All answers are awaited within one {@code timeout}.
   */
  public static List<Object> queryAll(Connection connection, List<String> cqls, Duration timeout) {
    List<Attempt> attempts = new ArrayList<>(cqls.size());
    for (String cql : cqls) {
      Attempt attempt = Attempt.blocking(connection);
      attempt.sent(connection.send(queryOf(cql), 0, null, attempt, Connection.NO_WAIT, Connection.NO_DEADLINE));
      attempts.add(attempt);
    }
    long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
    List<Object> results = new ArrayList<>(cqls.size());
    for (int i = 0; i < cqls.size(); i++) {
      String cql = cqls.get(i);
      try {
        results.add(toRows(connection, cql, outcome(connection, queryOf(cql), attempts.get(i), deadline, timeout)));
      } catch (RuntimeException e) {
        results.add(e);
      }
    }
    return results;
  }

  /**
   * Each row as a map from column name to its value decoded to the driver's Java types (null for
   * a null value).
   */
  public static List<Map<String, Object>> asMaps(List<Row> rows) {
    List<Map<String, Object>> maps = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<String> names = row.columnDefinitions().names();
      Map<String, Object> map = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        // Nulls stay: a table option column present but null means "the default" to the parser.
        map.put(names.get(i), row.getObject(i));
      }
      maps.add(map);
    }
    return maps;
  }

  private static Query queryOf(String cql) {
    return new Query(cql, QueryOptions.of(ConsistencyLevel.ONE));
  }

  private static List<Row> toRows(Connection connection, String cql, Response response) {
    if (!(response instanceof Rows rows)) {
      throw new ProtocolException("Expected rows for '" + cql + "' from " + connection.endpoint() + ", got " + response);
    }
    return new RowsPage(ResponseMapper.toDefinitions(rows.metadata().columns()), rows, connection.protocolVersion())
        .asList();
  }
}
