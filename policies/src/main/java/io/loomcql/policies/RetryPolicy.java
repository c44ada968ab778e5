package io.loomcql.policies;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.IsBootstrappingException;
import io.loomcql.OverloadedException;
import io.loomcql.ReadTimeoutException;
import io.loomcql.ServerErrorException;
import io.loomcql.TruncateException;
import io.loomcql.UnavailableException;
import io.loomcql.WriteTimeoutException;
import java.util.Objects;

/**
 * Decides what to do when an attempt of a request fails with one of the errors that may go away
 * on a retry (the Python driver's {@code cassandra.policies.RetryPolicy} interface). The Python
 * class is both the interface and the default behaviour; here the interface is {@code RetryPolicy}
 * and the default behaviour is {@link DefaultRetryPolicy} (Python's {@code RetryPolicy()}, the
 * default of {@code ExecutionProfile.retry_policy} and {@code Cluster.default_retry_policy}).
 * Others: {@link FallthroughRetryPolicy}, {@link NeverRetryPolicy}, {@link
 * DowngradingConsistencyRetryPolicy}.
 *
 * <h2>How the driver core uses it</h2>
 *
 * The core does not call the four methods itself: it calls {@link #decide(RetryPolicy,
 * RoutingInfo, ConsistencyLevel, Throwable, int)} with the error of the attempt, which picks the
 * method (as the Python driver does: the table below) and enforces the
 * idempotence rule below. Then it acts on the {@link RetryDecision}.
 *
 * <table>
 *   <caption>Which errors reach which method</caption>
 *   <tr><th>error</th><th>method</th></tr>
 *   <tr><td>{@code ReadTimeoutException} (0x1200)</td><td>{@link #onReadTimeout}</td></tr>
 *   <tr><td>{@code WriteTimeoutException} (0x1100)</td><td>{@link #onWriteTimeout}</td></tr>
 *   <tr><td>{@code UnavailableException} (0x1000)</td><td>{@link #onUnavailable}</td></tr>
 *   <tr><td>{@code OverloadedException} (0x1001), {@code IsBootstrappingException} (0x1002),
 *       {@code TruncateException} (0x1003), {@code ServerErrorException} with code 0x0000, a
 *       {@code ConnectionException} while the request was in flight (connection closed, defunct
 *       after a failed heartbeat or a bad frame)</td><td>{@link #onRequestError}</td></tr>
 *   <tr><td>anything else (syntax, invalid, unauthorized, read/write failures, client timeout,
 *       ...)</td><td>none: {@link RetryDecision#RETHROW}</td></tr>
 * </table>
 *
 * {@code Unprepared} errors never get here: the core re-prepares and retries transparently. Errors
 * before the request was written (no connection could be borrowed, the write failed) do not get
 * here either: the core moves to the next node of the plan, as Python's {@code send_request} does.
 *
 * <h2>Idempotence: never retry what may have been applied</h2>
 *
 * A statement that is not {@linkplain RoutingInfo#isIdempotent() idempotent} (the default) is never
 * sent again once it may have reached a server and been applied: {@link #decide} turns any retry
 * decision for a write timeout or a request error of a non-idempotent statement into {@link
 * RetryDecision#RETHROW}, whatever the policy returned; the shipped policies also return {@code
 * RETHROW} themselves in those cases. Exceptions: read timeouts and unavailable errors (a read, or
 * nothing executed at all), {@code IsBootstrappingException} (the node refused the request before
 * executing it) and a {@code PREPARE} (no statement; preparing twice is harmless). This is a
 * deliberate difference from Python 3.25, whose {@code on_request_error} retries every statement on
 * the next host.
 *
 * <h2>The retry number</h2>
 *
 * {@code retryNum} is how many times this request has already been retried (0 on the first
 * failure); every decision the core acts on with a retry increments it. Unlike Python 3.25 (which counts
 * over the whole request), the core counts per page: fetching the next page starts again from 0.
 *
 * <p>Implementations are shared by all requests and called concurrently from many threads: they
 * must be thread-safe, cheap and non-blocking, and should be stateless (the request's state is in
 * the arguments).
 */
public interface RetryPolicy {

  /**
   * A read timed out: the coordinator got fewer answers than the consistency level requires in
   * time, or not the data itself (Python: {@code on_read_timeout(query, consistency,
   * required_responses, received_responses, data_retrieved, retry_num)}).
   *
   * @param statement the statement, or null for a PREPARE
   * @param consistency the level of the failed read, as the server reported it (SERIAL or
   *     LOCAL_SERIAL for the read of a lightweight transaction)
   * @param requiredResponses how many replicas had to answer
   * @param receivedResponses how many did
   * @param dataRetrieved whether the replica asked for the data (not just a digest) answered
   * @param retryNum how many times this request was already retried
   * @return the decision, never null
   */
  RetryDecision onReadTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredResponses, int receivedResponses, boolean dataRetrieved, int retryNum);

  /**
   * A write timed out: fewer replicas than required acknowledged it in time; it may have been
   * applied on some of them (Python: {@code on_write_timeout(query, consistency, write_type,
   * required_responses, received_responses, retry_num)}).
   *
   * @param statement the statement, or null for a PREPARE
   * @param consistency the level of the failed write, as the server reported it
   * @param writeType the kind of write, or null if the server named one this driver does not know
   * @param requiredResponses how many acknowledgements were required
   * @param receivedResponses how many were received
   * @param retryNum how many times this request was already retried
   * @return the decision, never null
   */
  RetryDecision onWriteTimeout(RoutingInfo statement, ConsistencyLevel consistency,
      WriteType writeType, int requiredResponses, int receivedResponses, int retryNum);

  /**
   * The coordinator knew before trying that too few replicas were alive for the consistency level;
   * nothing was executed (Python: {@code on_unavailable(query, consistency, required_replicas,
   * alive_replicas, retry_num)}).
   *
   * @param statement the statement, or null for a PREPARE
   * @param consistency the level that could not be met, as the server reported it (SERIAL or
   *     LOCAL_SERIAL when the Paxos phase of a lightweight transaction failed)
   * @param requiredReplicas how many replicas had to be alive
   * @param aliveReplicas how many were known alive
   * @param retryNum how many times this request was already retried
   * @return the decision, never null
   */
  RetryDecision onUnavailable(RoutingInfo statement, ConsistencyLevel consistency,
      int requiredReplicas, int aliveReplicas, int retryNum);

  /**
   * The attempt failed with an error other than a timeout or unavailable that another node may not
   * have: overloaded, bootstrapping, truncate error, server error, or a connection failure while
   * the request was in flight (Python: {@code on_request_error(query, consistency, error,
   * retry_num)}).
   *
   * @param statement the statement, or null for a PREPARE
   * @param consistency the request's consistency level
   * @param error the error; not null
   * @param retryNum how many times this request was already retried
   * @return the decision, never null
   */
  RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
      DriverException error, int retryNum);

  /**
   * The decision for a failed attempt: asks {@code policy} through the method that matches {@code
   * error} (see the table above), then applies the idempotence rule. This is the driver core's
   * single entry point; it is the only place where the rule is enforced for user-supplied policies.
   *
   * <p>A {@code BusyConnectionException} (no stream id or connection available: nothing was sent)
   * gives {@link RetryDecision#RETRY_NEXT_HOST} without asking the policy, in case the core routes
   * it here.
   *
   * @param policy the request's retry policy; not null
   * @param statement the statement, or null for a PREPARE (which counts as idempotent)
   * @param consistency the request's consistency level, used for request errors and when the
   *     server did not report one; may be null
   * @param error the failure of the attempt; not null
   * @param retryNum how many times this request was already retried, zero or more
   * @return the decision, never null
   * @throws IllegalArgumentException if {@code retryNum} is negative
   * @throws NullPointerException if the policy returns null
   */
  static RetryDecision decide(RetryPolicy policy, RoutingInfo statement,
      ConsistencyLevel consistency, Throwable error, int retryNum) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(error, "error");
    if (retryNum < 0) {
      throw new IllegalArgumentException("retryNum must not be negative, got " + retryNum);
    }
    boolean idempotent = statement == null || statement.isIdempotent();
    RetryDecision decision;
    switch (error) {
      case ReadTimeoutException e -> {
        return Objects.requireNonNull(policy.onReadTimeout(statement,
            orElse(e.consistency(), consistency), e.requiredResponses(), e.receivedResponses(),
            e.dataRetrieved(), retryNum), "RetryPolicy.onReadTimeout returned null");
      }
      case WriteTimeoutException e -> decision = policy.onWriteTimeout(statement,
          orElse(e.consistency(), consistency), WriteType.fromName(e.writeType()).orElse(null),
          e.requiredResponses(), e.receivedResponses(), retryNum);
      case UnavailableException e -> {
        return Objects.requireNonNull(policy.onUnavailable(statement,
            orElse(e.consistency(), consistency), e.requiredReplicas(), e.aliveReplicas(),
            retryNum), "RetryPolicy.onUnavailable returned null");
      }
      case IsBootstrappingException e -> {
        return Objects.requireNonNull(policy.onRequestError(statement, consistency, e, retryNum),
            "RetryPolicy.onRequestError returned null");
      }
      case BusyConnectionException e -> {
        return RetryDecision.RETRY_NEXT_HOST;
      }
      case OverloadedException e ->
          decision = policy.onRequestError(statement, consistency, e, retryNum);
      case TruncateException e ->
          decision = policy.onRequestError(statement, consistency, e, retryNum);
      case ServerErrorException e when e.errorCode() == 0x0000 ->
          decision = policy.onRequestError(statement, consistency, e, retryNum);
      case ConnectionException e ->
          decision = policy.onRequestError(statement, consistency, e, retryNum);
      default -> {
        return RetryDecision.RETHROW;
      }
    }
    Objects.requireNonNull(decision, "RetryPolicy returned a null decision");
    return !idempotent && decision.isRetry() ? RetryDecision.RETHROW : decision;
  }

  private static ConsistencyLevel orElse(ConsistencyLevel reported, ConsistencyLevel request) {
    return reported != null ? reported : request;
  }
}
