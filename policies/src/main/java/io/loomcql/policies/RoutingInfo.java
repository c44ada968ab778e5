package io.loomcql.policies;

import java.nio.ByteBuffer;

/**
 * What a policy may know about the statement being executed: where its data lives and whether it
 * is safe to send more than once. The driver core's {@code Statement} implements it (or the core
 * passes an adapter); policies receive {@code null} instead when there is no statement, as for a
 * {@code PREPARE} (Python passes {@code query=None}).
 *
 * <p>Policies only read these values, possibly from several threads, while the request runs;
 * implementations must not change them during a request.
 */
public interface RoutingInfo {

  /**
   * The keyspace the statement's data lives in, or {@code null} if it does not say (Python: {@code
   * Statement.keyspace}). When null, {@link TokenAwarePolicy} uses the session's working keyspace.
   *
   * @return the keyspace name, or null
   */
  String keyspace();

  /**
   * The serialized partition key of the statement, or {@code null} if unknown (Python: {@code
   * Statement.routing_key}). Policies read it without moving its position.
   *
   * @return the routing key, or null
   */
  ByteBuffer routingKey();

  /**
   * Whether executing the statement twice has the same effect as executing it once (Python: {@code
   * Statement.is_idempotent}, default {@code False}). Only idempotent statements are sent
   * speculatively, or retried after they may have reached a server (see {@link
   * RetryPolicy#decide}).
   *
   * @return true if the statement may safely be executed more than once
   */
  boolean isIdempotent();
}
