package io.loomcql.transport.internal;

import io.loomcql.ConsistencyLevel;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.wire.Frame;
import java.util.concurrent.CompletableFuture;

/** Sends queries to the loopback server, which echoes the query string back. */
final class Queries {

  private Queries() {}

  /** A query in flight: its answer and its handle. */
  record Sent(CompletableFuture<String> answer, InFlightRequest request) {}

  static Sent send(Connection connection, String cql) {
    return send(connection, cql, 0);
  }

  /** Sends a query, parking up to {@code maxWaitNanos} for room when the connection is full. */
  static Sent send(Connection connection, String cql, long maxWaitNanos) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    InFlightRequest request =
        connection.send(
            new Query(cql, QueryOptions.of(ConsistencyLevel.ONE)),
            0,
            null,
            new ResponseCallback() {
              @Override
              public void onResponse(Frame frame) {
                try {
                  DecodedResponse decoded = ResponseDecoder.decode(frame);
                  answer.complete(((SetKeyspace) decoded.response()).keyspace());
                } catch (RuntimeException e) {
                  answer.completeExceptionally(e);
                }
              }

              @Override
              public void onFailure(Throwable error) {
                answer.completeExceptionally(error);
              }
            },
            maxWaitNanos, Connection.NO_DEADLINE);
    return new Sent(answer, request);
  }

  /** Sends a query and returns the string the server echoed back. */
  static CompletableFuture<String> query(Connection connection, String cql) {
    return send(connection, cql).answer();
  }
}
