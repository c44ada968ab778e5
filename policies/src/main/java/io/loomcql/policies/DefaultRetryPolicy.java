package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.IsBootstrappingException;

/**
 * The driver's default retry behaviour: the Python driver's {@code cassandra.policies.RetryPolicy()}
 * class, the default of {@code ExecutionProfile.retry_policy} and {@code
 * Cluster.default_retry_policy}. It retries only where a retry is likely to succeed and cannot do
 * harm:
 *
 * <table>
 *   <caption>Decisions</caption>
 *   <tr><th>failure</th><th>decision</th></tr>
 *   <tr><td>read timeout</td><td>{@code RETRY_SAME_HOST} at the same level if it is the first
 *       retry ({@code retryNum == 0}), enough replicas answered ({@code received >= required}) but
 *       the data was not retrieved; otherwise {@code RETHROW}</td></tr>
 *   <tr><td>write timeout</td><td>{@code RETRY_SAME_HOST} at the same level if it is the first
 *       retry, the write type is {@link WriteType#BATCH_LOG} and the statement is idempotent;
 *       otherwise {@code RETHROW}</td></tr>
 *   <tr><td>unavailable</td><td>{@code RETRY_NEXT_HOST} at the same level if it is the first
 *       retry; otherwise {@code RETHROW}</td></tr>
 *   <tr><td>request error</td><td>{@code RETRY_NEXT_HOST}, without limit (the plan bounds it), if
 *       the statement is idempotent, is a PREPARE, or the error is {@code IsBootstrappingException};
 *       otherwise {@code RETHROW}</td></tr>
 * </table>
 *
 * <p>The Python driver's reasons, from its documentation:
 *
 * <ul>
 *   <li>Read timeout: "By default, operations will be retried at most once, and only if a
 *       sufficient number of replicas responded (with data digests)", that is, enough replicas
 *       answered but the one asked for the data did not. The coordinator most likely timed out
 *       waiting for that one replica while the others were fine, so a retry usually succeeds.
 *   <li>Write timeout: "By default, failed write operations will retried at most once, and they
 *       will only be retried if the write_type was BATCH_LOG." Other writes may have been applied
 *       on some replicas. A timeout writing the batch log means the coordinator did not apply the
 *       batch yet, but a batch-log replica that did store it may still replay it later, so unlike
 *       Python the retry is kept for idempotent statements, as any retry of a request that
 *       reached a server.
 *   <li>Unavailable: "By default, if this is the first retry, it triggers a retry on the next host
 *       in the query plan with the same consistency level. If this is not the first retry, no
 *       retries will be attempted and the error will be re-raised." Another coordinator may see
 *       more replicas alive, and nothing was executed, so the retry is always safe.
 *   <li>Request error: "By default, it triggers a retry on the next host in the query plan with the
 *       same consistency level." Here only for requests that cannot be applied twice: Python 3.25
 *       retries non-idempotent statements too, which may apply a write twice.
 * </ul>
 *
 * <p>Not final: as in Python, where custom policies subclass {@code RetryPolicy}, a subclass may
 * override the decisions it wants to change. Thread-safe and stateless.
 */
public class DefaultRetryPolicy implements RetryPolicy {

  /** The Python driver's default policy (Python: {@code RetryPolicy()}). */
  public DefaultRetryPolicy() {}

  /**
   * {@code RETRY_SAME_HOST} at {@code consistency} iff {@code retryNum == 0}, {@code
   * receivedResponses >= requiredResponses} and not {@code dataRetrieved}; else {@code RETHROW}.
   */
  @Override
  public RetryDecision onReadTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredResponses, int receivedResponses, boolean dataRetrieved, int retryNum) {
    if (retryNum != 0) {
      return RetryDecision.RETHROW;
    }
    if (receivedResponses >= requiredResponses && !dataRetrieved) {
      return RetryDecision.retrySameHost(consistency);
    }
    return RetryDecision.RETHROW;
  }

  /**
   * {@code RETRY_SAME_HOST} at {@code consistency} iff {@code retryNum == 0}, {@code writeType ==
   * BATCH_LOG} and the statement is idempotent (or absent); else {@code RETHROW}.
   */
  @Override
  public RetryDecision onWriteTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      WriteType writeType, int requiredResponses, int receivedResponses, int retryNum) {
    if (retryNum != 0 || !isIdempotent(statement)) {
      return RetryDecision.RETHROW;
    }
    if (writeType == WriteType.BATCH_LOG) {
      return RetryDecision.retrySameHost(consistency);
    }
    return RetryDecision.RETHROW;
  }

  /** {@code RETRY_NEXT_HOST} at the same level iff {@code retryNum == 0}; else {@code RETHROW}. */
  @Override
  public RetryDecision onUnavailable(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredReplicas, int aliveReplicas, int retryNum) {
    return retryNum == 0 ? RetryDecision.RETRY_NEXT_HOST : RetryDecision.RETHROW;
  }

  /**
   * {@code RETRY_NEXT_HOST} at the same level, whatever {@code retryNum}, if the statement is
   * idempotent or absent or the error is {@code IsBootstrappingException}; else {@code RETHROW}.
   */
  @Override
  public RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
      DriverException error, int retryNum) {
    return mayRetryAfter(statement, error) ? RetryDecision.RETRY_NEXT_HOST : RetryDecision.RETHROW;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "()";
  }

  /** Whether {@code statement} may be sent again: idempotent, or absent (a PREPARE). */
  static boolean isIdempotent(RoutingInfo statement) {
    return statement == null || statement.isIdempotent();
  }

  /**
   * Whether a request error allows sending {@code statement} again: it is idempotent or absent, or
   * the node refused it before executing it ({@code IsBootstrappingException}).
   */
  static boolean mayRetryAfter(RoutingInfo statement, DriverException error) {
    return isIdempotent(statement) || error instanceof IsBootstrappingException;
  }
}
