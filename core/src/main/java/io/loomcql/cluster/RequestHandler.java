package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnpreparedException;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.policies.RetryDecision;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.policies.SpeculativeExecutionPlan;
import io.loomcql.policies.SpeculativeExecutionPolicy;
import io.loomcql.pool.Host;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.protocol.internal.VoidResult;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.PreparedInternals;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Carries one request (one page of one statement, or one PREPARE) to completion: walks the
 * execution profile's query plan, sends to the first node with an open connection, waits, turns
 * the response into its result or an exception, re-prepares on the same node when it has
 * forgotten a prepared statement, applies the retry policy's decision to failures (same node,
 * next node, rethrow, ignore, possibly at another consistency level) and, for idempotent
 * statements, sends speculative executions to further nodes of the plan while the first waits.
 *
 * <p>An <em>execution</em> is one chain of attempts: the first, and each speculative one; a retry
 * continues the chain that failed. All executions share the query plan (no node twice), the retry
 * count and the client deadline. The first result or final failure completes the request; the
 * attempts still in flight are then cancelled, orphaning their stream ids until the server
 * answers.
 *
 * <p>Two modes. {@link #executeBlocking}: every step runs on the caller's thread, which parks once
 * per wait and is unparked by whichever attempt answers first, by the timer for the next
 * speculative execution, or by a connection carrying an attempt when the deadline passes; no
 * other thread touches the handler's state. {@link #executeAsync}: steps run as tasks on the
 * callback executor (attempt outcomes, the speculative execution timer, the deadline passing),
 * serialized by {@link #lock}. Never on an I/O thread.
 */
final class RequestHandler implements Runnable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestHandler.class);

  /**
   * What stays the same across the attempts and pages of one statement: its execution profile,
   * its consistency level and how to build its message for a paging state, a protocol version and
   * a consistency level (which a retry policy may lower).
   */
  static class RequestBuilder {

    /** Builds the message. */
    interface Messages {
      Request build(ByteBuffer pagingState, ProtocolVersion version, ConsistencyLevel consistency);
    }

    final ExecutionProfile profile;
    final ConsistencyLevel consistency;
    private final Messages messages;

    /** {@code messages} may be null in a subclass that overrides {@link #build}. */
    RequestBuilder(ExecutionProfile profile, ConsistencyLevel consistency, Messages messages) {
      this.profile = profile;
      this.consistency = consistency;
      this.messages = messages;
    }

    Request build(ByteBuffer pagingState, ProtocolVersion version, ConsistencyLevel level) {
      return messages.build(pagingState, version, level);
    }
  }

  private final Session session;
  private final Statement statement;
  private final RoutingInfo routing;
  private final RequestBuilder builder;
  private final ByteBuffer pagingState;
  private final long deadlineNanos;
  private final long timeoutMillis;
  private final Iterator<Host> plan;
  private final RetryPolicy retryPolicy;
  private final SpeculativeExecutionPlan speculation;
  private final ResponseFuture future;
  private final int flags;
  private final Map<String, ByteBuffer> customPayload;
  private final long startNanos = System.nanoTime();
  // Only while a Flight Recorder recording wants request events (one field read otherwise).
  private final io.loomcql.cluster.internal.RequestEvent event =
      io.loomcql.cluster.internal.RequestEvent.enabled() ? beginEvent() : null;
  private final io.loomcql.metrics.Metrics metrics;
  /** Async mode only: serializes the steps, which run on the callback executor. */
  private final ReentrantLock lock;

  // Owned by the caller's thread (blocking) or guarded by lock (async).
  /** The error of each node that failed, in order; created by the first failure only. */
  private Map<InetSocketAddress, Throwable> errors;
  private final List<Attempt> running = new ArrayList<>(2);
  /** The nodes sent to, in order; a single one is kept without a list (the common case). */
  private InetSocketAddress firstAttempted;
  private List<InetSocketAddress> attempted;
  private ConsistencyLevel consistency;
  private int retries;
  private InetSocketAddress lastHost;
  private long nextSpeculationNanos = Long.MAX_VALUE;
  private Timeout speculationTimer;
  // Blocking mode: the timer that unparks the caller at wakeTimerAt (its task is this handler).
  private Thread caller;
  private Timeout wakeTimer;
  private long wakeTimerAt;
  private boolean done;

  RequestHandler(
      Session session,
      Statement statement,
      RoutingInfo routing,
      RequestBuilder builder,
      ByteBuffer pagingState,
      long timeoutMillis,
      ResponseFuture future) {
    this.session = session;
    this.statement = statement;
    this.routing = routing;
    this.builder = builder;
    this.pagingState = pagingState;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos =
        timeoutMillis <= 0 ? Long.MAX_VALUE : startNanos + timeoutMillis * 1_000_000;
    this.metrics = session.cluster().metrics();
    ExecutionProfile profile = builder.profile;
    this.consistency = builder.consistency;
    this.retryPolicy =
        statement.retryPolicy() != null ? statement.retryPolicy() : profile.retryPolicy();
    this.plan = session.queryPlan(statement, routing, profile);
    this.speculation =
        pagingState == null
            ? SpeculativeExecutionPolicy.planFor(
                profile.speculativeExecutionPolicy(), routing == null ? null : routing.keyspace(), routing)
            : SpeculativeExecutionPolicy.planFor(
                profile.speculativeExecutionPolicy(), null, routing);
    this.flags = statement.isTracing() ? Frame.FLAG_TRACING : 0;
    this.customPayload = statement.customPayload().isEmpty() ? null : statement.customPayload();
    this.future = future;
    this.lock = future == null ? null : new ReentrantLock();
  }

  // ------------------------------------------------------------------ blocking mode

  /** Runs the request on the calling thread; returns a ResultSet, or Prepared for a PREPARE. */
  Object executeBlocking() {
    ResponseFuture.checkNotIoThread();
    caller = Thread.currentThread();
    try {
      startExecution(false, true);
      boolean interrupted = false;
      try {
        while (true) {
          for (int i = 0; i < running.size(); i++) {
            Attempt attempt = running.get(i);
            if (attempt.outcome() != null) {
              running.remove(i--);
              Object result = process(attempt, false);
              if (result != null) {
                return succeed(result);
              }
            }
          }
          long now = System.nanoTime();
          if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
            throw timedOut();
          }
          if (nextSpeculationNanos != Long.MAX_VALUE && now - nextSpeculationNanos >= 0) {
            speculate(false);
            continue;
          }
          if (running.isEmpty()) {
            throw noHostAvailable();
          }
          // The connections carrying our attempts wake us at the deadline (Attempt.onDeadline);
          // the timer wheel wakes us for the next speculative execution. A timed park would
          // schedule and cancel a task in the JDK's delay scheduler, and wake its thread, on
          // every request.
          long wakeAt = nextSpeculationNanos;
          if (wakeAt != Long.MAX_VALUE && (wakeTimer == null || wakeTimerAt != wakeAt)) {
            if (wakeTimer != null) {
              wakeTimer.cancel();
            }
            wakeTimerAt = wakeAt;
            wakeTimer =
                running.get(0).connection.timer().schedule(
                    this, Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
          }
          LockSupport.park(this);
          if (Thread.interrupted()) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    } catch (RuntimeException e) {
      throw fail(e);
    }
  }

  /**
   * Blocking mode, on the timer's thread: the next speculative execution is due, so the caller
   * wakes up to act on it (a spurious wake-up is harmless: the caller re-checks).
   */
  @Override
  public void run() {
    LockSupport.unpark(caller);
  }

  // ------------------------------------------------------------------ async mode

  void executeAsync() {
    lock.lock();
    try {
      startExecution(true, true);
    } catch (RuntimeException e) {
      future.fail(fail(e));
    } finally {
      lock.unlock();
    }
  }

  /** An attempt's outcome arrived, or its deadline passed (callback executor). */
  private void onAsyncOutcome(Attempt attempt) {
    lock.lock();
    try {
      if (done) {
        return;
      }
      if (attempt.outcome() == null) {
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) {
          future.fail(fail(timedOut()));
        }
        return;
      }
      running.remove(attempt);
      Object result = process(attempt, true);
      if (result != null) {
        future.succeed((ResultSet) succeed(result));
      } else if (running.isEmpty() && !done) {
        throw noHostAvailable();
      }
    } catch (RuntimeException e) {
      future.fail(fail(e));
    } finally {
      lock.unlock();
    }
  }

  private void onSpeculationTimer() {
    lock.lock();
    try {
      if (!done) {
        speculate(true);
      }
    } catch (RuntimeException e) {
      future.fail(fail(e));
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ executions

  /**
   * Sends the request to the next node of the plan that has an open connection. For the first
   * execution an exhausted plan fails the request; for a speculative one it only means no more
   * executions.
   *
   * @return whether an attempt was sent
   */
  private boolean startExecution(boolean async, boolean first) {
    while (plan.hasNext()) {
      Host host = plan.next();
      if (sendTo(host, async)) {
        if (first) {
          scheduleSpeculation(host, async);
        }
        return true;
      }
    }
    if (first && running.isEmpty()) {
      throw noHostAvailable();
    }
    return false;
  }

  /** Sends the request on a connection of {@code host}; false (error recorded) if it has none. */
  private boolean sendTo(Host host, boolean async) {
    NodePool pool = session.pool(host);
    Connection connection = pool == null ? null : pool.borrow();
    if (connection == null) {
      recordError(
          host.endpoint(),
          new ConnectionException(
              pool == null
                  ? "No connection pool to this host (marked down, removed, ignored, or still connecting)"
                  : "No open connection",
              host.endpoint()));
      return false;
    }
    // Backpressure, as the Python driver's borrow_connection: when this node is the last that
    // can take the request (no other node left in the plan, no other execution running), a
    // blocking caller parks until the connection has room, at most until the request's deadline.
    // Otherwise a full connection fails the attempt at once and the next node is tried.
    long maxWait = 0;
    if (!async && running.isEmpty() && !plan.hasNext()) {
      maxWait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    }
    send(host, connection, null, async, maxWait);
    return true;
  }

  private void scheduleSpeculation(Host host, boolean async) {
    long delay = speculation.nextExecutionDelayNanos(host);
    if (delay < 0) {
      nextSpeculationNanos = Long.MAX_VALUE;
      return;
    }
    long at = System.nanoTime() + delay;
    if (deadlineNanos != Long.MAX_VALUE && at - deadlineNanos >= 0) {
      nextSpeculationNanos = Long.MAX_VALUE;
      return;
    }
    nextSpeculationNanos = at;
    if (async && !running.isEmpty()) {
      speculationTimer =
          running.get(running.size() - 1).connection.timer().schedule(
              () -> session.callbackExecutor().execute(this::onSpeculationTimer),
              delay,
              TimeUnit.NANOSECONDS);
    }
  }

  /** Starts a speculative execution on the next node of the plan, and schedules the one after. */
  private void speculate(boolean async) {
    nextSpeculationNanos = Long.MAX_VALUE;
    while (plan.hasNext()) {
      Host host = plan.next();
      if (sendTo(host, async)) {
        if (metrics != null) {
          metrics.onSpeculativeExecution();
        }
        scheduleSpeculation(host, async);
        return;
      }
    }
  }

  /** The node that gave the last answer (or failed last). */
  InetSocketAddress lastHost() {
    return lastHost;
  }

  /** Sends {@code request}, or the statement's own request when null, on {@code connection}. */
  private Attempt send(Host host, Connection connection, Request request, boolean async) {
    return send(host, connection, request, async, 0);
  }

  /** As above; a full connection makes the caller wait for room up to {@code maxWaitNanos}. */
  private Attempt send(
      Host host, Connection connection, Request request, boolean async, long maxWaitNanos) {
    Request message =
        request != null ? request : builder.build(pagingState, connection.protocolVersion(), consistency);
    Attempt attempt =
        async
            ? Attempt.async(host, connection, request != null, session.callbackExecutor(), this::onAsyncOutcome)
            : Attempt.blocking(host, connection, request != null);
    running.add(attempt);
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

  // ------------------------------------------------------------------ outcomes

  /**
   * Acts on the outcome of {@code attempt}: returns the request's result (a ResultSet or, for
   * PREPARE, the Prepared response), or null when the request goes on (a retry, a re-prepare, a
   * next node, or nothing when other executions are still running); throws when it failed for good.
   */
  private Object process(Attempt attempt, boolean async) {
    Object outcome = attempt.outcome();
    lastHost = attempt.connection.endpoint();
    if (outcome instanceof Throwable error) {
      return onFailure(attempt, error, async);
    }
    Frame frame = (Frame) outcome;
    DecodedResponse decoded = ResponseDecoder.decode(frame);
    Response response = decoded.response();
    if (attempt.reprepare) {
      if (response instanceof ErrorResponse error) {
        return onFailure(attempt, error.exception(), async);
      }
      checkReprepared(response);
      send(attempt.host, attempt.connection, null, async);
      return null;
    }
    if (response instanceof ErrorResponse error) {
      if (error.exception() instanceof UnpreparedException unprepared && !reprepared) {
        PreparedStatement target = findPrepared(unprepared.queryId());
        if (target != null) {
          reprepareTarget = target;
          send(attempt.host, attempt.connection, prepareRequest(), async);
          return null;
        }
      }
      return onFailure(attempt, error.exception(), async);
    }
    return toResult(attempt, frame, decoded, response);
  }

  /** A failed attempt: the retry policy decides; null when the request goes on. */
  private Object onFailure(Attempt attempt, Throwable error, boolean async) {
    InetSocketAddress host = attempt.connection.endpoint();
    recordError(host, error);
    countError(error);
    if (attempt.notSent()) {
      // Nothing reached the node (closed or busy connection): any statement may go elsewhere.
      return nextHostOrNothing(async);
    }
    RetryDecision decision =
        error instanceof RuntimeException
            ? RetryPolicy.decide(retryPolicy, routing, consistency, error, retries)
            : RetryDecision.RETHROW;
    switch (decision) {
      case RetryDecision.RetrySameHost retry -> {
        onRetry(retry.consistency());
        if (!sendTo(attempt.host, async)) {
          return nextHostOrNothing(async);
        }
        return null;
      }
      case RetryDecision.RetryNextHost retry -> {
        onRetry(retry.consistency());
        return nextHostOrNothing(async);
      }
      case RetryDecision.Ignore ignore -> {
        if (metrics != null) {
          metrics.onIgnore();
        }
        return resultSet(null, null, List.of(), true, null, null, host);
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

  /** Continues the failed execution on the next node; null in every case (or throws NoHostAvailable). */
  private Object nextHostOrNothing(boolean async) {
    while (plan.hasNext()) {
      if (sendTo(plan.next(), async)) {
        return null;
      }
    }
    if (running.isEmpty()) {
      throw noHostAvailable();
    }
    return null;
  }

  private NoHostAvailableException noHostAvailable() {
    return new NoHostAvailableException("Unable to complete the operation against any hosts", errors);
  }

  private OperationTimedOutException timedOut() {
    return new OperationTimedOutException(
        "No response from " + attemptedHosts() + " within " + timeoutMillis + " ms", errors,
        lastHost != null ? lastHost : attempted != null ? attempted.get(attempted.size() - 1) : firstAttempted);
  }

  /** Ends the request with a result: cancels the other attempts and timers. */
  private Object succeed(Object result) {
    finish();
    if (metrics != null) {
      metrics.onRequest(System.nanoTime() - startNanos);
    }
    observe(result, null);
    return result;
  }

  /** Ends the request with {@code error} (returned for throwing). */
  private RuntimeException fail(RuntimeException error) {
    if (!done) {
      finish();
      if (metrics != null) {
        if (error instanceof OperationTimedOutException) {
          metrics.onClientTimeout();
        }
        metrics.onRequest(System.nanoTime() - startNanos);
      }
      observe(null, error);
    }
    return error;
  }

  private static io.loomcql.cluster.internal.RequestEvent beginEvent() {
    io.loomcql.cluster.internal.RequestEvent event = new io.loomcql.cluster.internal.RequestEvent();
    event.begin();
    return event;
  }

  /** Tells the request logger and the Flight Recorder (when either listens) how it ended. */
  private void observe(Object result, RuntimeException error) {
    RequestLogger logger = session.cluster().requestLogger();
    if (logger != null) {
      logger.onRequestEnd(statement, lastHost, System.nanoTime() - startNanos, error);
    }
    io.loomcql.cluster.internal.RequestEvent recorded = event;
    if (recorded != null && recorded.shouldCommit()) {
      recorded.query = io.loomcql.cluster.internal.RequestEvent.queryText(queryText(statement));
      recorded.keyspace = statement.keyspace();
      recorded.consistency = consistency == null ? null : consistency.name();
      recorded.coordinator = lastHost == null ? null : lastHost.toString();
      recorded.attempts = attemptedHosts().size();
      recorded.rows = result instanceof ResultSet rs ? rs.currentRows().size() : 0;
      recorded.error = error == null ? null : error.toString();
      recorded.commit();
    }
  }

  private static String queryText(Statement statement) {
    return switch (statement) {
      case SimpleStatement simple -> simple.queryString();
      case BoundStatement bound -> bound.preparedStatement().queryString();
      case BatchStatement batch -> "BATCH " + batch.batchType() + " of " + batch.size();
    };
  }

  private void finish() {
    done = true;
    for (Attempt attempt : running) {
      attempt.cancel();
    }
    running.clear();
    if (speculationTimer != null) {
      speculationTimer.cancel();
    }
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
  }

  private PreparedStatement reprepareTarget;
  private boolean reprepared;

  private Request prepareRequest() {
    return new Prepare(reprepareTarget.queryString(), reprepareTarget.keyspace());
  }

  private void checkReprepared(Object result) {
    if (!(result instanceof Prepared prepared)
        || !Arrays.equals(prepared.queryId(), reprepareTarget.queryId())) {
      throw new DriverException(
          "ID mismatch while trying to reprepare " + reprepareTarget + " (got " + result
              + "); the statement changed on the server: prepare it again");
    }
    // The node may have re-prepared against a changed table: its columns are now the truth.
    List<ColumnSpec> columns = prepared.resultMetadata().columns();
    reprepareTarget.updateResultMetadata(
        prepared.resultMetadataId(), columns == null ? null : toDefinitions(columns));
    reprepared = true;
  }

  private void countError(Throwable e) {
    if (metrics == null) {
      return;
    }
    switch (e) {
      case ConnectionException c -> metrics.onConnectionError();
      case io.loomcql.WriteTimeoutException w -> metrics.onWriteTimeout();
      case io.loomcql.ReadTimeoutException r -> metrics.onReadTimeout();
      case io.loomcql.UnavailableException u -> metrics.onUnavailable();
      case io.loomcql.OverloadedException o -> metrics.onOtherError();
      case io.loomcql.IsBootstrappingException b -> metrics.onOtherError();
      case io.loomcql.TruncateException t -> metrics.onOtherError();
      case io.loomcql.ServerErrorException s -> metrics.onOtherError();
      default -> {}
    }
  }

  private Object toResult(Attempt attempt, Frame frame, DecodedResponse decoded, Response response) {
    InetSocketAddress host = attempt.connection.endpoint();
    List<String> warnings = decoded.warnings() == null ? List.of() : decoded.warnings();
    for (int i = 0; i < warnings.size(); i++) {
      // As the Python driver: what the server warns about (oversized batches, tombstones, ...)
      // is an operator's business, so it is logged as well as handed to the caller.
      LOG.warn("Server warning from {}: {}", attempt.connection.endpoint(), warnings.get(i));
    }
    return switch (response) {
      case Rows rows ->
          resultSet(toPage(rows, frame.version()), rows.metadata().pagingState(), warnings, true,
              decoded.tracingId(), decoded.customPayload(), host);
      case VoidResult v -> emptyResult(decoded, host);
      case SchemaChange change ->
          // DDL returns once every live node has the new schema (or maxSchemaAgreementWait passed),
          // so that the next statement finds it on whichever node coordinates. The check runs on
          // the coordinator's connection: it already has the new version, while another node may
          // still report the old one for everybody and look "agreed".
          resultSet(null, null, warnings,
              session.cluster().waitForSchemaAgreement(change, attempt.connection),
              decoded.tracingId(), decoded.customPayload(), host);
      case SetKeyspace setKeyspace -> {
        session.keyspaceChanged(setKeyspace.keyspace(), attempt.connection);
        yield emptyResult(decoded, host);
      }
      case Prepared prepared -> prepared;
      default ->
          throw new ProtocolException("Unexpected response from " + host + ": " + response);
    };
  }

  private ResultSet resultSet(
      RowsPage rows, ByteBuffer nextPagingState, List<String> warnings, boolean schemaAgreed,
      java.util.UUID tracingId, Map<String, ByteBuffer> payload, InetSocketAddress coordinator) {
    return new ResultSet(
        session, statement, builder, rows, nextPagingState, warnings, schemaAgreed, tracingId,
        payload, coordinator, firstAttempted, attempted == null ? null : List.copyOf(attempted));
  }

  private List<InetSocketAddress> attemptedHosts() {
    if (attempted != null) {
      return List.copyOf(attempted);
    }
    return firstAttempted == null ? List.of() : List.of(firstAttempted);
  }

  /** The prepared statement of this request that the node says it does not know. */
  private PreparedStatement findPrepared(byte[] id) {
    if (statement instanceof BoundStatement bound
        && Arrays.equals(bound.preparedStatement().queryId(), id)) {
      return bound.preparedStatement();
    }
    if (statement instanceof BatchStatement batch) {
      for (Statement child : batch.statements()) {
        if (child instanceof BoundStatement bound
            && Arrays.equals(bound.preparedStatement().queryId(), id)) {
          return bound.preparedStatement();
        }
      }
    }
    return null;
  }

  private ResultSet emptyResult(DecodedResponse decoded, InetSocketAddress host) {
    return resultSet(
        null, null, decoded.warnings(), true, decoded.tracingId(), decoded.customPayload(), host);
  }

  private RowsPage toPage(Rows rows, ProtocolVersion version) {
    RowsMetadata metadata = rows.metadata();
    ColumnDefinitions columns;
    io.loomcql.protocol.internal.codec.TypeCodec<?>[] codecs = null;
    if (metadata.columns() != null) {
      columns = toDefinitions(metadata.columns());
      if (metadata.newResultMetadataId() != null && statement instanceof BoundStatement bound) {
        bound.preparedStatement().updateResultMetadata(metadata.newResultMetadataId(), columns);
      }
    } else if (statement instanceof BoundStatement bound
        && bound.preparedStatement().resultColumnsOrNull() != null) {
      columns = bound.preparedStatement().resultColumnsOrNull();
      codecs = PreparedInternals.resultCodecs(bound.preparedStatement(), columns);
    } else {
      throw new ProtocolException(
          "The server sent rows without column metadata for " + statement
              + ", but the driver did not ask it to skip them");
    }
    if (columns.size() != rows.columnCount()) {
      throw new ProtocolException(
          "Rows have " + rows.columnCount() + " columns but their metadata describes " + columns.size());
    }
    return new RowsPage(columns, rows, version, session.cluster().userTypes(), codecs);
  }

  static ColumnDefinitions toDefinitions(List<ColumnSpec> specs) {
    List<ColumnDefinition> columns = new ArrayList<>(specs.size());
    for (ColumnSpec spec : specs) {
      columns.add(new ColumnDefinition(spec.keyspace(), spec.table(), spec.name(), spec.type()));
    }
    return new ColumnDefinitions(columns);
  }
}
