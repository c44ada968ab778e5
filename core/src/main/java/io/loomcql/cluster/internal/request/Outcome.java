package io.loomcql.cluster.internal.request;

import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.transport.spi.Connection;

/**
 * What one step of a {@link RequestExecution} decided: the request goes on, or it has its answer,
 * possibly with work left to do once the request has ended (outside any lock: waiting for schema
 * agreement, or setting a new keyspace on every connection). A failure is thrown, not returned.
 *
 * <p>The two common outcomes are constants, so a step allocates nothing; the answer itself (a
 * {@code ResultSet}, or {@code Prepared} for a PREPARE) is held by the execution.
 */
sealed interface Outcome {

  /** The request goes on: a retry, a re-prepare, a next node, or other executions still running. */
  Outcome CONTINUE = Constant.CONTINUE;

  /** The request has its answer, ready as it is. */
  Outcome ANSWERED = Constant.ANSWERED;

  /** The constant outcomes. */
  enum Constant implements Outcome {
    CONTINUE,
    ANSWERED
  }

  /**
   * A schema change succeeded on {@code coordinator}: the answer says whether the live nodes agree
   * on the new schema, which is waited for (up to the cluster's maximum) once the request ended.
   */
  record SchemaChanged(SchemaChange change, DecodedResponse decoded, Connection coordinator)
      implements Outcome {}

  /**
   * A USE statement succeeded on {@code changed}: once the request ended, the new keyspace is set
   * on every other connection of the session before the answer (already built) is given.
   */
  record KeyspaceChanged(String keyspace, Connection changed) implements Outcome {}
}
