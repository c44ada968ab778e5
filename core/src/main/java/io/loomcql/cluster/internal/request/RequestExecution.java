package io.loomcql.cluster.internal.request;

import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.UnpreparedException;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.cluster.internal.RequestEvent;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.node.Host;
import io.loomcql.policies.RetryDecision;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.policies.SpeculativeExecutionPlan;
import io.loomcql.policies.SpeculativeExecutionPolicy;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.spi.Connection;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state machine that carries one request (one page of one statement, or one PREPARE) to
 * completion: walks the query plan, sends to the first node with an open connection, turns each
 * attempt's outcome into the next step ({@link Outcome}), re-prepares on the same node when it
 * has forgotten a prepared statement, applies the retry policy's decision to failures (same node,
 * next node, rethrow, ignore, possibly at another consistency level) and, for idempotent
 * statements, starts speculative executions on further nodes of the plan while the first waits.
 *
 * <p>An <em>execution</em> is one chain of attempts: the first, and each speculative one; a retry
 * continues the chain that failed. All executions share the query plan (no node twice), the retry
 * count and the client deadline. The first answer or final failure ends the request; the
 * attempts still in flight are then cancelled, orphaning their stream ids until the server
 * answers.
 *
 * <p>Two drivers run it and own its state: {@link BlockingRequest} on the caller's thread (which
 * parks between steps), {@link AsyncRequest} as steps on the callback executor, serialized by a
 * lock. What to do with the answer that may block (schema agreement, a new keyspace on every
 * connection) is done by the driver after the request ended, never inside a step.
 */
abstract sealed class RequestExecution permits BlockingRequest, AsyncRequest {

  final RequestContext context;
  final Statement statement;
  final RequestTemplate template;
  final long deadlineNanos;
  private final RoutingInfo routing;
  private final ByteBuffer pagingState;
  private final long timeoutMillis;
  private final Iterator<Host> plan;
  private final RetryPolicy retryPolicy;
  private final SpeculativeExecutionPlan speculation;
  private final int flags;
  private final Map<String, ByteBuffer> customPayload;
  private final long startNanos;
  // Only while a Flight Recorder recording wants request events (one field read otherwise).
  private final RequestEvent event = RequestEvent.enabled() ? beginEvent() : null;
  final MetricsRecorder metrics;

  // Owned by the driver: the caller's thread (blocking) or whoever holds the lock (async).
  /** The error of each node that failed, in order; created by the first failure only. */
  private Map<InetSocketAddress, Throwable> errors;
  /** The oldest attempt in flight (null when none), kept without a list: usually the only one. */
  private Attempt running;
  /** The younger attempts in flight, oldest first (speculative executions); made by the first. */
  private List<Attempt> moreRunning;
  /** The nodes sent to, in order; a single one is kept without a list (the common case). */
  private InetSocketAddress firstAttempted;
  private List<InetSocketAddress> attempted;
  private ConsistencyLevel consistency;
  private int retries;
  private InetSocketAddress lastHost;
  /** When the next speculative execution is due (context clock), Long.MAX_VALUE for never. */
  long nextSpeculationNanos = Long.MAX_VALUE;
  boolean done;
  /** The answer once a step returned {@link Outcome#ANSWERED}: a result set, or for PREPARE... */
  ResultSet result;
  /** ...the PREPARED response. */
  Prepared prepared;
  private PreparedStatement reprepareTarget;
  private boolean reprepared;

  RequestExecution(
      RequestContext context,
      Statement statement,
      RoutingInfo routing,
      RequestTemplate template,
      ByteBuffer pagingState,
      long timeoutMillis) {
    this.context = context;
    this.statement = statement;
    this.routing = routing;
    this.template = template;
    this.pagingState = pagingState;
    this.timeoutMillis = timeoutMillis;
    this.startNanos = context.nanoTime();
    this.deadlineNanos =
        timeoutMillis <= 0 ? Long.MAX_VALUE : startNanos + timeoutMillis * 1_000_000;
    this.metrics = context.metrics();
    this.consistency = template.consistency();
    this.retryPolicy =
        statement.retryPolicy() != null ? statement.retryPolicy() : template.profile().retryPolicy();
    this.plan = context.queryPlan(statement, routing, template.profile());
    SpeculativeExecutionPolicy policy = template.profile().speculativeExecutionPolicy();
    this.speculation =
        pagingState == null
            ? SpeculativeExecutionPolicy.planFor(policy, routing == null ? null : routing.keyspace(), routing)
            : SpeculativeExecutionPolicy.planFor(policy, null, routing);
    this.flags = statement.isTracing() ? Frame.FLAG_TRACING : 0;
    this.customPayload = statement.customPayload().isEmpty() ? null : statement.customPayload();
  }

  // ------------------------------------------------------------------ what the drivers provide

  /** A new attempt on {@code connection} whose outcome reaches this driver. */
  abstract Attempt newAttempt(Host host, Connection connection, boolean reprepare);

  /**
   * Whether sending may wait for room on a full connection when its node is the last that can
   * take the request (a blocking caller may park; an async step must not).
   */
  abstract boolean waitsForRoom();

  /** The next speculative execution is due in {@code delayNanos}, after one sent on {@code on}. */
  abstract void speculationScheduled(Connection on, long delayNanos);

  /** Cancels the driver's timers once the request ended. */
  abstract void cancelTimers();

  // ------------------------------------------------------------------ executions

  /** Starts the first execution; an exhausted plan fails the request (thrown). */
  final void start() {
    if (!startExecution() && running == null) {
      throw noHostAvailable();
    }
  }

  /** Starts a speculative execution on the next node of the plan, and schedules the one after. */
  final void speculate() {
    nextSpeculationNanos = Long.MAX_VALUE;
    if (startExecution() && metrics != null) {
      metrics.onSpeculativeExecution();
    }
  }

  /** Sends to the next node of the plan with an open connection; false if there is none left. */
  private boolean startExecution() {
    while (plan.hasNext()) {
      Host host = plan.next();
      Attempt attempt = sendTo(host);
      if (attempt != null) {
        scheduleSpeculation(host, attempt.connection);
        return true;
      }
    }
    return false;
  }

  /** Sends the request on a connection of {@code host}; null (error recorded) if it has none. */
  private Attempt sendTo(Host host) {
    NodePool pool = context.pool(host);
    Connection connection = pool == null ? null : pool.borrow();
    if (connection == null) {
      recordError(
          host.endpoint(),
          new ConnectionException(
              pool == null
                  ? "No connection pool to this host (marked down, removed, ignored, or still connecting)"
                  : "No open connection",
              host.endpoint()));
      return null;
    }
    // Backpressure, as the Python driver's borrow_connection: when this node is the last that
    // can take the request (no other node left in the plan, no other execution running), a
    // blocking caller parks until the connection has room, at most until the request's deadline.
    // Otherwise a full connection fails the attempt at once and the next node is tried.
    long maxWait = 0;
    if (running == null && !plan.hasNext() && waitsForRoom()) {
      maxWait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - context.nanoTime();
    }
    return send(host, connection, null, maxWait);
  }

  private void scheduleSpeculation(Host host, Connection on) {
    long delay = speculation.nextExecutionDelayNanos(host);
    if (delay < 0) {
      nextSpeculationNanos = Long.MAX_VALUE;
      return;
    }
    long at = context.nanoTime() + delay;
    if (deadlineNanos != Long.MAX_VALUE && at - deadlineNanos >= 0) {
      nextSpeculationNanos = Long.MAX_VALUE;
      return;
    }
    nextSpeculationNanos = at;
    speculationScheduled(on, delay);
  }

  /**
   * Sends {@code request} (a re-PREPARE), or the statement's own message when null, on {@code
   * connection}; a full connection makes the caller wait for room up to {@code maxWaitNanos}.
   */
  private Attempt send(Host host, Connection connection, Request request, long maxWaitNanos) {
    Request message =
        request != null ? request : template.build(pagingState, connection.protocolVersion(), consistency);
    Attempt attempt = newAttempt(host, connection, request != null);
    addRunning(attempt);
    InetSocketAddress endpoint = host.endpoint();
    if (firstAttempted == null) {
      firstAttempted = endpoint;
    } else if (attempted == null) {
      if (!firstAttempted.equals(endpoint)) {
        attempted = new ArrayList<>(4);
        attempted.add(firstAttempted);
        attempted.add(endpoint);
      }
    } else if (!attempted.get(attempted.size() - 1).equals(endpoint)) {
      attempted.add(endpoint);
    }
    boolean ownRequest = request == null;
    attempt.sent(
        connection.send(
            message, ownRequest ? flags : 0, ownRequest ? customPayload : null, attempt, maxWaitNanos,
            deadlineNanos));
    return attempt;
  }

  // ------------------------------------------------------------------ attempts in flight

  private void addRunning(Attempt attempt) {
    if (running == null) {
      running = attempt;
    } else {
      if (moreRunning == null) {
        moreRunning = new ArrayList<>(2);
      }
      moreRunning.add(attempt);
    }
  }

  /** {@code attempt} is no longer in flight (its outcome arrived). */
  final void removeRunning(Attempt attempt) {
    if (running == attempt) {
      running = moreRunning == null || moreRunning.isEmpty() ? null : moreRunning.remove(0);
    } else if (moreRunning != null) {
      moreRunning.remove(attempt);
    }
  }

  /** The oldest attempt in flight whose outcome arrived, no longer in flight; null if none. */
  final Attempt takeAnswered() {
    Attempt oldest = running;
    if (oldest != null && oldest.outcome() != null) {
      removeRunning(oldest);
      return oldest;
    }
    if (moreRunning != null) {
      for (int i = 0; i < moreRunning.size(); i++) {
        Attempt attempt = moreRunning.get(i);
        if (attempt.outcome() != null) {
          moreRunning.remove(i);
          return attempt;
        }
      }
    }
    return null;
  }

  /** The oldest attempt in flight, null when none is. */
  final Attempt oldestRunning() {
    return running;
  }

  // ------------------------------------------------------------------ steps

  /**
   * Acts on the outcome of {@code attempt} (no longer in flight, see {@link #takeAnswered}): the request
   * goes on ({@link Outcome#CONTINUE}: a retry, a re-prepare, a next node, or nothing while other
   * executions run) or has its answer; throws when it failed for good.
   */
  final Outcome onOutcome(Attempt attempt) {
    Object outcome = attempt.outcome();
    lastHost = attempt.connection.endpoint();
    if (outcome instanceof Throwable error) {
      return onFailure(attempt, error);
    }
    Frame frame = (Frame) outcome;
    DecodedResponse decoded = ResponseDecoder.decode(frame);
    Response response = decoded.response();
    if (attempt.reprepare) {
      if (response instanceof ErrorResponse error) {
        return onFailure(attempt, error.exception());
      }
      ResponseMapper.checkReprepared(reprepareTarget, response);
      reprepared = true;
      send(attempt.host, attempt.connection, null, 0);
      return Outcome.CONTINUE;
    }
    if (response instanceof ErrorResponse error) {
      if (error.exception() instanceof UnpreparedException unprepared && !reprepared) {
        PreparedStatement target = ResponseMapper.findPrepared(statement, unprepared.queryId());
        if (target != null) {
          reprepareTarget = target;
          send(attempt.host, attempt.connection, ResponseMapper.prepareOf(target), 0);
          return Outcome.CONTINUE;
        }
      }
      return onFailure(attempt, error.exception());
    }
    return ResponseMapper.map(this, attempt.connection, frame, decoded);
  }

  /** A failed attempt: the retry policy decides. */
  private Outcome onFailure(Attempt attempt, Throwable error) {
    InetSocketAddress host = attempt.connection.endpoint();
    recordError(host, error);
    ResponseMapper.countError(metrics, error);
    if (attempt.notSent()) {
      // Nothing reached the node (closed or busy connection): any statement may go elsewhere.
      return nextHost();
    }
    RetryDecision decision =
        error instanceof RuntimeException
            ? RetryPolicy.decide(retryPolicy, routing, consistency, error, retries)
            : RetryDecision.RETHROW;
    switch (decision) {
      case RetryDecision.RetrySameHost retry -> {
        onRetry(retry.consistency());
        return sendTo(attempt.host) != null ? Outcome.CONTINUE : nextHost();
      }
      case RetryDecision.RetryNextHost retry -> {
        onRetry(retry.consistency());
        return nextHost();
      }
      case RetryDecision.Ignore ignore -> {
        if (metrics != null) {
          metrics.onIgnore();
        }
        result = resultSet(null, null, List.of(), true, null, null, host);
        return Outcome.ANSWERED;
      }
      case RetryDecision.Rethrow rethrow -> {
        if (error instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new DriverException("Request to " + host + " failed: " + error, error);
      }
    }
  }

  private void recordError(InetSocketAddress host, Throwable error) {
    if (errors == null) {
      errors = new LinkedHashMap<>(4);
    }
    errors.put(host, error);
  }

  private void onRetry(ConsistencyLevel level) {
    retries++;
    if (level != null) {
      consistency = level;
    }
    if (metrics != null) {
      metrics.onRetry();
    }
  }

  /** Continues the failed execution on the next node (throws NoHostAvailable when none is left). */
  private Outcome nextHost() {
    while (plan.hasNext()) {
      if (sendTo(plan.next()) != null) {
        return Outcome.CONTINUE;
      }
    }
    if (running == null) {
      throw noHostAvailable();
    }
    return Outcome.CONTINUE;
  }

  final NoHostAvailableException noHostAvailable() {
    return new NoHostAvailableException("Unable to complete the operation against any hosts", errors);
  }

  final OperationTimedOutException timedOut() {
    return new OperationTimedOutException(
        "No response from " + attemptedHosts() + " within " + timeoutMillis + " ms", errors,
        lastHost != null ? lastHost : attempted != null ? attempted.get(attempted.size() - 1) : firstAttempted);
  }

  /** Whether the client deadline has passed. */
  final boolean deadlinePassed() {
    return deadlineNanos != Long.MAX_VALUE && context.nanoTime() - deadlineNanos >= 0;
  }

  // ------------------------------------------------------------------ the end

  /** Ends the request: cancels the attempts still in flight and the timers. */
  final void end() {
    done = true;
    if (running != null) {
      running.cancel();
      running = null;
    }
    if (moreRunning != null) {
      for (int i = 0; i < moreRunning.size(); i++) {
        moreRunning.get(i).cancel();
      }
      moreRunning.clear();
    }
    cancelTimers();
  }

  /** Ends the request with {@code error} (returned for throwing), unless it had ended already. */
  final RuntimeException fail(RuntimeException error) {
    if (!done) {
      end();
      observeEnd(error);
    }
    return error;
  }

  /**
   * After a step answered and the request ended ({@link #end()}, outside any lock): does what the
   * answer asks (schema agreement, a keyspace for every connection), counts and logs the request,
   * and leaves the answer in {@link #result} or {@link #prepared}.
   *
   * @throws RuntimeException when the remaining work failed (the request failed)
   */
  final void complete(Outcome outcome) {
    try {
      switch (outcome) {
        case Outcome.Constant constant -> {}
        case Outcome.SchemaChanged change -> {
          // DDL returns once every live node has the new schema (or the maximum wait passed), so
          // that the next statement finds it on whichever node coordinates. The check runs on the
          // coordinator's connection: it already has the new version, while another node may
          // still report the old one for everybody and look "agreed".
          boolean agreed = context.waitForSchemaAgreement(change.change(), change.coordinator());
          result = ResponseMapper.schemaChangeResult(this, change, agreed);
        }
        case Outcome.KeyspaceChanged use -> context.keyspaceChanged(use.keyspace(), use.changed());
      }
    } catch (RuntimeException e) {
      observeEnd(e);
      throw e;
    }
    observeEnd(null);
  }

  /** Counts the ended request and tells the logger and the Flight Recorder (when either listens). */
  private void observeEnd(RuntimeException error) {
    long elapsed = context.nanoTime() - startNanos;
    if (metrics != null) {
      if (error instanceof OperationTimedOutException) {
        metrics.onClientTimeout();
      }
      metrics.onRequest(elapsed);
    }
    context.requestEnded(statement, lastHost, elapsed, error);
    RequestEvent recorded = event;
    if (recorded != null && recorded.shouldCommit()) {
      recorded.query = RequestEvent.queryText(ResponseMapper.queryText(statement));
      recorded.keyspace = statement.keyspace();
      recorded.consistency = consistency == null ? null : consistency.name();
      recorded.coordinator = lastHost == null ? null : lastHost.toString();
      recorded.attempts = attemptedHosts().size();
      recorded.rows = result != null ? result.currentRows().size() : 0;
      recorded.error = error == null ? null : error.toString();
      recorded.commit();
    }
  }

  private static RequestEvent beginEvent() {
    RequestEvent event = new RequestEvent();
    event.begin();
    return event;
  }

  // ------------------------------------------------------------------ for the mapper

  /** The result set of one answer, with the nodes this request went to. */
  final ResultSet resultSet(
      RowsPage rows, ByteBuffer nextPagingState, List<String> warnings,
      boolean schemaAgreed, UUID tracingId, Map<String, ByteBuffer> payload,
      InetSocketAddress coordinator) {
    return context.resultSet(
        statement, template, rows, nextPagingState, warnings, schemaAgreed, tracingId, payload,
        coordinator, firstAttempted, attempted == null ? null : List.copyOf(attempted));
  }

  private List<InetSocketAddress> attemptedHosts() {
    if (attempted != null) {
      return List.copyOf(attempted);
    }
    return firstAttempted == null ? List.of() : List.of(firstAttempted);
  }

  /** The node that gave the last answer (or failed last); null before any. */
  public final InetSocketAddress lastHost() {
    return lastHost;
  }
}
