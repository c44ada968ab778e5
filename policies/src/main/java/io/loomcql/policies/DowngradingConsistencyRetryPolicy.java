package io.loomcql.policies;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sometimes retries at a lower consistency level than the one requested (the Python driver's
 * {@code cassandra.policies.DowngradingConsistencyRetryPolicy}, deprecated there: constructing one
 * warns "DowngradingConsistencyRetryPolicy is deprecated and will be removed in the next major
 * release"; here the first construction in a JVM logs that warning).
 *
 * <p>From the Python driver's documentation: "<b>BEWARE</b>: This policy may retry queries using a lower
 * consistency level than the one initially requested. By doing so, it may break consistency
 * guarantees. In other words, if you use this retry policy, there are cases (documented below)
 * where a read at QUORUM <i>may not</i> see a preceding write at QUORUM. Do not use this policy
 * unless you have understood the cases where this can happen and are ok with that." Its reasoning:
 * "if, based on the information the Cassandra coordinator node returns, retrying the operation
 * with the initially requested consistency has a chance to succeed, do it. Otherwise, if based on
 * that information we know the initially requested consistency level cannot be achieved
 * currently, then: For writes, ignore the exception (thus silently failing the consistency
 * requirement) if we know the write has been persisted on at least one replica. For reads, try
 * reading at a lower consistency level (thus silently failing the consistency requirement)."
 *
 * <h2>Decisions</h2>
 *
 * Every method returns {@code RETHROW} once {@code retryNum != 0}. On the first failure:
 *
 * <ul>
 *   <li>Read timeout: serial level (the read of a lightweight transaction) → {@code RETHROW}
 *       ("Downgrading does not make sense for a CAS read query"); fewer answers than required →
 *       {@code RETRY_SAME_HOST} at the level those answers allow (below); enough answers but no
 *       data → {@code RETRY_SAME_HOST} at the same level; otherwise {@code RETHROW}.
 *   <li>Write timeout: {@link WriteType#SIMPLE}, {@link WriteType#BATCH}, {@link
 *       WriteType#COUNTER} → {@code IGNORE} if at least one replica acknowledged ("persisted on at
 *       least one replica"), else {@code RETHROW}; {@link WriteType#UNLOGGED_BATCH} → {@code
 *       RETRY_SAME_HOST} at the level the acknowledgements allow; {@link WriteType#BATCH_LOG} →
 *       {@code RETRY_SAME_HOST} at the same level; any other type → {@code RETHROW}. The two
 *       retries are for idempotent statements only (a non-idempotent one gets {@code RETHROW});
 *       {@code IGNORE} sends nothing again and is kept.
 *   <li>Unavailable: serial level ("failed at the paxos phase of a LWT") → {@code RETRY_NEXT_HOST}
 *       at the same level; otherwise {@code RETRY_SAME_HOST} at the level the alive replicas
 *       allow.
 *   <li>Request error: as {@link DefaultRetryPolicy#onRequestError} (inherited in Python).
 * </ul>
 *
 * The level a count of replicas allows: 3 or more → {@link ConsistencyLevel#THREE}, 2 → {@link
 * ConsistencyLevel#TWO}, 1 → {@link ConsistencyLevel#ONE}, 0 → {@code RETHROW} instead of a retry.
 *
 * <p>Thread-safe and stateless.
 *
 * @deprecated as in the Python driver: it silently weakens the consistency the application asked
 *     for. Prefer {@link DefaultRetryPolicy} and choose the consistency level explicitly.
 */
@Deprecated
public final class DowngradingConsistencyRetryPolicy implements RetryPolicy {

  private static final Logger LOG =
      LoggerFactory.getLogger(DowngradingConsistencyRetryPolicy.class);

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /** The policy (Python: {@code DowngradingConsistencyRetryPolicy()}); warns once per JVM. */
  public DowngradingConsistencyRetryPolicy() {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("DowngradingConsistencyRetryPolicy is deprecated and will be removed in the next "
          + "major release.");
    }
  }

  /** See the class comment: downgrade by the answers received, never for a serial read. */
  @Override
  public RetryDecision onReadTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredResponses, int receivedResponses, boolean dataRetrieved, int retryNum) {
    if (retryNum != 0) {
      return RetryDecision.RETHROW;
    }
    if (consistency != null && consistency.isSerial()) {
      return RetryDecision.RETHROW;
    }
    if (receivedResponses < requiredResponses) {
      return pickConsistency(receivedResponses);
    }
    if (!dataRetrieved) {
      return RetryDecision.retrySameHost(consistency);
    }
    return RetryDecision.RETHROW;
  }

  /** See the class comment: ignore acknowledged simple writes, downgrade unlogged batches. */
  @Override
  public RetryDecision onWriteTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      WriteType writeType, int requiredResponses, int receivedResponses, int retryNum) {
    if (retryNum != 0 || writeType == null) {
      return RetryDecision.RETHROW;
    }
    return switch (writeType) {
      case SIMPLE, BATCH, COUNTER ->
          receivedResponses > 0 ? RetryDecision.IGNORE : RetryDecision.RETHROW;
      case UNLOGGED_BATCH -> DefaultRetryPolicy.isIdempotent(statement)
          ? pickConsistency(receivedResponses)
          : RetryDecision.RETHROW;
      case BATCH_LOG -> DefaultRetryPolicy.isIdempotent(statement)
          ? RetryDecision.retrySameHost(consistency)
          : RetryDecision.RETHROW;
      default -> RetryDecision.RETHROW;
    };
  }

  /** See the class comment: next host for a serial level, else downgrade by alive replicas. */
  @Override
  public RetryDecision onUnavailable(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredReplicas, int aliveReplicas, int retryNum) {
    if (retryNum != 0) {
      return RetryDecision.RETHROW;
    }
    if (consistency != null && consistency.isSerial()) {
      return RetryDecision.RETRY_NEXT_HOST;
    }
    return pickConsistency(aliveReplicas);
  }

  /** As {@link DefaultRetryPolicy#onRequestError}. */
  @Override
  public RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
      DriverException error, int retryNum) {
    return DefaultRetryPolicy.mayRetryAfter(statement, error)
        ? RetryDecision.RETRY_NEXT_HOST
        : RetryDecision.RETHROW;
  }

  @Override
  public String toString() {
    return "DowngradingConsistencyRetryPolicy()";
  }

  /** Python's {@code _pick_consistency(num_responses)}. */
  private static RetryDecision pickConsistency(int responses) {
    if (responses >= 3) {
      return RetryDecision.retrySameHost(ConsistencyLevel.THREE);
    }
    if (responses == 2) {
      return RetryDecision.retrySameHost(ConsistencyLevel.TWO);
    }
    if (responses == 1) {
      return RetryDecision.retrySameHost(ConsistencyLevel.ONE);
    }
    return RetryDecision.RETHROW;
  }
}
