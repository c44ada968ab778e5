package io.loomcql.cluster;

import static io.loomcql.cluster.RequestTemplates.millis;
import static io.loomcql.cluster.RequestTemplates.timeoutOf;

import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ServerException;
import io.loomcql.SyntaxException;
import io.loomcql.cluster.internal.ConcurrentExecution;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.cluster.internal.PreparedRegistry;
import io.loomcql.cluster.internal.SessionKeyspace;
import io.loomcql.cluster.internal.SessionPools;
import io.loomcql.cluster.internal.request.AsyncRequest;
import io.loomcql.cluster.internal.request.BlockingRequest;
import io.loomcql.cluster.internal.request.DirectRequests;
import io.loomcql.cluster.internal.request.RequestContext;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.concurrent.ExecutionResult;
import io.loomcql.encoder.Encoder;
import io.loomcql.encoder.internal.SessionEncoder;
import io.loomcql.policies.HostFilterPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.node.Host;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.transport.spi.Connection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes statements against a cluster, the Java form of the Python driver's
 * {@code cassandra.cluster.Session}. Created by {@link Cluster#connect}; holds a pool of
 * connections per node. Thread-safe and meant to be shared: thousands of virtual threads may call
 * {@link #execute} at once, each parking (not blocking a carrier) until its response arrives.
 *
 * <p>Execution profiles: a statement runs with the profile it names ({@code
 * Statement.setExecutionProfile}, by name or instance), else the one passed to {@code execute},
 * else this session's default profile. That default starts as the cluster's {@link
 * Cluster#EXEC_PROFILE_DEFAULT} profile; {@link #setDefaultTimeout}, {@link
 * #setDefaultConsistencyLevel}, {@link #setDefaultSerialConsistencyLevel} and {@link
 * #setRowFactory} change this session's copy of it (the Python driver's "legacy" session
 * attributes, which there cannot be mixed with profiles, are here simply the default profile's
 * values). The statement's own settings (consistency, serial consistency, timeout, retry policy)
 * win over its profile's.
 */
public final class Session extends SessionDefaults implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final Cluster cluster;
  /** What this session's requests need from it. */
  private final RequestContext requests = new SessionRequests(this);
  private final Encoder encoder;
  private final SessionPools pools;
  private final PreparedRegistry preparedStatements;
  private final CopyOnWriteArrayList<Consumer<ResponseFuture>> requestInitListeners =
      new CopyOnWriteArrayList<>();
  private final SessionKeyspace currentKeyspace;
  private volatile boolean shutdown;

  Session(Cluster cluster, String keyspace, boolean waitForAllPools) {
    super(cluster.profiles());
    this.cluster = cluster;
    this.encoder = new SessionEncoder(cluster.userTypes(), cluster::metadata);
    this.currentKeyspace =
        new SessionKeyspace(
            keyspace, (connection, use) -> DirectRequests.send(connection, use, defaultProfile.requestTimeout()));
    Codecs.resolveValueClasses();
    RequestTemplates.loadClasses();
    this.pools = new SessionPools(cluster.runtime(), cluster.poolsView(), currentKeyspace::setUp, this::onPoolOpened);
    this.preparedStatements = new PreparedRegistry(requests, pools, cluster.runtime(), cluster.userTypes());
    pools.open(waitForAllPools, keyspace);
  }

  /** Re-prepares this session's statements on a pool that (re)opened, if the cluster does. */
  private void onPoolOpened(NodePool pool) {
    if (cluster.reprepareOnUp()) {
      preparedStatements.reprepareOn(pool);
    }
  }

  /**
   * Brings the pools in line with the nodes' distances (Python: {@code
   * Session.update_created_pools}): opens pools to live nodes that are no longer ignored, closes
   * those of ignored nodes, and resizes the others to their distance's core size. The driver does
   * this itself when nodes come, go or change state and when a profile is added; call it after
   * changing what a load-balancing policy decides on its own, such as the predicate of a {@link
   * HostFilterPolicy}. Does nothing on a shut-down session.
   *
   * @return a new future, completed once every pool this call opens is open or has failed to open
   *     (a failed node is marked down and reconnected on the reconnection policy's schedule);
   *     completing it yourself changes nothing in the driver
   */
  public CompletableFuture<Void> updateCreatedPools() {
    return pools.update();
  }

  /** This session's pool to {@code host}, or null. */
  NodePool pool(Host host) {
    return pools.pool(host);
  }

  /** The pools, for the cluster's node events and metrics. */
  SessionPools pools() {
    return pools;
  }

  /**
   * The state of this session's connection pools, by node (Python: {@code get_pool_state()}): for
   * each pool an immutable map of {@code "shutdown"} (Boolean: the pool is closed), {@code
   * "open_count"} (Integer: its open connections) and {@code "in_flights"} (List of Integer: for
   * each connection, the requests queued on it or awaiting their response). A snapshot, for
   * monitoring.
   */
  public Map<Host, Map<String, Object>> getPoolState() {
    return pools.state();
  }

  // ------------------------------------------------------------------------ execute

  /** Executes a CQL string and waits for its result. */
  public ResultSet execute(String query) {
    return execute(new SimpleStatement(query));
  }

  /**
   * Executes a CQL string whose {@code %s} placeholders are replaced, client-side, by the CQL
   * literals of {@code parameters} ({@link #encoder()}); {@code %%} is a literal {@code %}. With
   * no parameters the string is sent unchanged (the Python driver's {@code execute(query,
   * parameters)} with a plain string). Every CQL type has a literal, and so do instances of the
   * classes registered with {@link Cluster#registerUserType}; {@link Encoder} lists them.
   *
   * @throws IllegalArgumentException if placeholders and values do not match in number (a query
   *     written with {@code ?} markers is told to use {@code SimpleStatement.newInstance(query,
   *     values)} or a prepared statement), or a value has no CQL literal (the message says what to
   *     pass instead)
   */
  public ResultSet execute(String query, Object... parameters) {
    return execute(new SimpleStatement(bindParameters(query, parameters)));
  }

  /**
   * Executes a statement with its execution profile (the statement's, else this session's
   * default) and waits for its result, at most the statement's timeout, else the profile's.
   */
  public ResultSet execute(Statement statement) {
    return execute(statement, (Object) null);
  }

  /**
   * Executes a statement with the execution profile registered as {@code executionProfile} (the
   * Python driver's {@code execute(query, execution_profile=name)}); a profile set on the
   * statement itself takes precedence.
   *
   * @throws IllegalArgumentException if no profile has that name
   */
  public ResultSet execute(Statement statement, String executionProfile) {
    return execute(statement, (Object) executionProfile);
  }

  /** Executes a statement with {@code executionProfile}; see {@link #execute(Statement, String)}. */
  public ResultSet execute(Statement statement, ExecutionProfile executionProfile) {
    return execute(statement, (Object) executionProfile);
  }

  private ResultSet execute(Statement statement, Object executionProfile) {
    ExecutionProfile profile = profileFor(statement, executionProfile);
    return execute(statement, profile, timeoutOf(statement, profile));
  }

  /**
   * Executes a statement and waits at most {@code timeout} (null: no client-side timeout) for its
   * result. On a virtual thread the wait parks the thread and frees its carrier.
   *
   * @throws OperationTimedOutException when the timeout passes first
   * @throws NoHostAvailableException when no node could take the request
   * @throws ServerException subclasses for errors the server reported
   */
  public ResultSet execute(Statement statement, Duration timeout) {
    return execute(statement, profileFor(statement, null), timeout);
  }

  private ResultSet execute(Statement statement, ExecutionProfile profile, Duration timeout) {
    checkOpen();
    if (requestInitListeners.isEmpty()) {
      return blocking(statement, profile, timeout).execute();
    }
    // Listeners expect a future to watch: give them one, completed by this blocking call.
    ResponseFuture future = new ResponseFuture(statement, cluster.callbackExecutor());
    notifyRequestInit(future);
    try {
      ResultSet result = blocking(statement, profile, timeout).execute();
      future.succeed(result);
      return result;
    } catch (RuntimeException e) {
      future.fail(e);
      throw e;
    }
  }

  /** Starts executing a CQL string; see {@link #execute(String)}. */
  public ResponseFuture executeAsync(String query) {
    return executeAsync(new SimpleStatement(query));
  }

  /** Starts executing a CQL string with Python-style {@code %s} parameters. */
  public ResponseFuture executeAsync(String query, Object... parameters) {
    return executeAsync(new SimpleStatement(bindParameters(query, parameters)));
  }

  /** Starts executing a statement and returns at once; see {@link #execute(Statement)}. */
  public ResponseFuture executeAsync(Statement statement) {
    return executeAsync(statement, (Object) null);
  }

  /** Starts executing a statement with the named execution profile; see {@link #execute(Statement, String)}. */
  public ResponseFuture executeAsync(Statement statement, String executionProfile) {
    return executeAsync(statement, (Object) executionProfile);
  }

  /** Starts executing a statement with {@code executionProfile}. */
  public ResponseFuture executeAsync(Statement statement, ExecutionProfile executionProfile) {
    return executeAsync(statement, (Object) executionProfile);
  }

  private ResponseFuture executeAsync(Statement statement, Object executionProfile) {
    ExecutionProfile profile = profileFor(statement, executionProfile);
    return executeAsync(statement, profile, timeoutOf(statement, profile));
  }

  /** Starts executing a statement, waiting at most {@code timeout} (null: no client timeout). */
  public ResponseFuture executeAsync(Statement statement, Duration timeout) {
    return executeAsync(statement, profileFor(statement, null), timeout);
  }

  private ResponseFuture executeAsync(Statement statement, ExecutionProfile profile, Duration timeout) {
    checkOpen();
    ResponseFuture future = new ResponseFuture(statement, cluster.callbackExecutor());
    notifyRequestInit(future);
    AsyncRequest request =
        new AsyncRequest(
            requests, statement, statement, template(statement, profile), statement.pagingState(),
            millis(timeout), future);
    future.running(request);
    request.startAsync();
    return future;
  }

  // ------------------------------------------------------------------------ execution profiles

  /**
   * The profile a statement runs with: the statement's own (a name or an instance), else {@code
   * requested} (a name or an instance, or null), else this session's default. Unset policies of
   * an instance are the cluster's.
   */
  private ExecutionProfile profileFor(Statement statement, Object requested) {
    Object chosen = statement.executionProfile() != null ? statement.executionProfile() : requested;
    return chosen == null ? defaultProfile : profiles.choose(chosen, defaultProfile);
  }

  /**
   * Registers {@code listener} to be called, on the calling thread, with the future of every
   * request this session starts, before it is sent (Python's
   * {@code add_request_init_listener}): the place to attach callbacks for tracing or metrics.
   */
  public void addRequestInitListener(Consumer<ResponseFuture> listener) {
    requestInitListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Unregisters a listener added with {@link #addRequestInitListener}; does nothing if it was not
   * registered.
   */
  public void removeRequestInitListener(Consumer<ResponseFuture> listener) {
    requestInitListeners.remove(listener);
  }

  private void notifyRequestInit(ResponseFuture future) {
    for (Consumer<ResponseFuture> listener : requestInitListeners) {
      listener.accept(future);
    }
  }

  // ------------------------------------------------------------------------ concurrent

  /**
   * Executes {@code statements} with at most {@code concurrency} in flight (each on its own
   * virtual thread), the Java form of the Python driver's {@code execute_concurrent}. Results come
   * back in the order of the statements.
   *
   * @param raiseOnFirstError true (the Python driver's default): stop and throw the first failure;
   *     false: record failures in the results and go on
   */
  public List<ExecutionResult> executeConcurrent(
      Iterable<? extends Statement> statements, int concurrency, boolean raiseOnFirstError) {
    return ConcurrentExecution.run(statements, concurrency, raiseOnFirstError, this::checkOpen, this::execute);
  }

  /**
   * Binds each element of {@code parameters} (an {@code Object[]}, a {@code List} or a
   * {@code Map} of named values) to {@code statement} and executes them all, at most
   * {@code concurrency} at a time, raising the first error (the Python driver's
   * {@code execute_concurrent_with_args}).
   */
  public List<ExecutionResult> executeConcurrent(
      PreparedStatement statement, Iterable<?> parameters, int concurrency) {
    return executeConcurrent(ConcurrentExecution.bindAll(statement, parameters), concurrency, true);
  }

  private String bindParameters(String query, Object[] parameters) {
    if (parameters == null || parameters.length == 0) {
      return query;
    }
    return encoder.bind(query, Arrays.asList(parameters));
  }

  private BlockingRequest blocking(Statement statement, ExecutionProfile profile, Duration timeout) {
    return new BlockingRequest(
        requests, statement, statement, template(statement, profile), statement.pagingState(), millis(timeout));
  }

  private RequestTemplate template(Statement statement, ExecutionProfile profile) {
    return RequestTemplates.of(statement, profile, defaultFetchSize, useClientTimestamp, cluster.timestampGenerator());
  }

  ResultSet fetchPage(Statement statement, RequestTemplate builder, ByteBuffer pagingState) {
    checkOpen();
    long timeoutMillis = millis(timeoutOf(statement, builder.profile()));
    return new BlockingRequest(requests, statement, statement, builder, pagingState, timeoutMillis).execute();
  }

  // ------------------------------------------------------------------------ prepare

  /** Prepares {@code query} on a node (and, in the background, on every other node). */
  public PreparedStatement prepare(String query) {
    return prepare(query, null);
  }

  /**
   * Prepares {@code query}, resolving unqualified table names in {@code keyspace} (protocol v5;
   * null for the session's keyspace). Blocks until a node has answered; the other nodes are asked
   * to prepare it too, without waiting (the Python driver's {@code prepare_on_all_hosts}).
   *
   * @throws SyntaxException and other server errors when the query is invalid
   */
  public PreparedStatement prepare(String query, String keyspace) {
    checkOpen();
    ExecutionProfile profile = defaultProfile;
    return preparedStatements.prepare(query, keyspace, profile, millis(profile.requestTimeout()));
  }

  /**
   * The nodes to try for a request: only the statement's target host if it names one (no
   * failover, as the Python driver's {@code execute(host=...)}), else the plan of the profile's
   * load-balancing policy for {@code routing} (null for a PREPARE).
   */
  Iterator<Host> queryPlan(Statement statement, RoutingInfo routing, ExecutionProfile profile) {
    Host target = statement.host();
    if (target != null) {
      return List.of(target).iterator();
    }
    return profile.loadBalancingPolicy().newQueryPlan(currentKeyspace.get(), routing);
  }

  Executor callbackExecutor() {
    return cluster.callbackExecutor();
  }

  // ------------------------------------------------------------------------ keyspace

  /**
   * {@return the keyspace set by {@code connect(keyspace)}, {@link #setKeyspace} or USE; null if
   * none}
   */
  public String keyspace() {
    return currentKeyspace.get();
  }

  /** Sets the keyspace of every connection of this session, like {@code USE keyspace}. */
  public void setKeyspace(String keyspace) {
    execute("USE " + SessionKeyspace.protectName(keyspace));
  }

  /** A keyspace change on one connection (a USE statement) applies to all of the session's. */
  void keyspaceChanged(String newKeyspace, Connection changed) {
    currentKeyspace.changed(newKeyspace, changed, pools.all());
  }

  /**
   * Renders the values of {@code %s} queries as CQL literals (the Python driver's {@code
   * Session.encoder}): {@link Encoder}'s literals, and instances of the classes registered with
   * {@link Cluster#registerUserType} as the literal of their user type.
   */
  public Encoder encoder() {
    return encoder;
  }

  /** {@return the cluster this session belongs to} */
  public Cluster cluster() {
    return cluster;
  }

  // ------------------------------------------------------------------------ lifecycle

  /** {@return whether {@link #shutdown()} (or {@link #close()}) has been called on this session} */
  public boolean isShutdown() {
    return shutdown;
  }

  private void checkOpen() {
    if (shutdown) {
      throw new DriverException("Session is shut down; open a new one with cluster.connect()");
    }
  }

  /** Same as {@link #close()}, under the Python driver's name. */
  public void shutdown() {
    close();
  }

  /** Closes this session's connections; requests in flight fail. Idempotent. */
  @Override
  public void close() {
    if (shutdown) {
      return;
    }
    shutdown = true;
    pools.close();
    cluster.removeSession(this);
    LOG.debug("Session closed");
  }
}
