package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.NodePool;
import io.loomcql.cluster.internal.request.AsyncRequest;
import io.loomcql.cluster.internal.request.BlockingRequest;
import io.loomcql.cluster.internal.request.DirectRequests;
import io.loomcql.cluster.internal.request.RequestContext;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.cluster.internal.request.ResponseMapper;
import io.loomcql.encoder.Encoder;
import io.loomcql.node.Host;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.protocol.internal.Batch;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.PreparedInternals;
import io.loomcql.query.internal.StatementOptions;
import io.loomcql.transport.spi.Connection;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
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
public final class Session implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final Cluster cluster;
  /** What this session's requests need from it. */
  private final RequestContext requests = new SessionRequests(this);
  private final Encoder encoder = new Encoder();
  private final ConcurrentHashMap<Host, NodePool> pools = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<java.util.function.Consumer<ResponseFuture>> requestInitListeners =
      new CopyOnWriteArrayList<>();
  /** Prepared statements by id, weakly held (as the seed's WeakValueDictionary), for re-prepare on up. */
  private final ConcurrentHashMap<String, java.lang.ref.WeakReference<PreparedStatement>> preparedById =
      new ConcurrentHashMap<>();
  private volatile String keyspace;
  private volatile boolean shutdown;

  /**
   * This session's default execution profile: the cluster's {@link Cluster#EXEC_PROFILE_DEFAULT}
   * profile as of {@code connect}, changed by the {@code setDefault*} setters (which replace it).
   */
  private volatile ExecutionProfile defaultProfile;
  private volatile int defaultFetchSize = 5000;
  private volatile boolean useClientTimestamp = true;

  Session(Cluster cluster, String keyspace, boolean waitForAllPools) {
    this.cluster = cluster;
    this.keyspace = keyspace;
    this.defaultProfile = cluster.executionProfile(Cluster.EXEC_PROFILE_DEFAULT);
    io.loomcql.protocol.internal.codec.Codecs.resolveValueClasses();
    loadRequestClasses();
    openPools(waitForAllPools);
  }

  /**
   * Loads and initializes the messages of the first EXECUTE and BATCH now, on the connecting
   * thread: the JVM loads a class under a per-class monitor, and thousands of virtual threads making
   * their first requests at once would otherwise wait on it pinned to their carriers.
   */
  private static void loadRequestClasses() {
    for (Class<?> type :
        List.of(io.loomcql.protocol.internal.Execute.class, io.loomcql.protocol.internal.Batch.class,
            io.loomcql.protocol.internal.QueryOptions.class)) {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Cannot load " + type.getName(), e);
      }
    }
    // A record's equals and hashCode link a call site on their first call (encoding compares
    // column types): link them here too.
    io.loomcql.cqltypes.DataType.BLOB.equals(io.loomcql.cqltypes.DataType.INT);
    io.loomcql.cqltypes.DataType.BLOB.hashCode();
  }

  private void openPools(boolean waitForAll) {
    List<Host> targets =
        cluster.hostRegistry().all().stream()
            .filter(host -> host.isKnownUp() && cluster.distance(host) != HostDistance.IGNORED)
            .toList();
    Map<InetSocketAddress, Throwable> errors = new ConcurrentHashMap<>();
    CompletableFuture<Void> first = new CompletableFuture<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (Host host : targets) {
      all.add(
          openPoolAsync(host)
              .handle(
                  (pool, error) -> {
                    if (error == null) {
                      first.complete(null);
                    } else {
                      Throwable cause = unwrap(error);
                      errors.put(host.endpoint(), cause);
                      if (cause instanceof io.loomcql.ConnectionException) {
                        // Unreachable now: the cluster marks it down and reconnects on its
                        // schedule, reopening this pool when it is back (not for a bad keyspace).
                        cluster.signalConnectionFailure(host, cause);
                      }
                    }
                    return null;
                  }));
    }
    CompletableFuture<Void> allDone = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    if (waitForAll) {
      allDone.join();
    } else {
      CompletableFuture.anyOf(first, allDone).join();
    }
    if (pools.isEmpty()) {
      Map<InetSocketAddress, Throwable> ordered = new LinkedHashMap<>();
      for (Host host : targets) {
        if (errors.containsKey(host.endpoint())) {
          ordered.put(host.endpoint(), errors.get(host.endpoint()));
        }
      }
      throw new NoHostAvailableException(
          "Unable to connect to any servers" + (keyspace == null ? "" : " using keyspace '" + keyspace + "'"),
          ordered);
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** Opens a pool to {@code host} on a virtual thread (USE keyspace needs a blocking round trip). */
  private CompletableFuture<NodePool> openPoolAsync(Host host) {
    CompletableFuture<NodePool> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name(cluster.name() + "-pool-" + host.endpoint())
        .start(
            () -> {
              try {
                result.complete(openPool(host));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private NodePool openPool(Host host) {
    HostDistance distance = cluster.distance(host);
    if (distance == HostDistance.IGNORED) {
      throw new DriverException("Host " + host + " is ignored by every load-balancing policy");
    }
    int size = cluster.coreConnectionsPerHost(distance);
    List<CompletableFuture<Connection>> opening = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      opening.add(cluster.connector().open(host.endpoint(), cluster.negotiatedVersion()));
    }
    NodePool pool = new NodePool(host, this::onPoolEmpty, this::onConnectionLost);
    RuntimeException failure = null;
    for (CompletableFuture<Connection> future : opening) {
      try {
        Connection connection = future.join();
        pool.add(withSessionKeyspace(connection));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (pool.connections().isEmpty()) {
      throw failure;
    }
    NodePool previous = pools.putIfAbsent(host, pool);
    if (previous != null || shutdown || !host.isKnownUp()
        || cluster.distance(host) == HostDistance.IGNORED) {
      if (previous == null) {
        pools.remove(host, pool);
      }
      pool.close();
      return previous != null ? previous : pool;
    }
    if (cluster.reprepareOnUp()) {
      reprepareOn(pool);
    }
    return pool;
  }

  /** Prepares every live prepared statement of this session on a (re)connected node. */
  private void reprepareOn(NodePool pool) {
    Connection connection = pool.borrow();
    if (connection == null) {
      return;
    }
    for (PreparedStatement statement : preparedStatements()) {
      sendAndForget(connection, new Prepare(statement.queryString(), statement.keyspace()));
    }
  }

  private List<PreparedStatement> preparedStatements() {
    List<PreparedStatement> live = new ArrayList<>();
    preparedById.values().removeIf(reference -> reference.get() == null);
    for (java.lang.ref.WeakReference<PreparedStatement> reference : preparedById.values()) {
      PreparedStatement statement = reference.get();
      if (statement != null) {
        live.add(statement);
      }
    }
    return live;
  }

  private void onPoolEmpty(NodePool pool, Throwable cause) {
    pools.remove(pool.host(), pool);
    if (!shutdown) {
      cluster.signalConnectionFailure(pool.host(), cause);
    }
  }

  /**
   * A connection of a pool closed by itself (a defunct connection) while others remain: the node
   * stays up and a new connection takes its place, tried again on the reconnection policy's
   * schedule while it fails (the Python driver replaces it in the background likewise).
   */
  private void onConnectionLost(NodePool pool, Throwable cause) {
    LOG.debug("Connection to {} lost ({}); replacing it", pool.host(), cause == null ? "closed" : cause.getMessage());
    replaceConnection(pool, cluster.reconnectionPolicy().newSchedule());
  }

  /** Sets the session's keyspace on a new pool connection; closes it if that fails. */
  private Connection withSessionKeyspace(Connection connection) {
    String ks = keyspace;
    if (ks != null) {
      try {
        useKeyspace(connection, ks);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  private void replaceConnection(NodePool pool, io.loomcql.policies.ReconnectionSchedule schedule) {
    if (shutdown || pool.isClosed() || pools.get(pool.host()) != pool) {
      return;
    }
    pool.openingStarted();
    Thread.ofVirtual()
        .name(cluster.name() + "-pool-" + pool.endpoint())
        .start(
            () -> {
              try {
                Connection connection =
                    cluster.connector().open(pool.endpoint(), cluster.negotiatedVersion()).join();
                pool.add(withSessionKeyspace(connection));
                pool.openingEnded();
              } catch (RuntimeException e) {
                pool.openingEnded();
                java.util.Optional<Duration> delay = schedule.nextDelay();
                LOG.debug("Could not replace a connection to {}: {}", pool.host(), e.getMessage());
                if (delay.isPresent()) {
                  cluster.admin().schedule(() -> replaceConnection(pool, schedule), delay.get());
                } else {
                  LOG.warn("Will not continue to retry replacing a connection to {}: the schedule is"
                      + " exhausted", pool.host());
                }
              }
            });
  }

  /**
   * Grows or shrinks {@code pool} to the core size of its node's distance, which changes when a
   * node moves between LOCAL and REMOTE (a data center's nodes come or go, the policy changes):
   * new connections open in the background, surplus ones close once their requests are answered.
   */
  private void resize(NodePool pool, HostDistance distance) {
    int target = cluster.coreConnectionsPerHost(distance);
    int planned = pool.plannedSize();
    if (planned < target) {
      LOG.debug("Growing the pool of {} from {} to {} connections ({})", pool.host(), planned, target, distance);
      for (int i = planned; i < target; i++) {
        replaceConnection(pool, cluster.reconnectionPolicy().newSchedule());
      }
    } else if (planned > target) {
      LOG.debug("Shrinking the pool of {} from {} to {} connections ({})", pool.host(), planned, target, distance);
      pool.retire(planned - target);
    }
  }

  // ------------------------------------------------------------------------ node events

  void onHostUp(Host host) {
    if (shutdown) {
      return;
    }
    if (cluster.distance(host) == HostDistance.IGNORED) {
      removePool(host);
    } else if (!pools.containsKey(host)) {
      openPoolAsync(host)
          .whenComplete(
              (pool, error) -> {
                if (error != null) {
                  LOG.debug("Could not open a pool to {}", host, error);
                  cluster.signalConnectionFailure(host, unwrap(error));
                }
              });
    }
    // A node that comes (back) may move others: a remote data center's hosts beyond
    // usedHostsPerRemoteDc, a local node the policy now prefers.
    for (NodePool pool : pools.values()) {
      if (pool.host() != host) {
        HostDistance distance = cluster.distance(pool.host());
        if (distance == HostDistance.IGNORED) {
          removePool(pool.host());
        } else {
          resize(pool, distance);
        }
      }
    }
  }

  /**
   * Brings the pools in line with the nodes' distances (Python: {@code
   * Session.update_created_pools}): opens pools to live nodes that are no longer ignored, closes
   * those of ignored nodes, and resizes the others to their distance's core size. The driver does
   * this itself when nodes come, go or change state and when a profile is added; call it after
   * changing what a load-balancing policy decides on its own, such as the predicate of a {@link
   * io.loomcql.policies.HostFilterPolicy}. Does nothing on a shut-down session.
   *
   * @return a new future, completed once every pool this call opens is open or has failed to open
   *     (a failed node is marked down and reconnected on the reconnection policy's schedule);
   *     completing it yourself changes nothing in the driver
   */
  public CompletableFuture<Void> updateCreatedPools() {
    List<CompletableFuture<NodePool>> opening = new ArrayList<>();
    if (!shutdown) {
      for (Host host : cluster.hostRegistry().all()) {
        HostDistance distance = cluster.distance(host);
        NodePool existing = pools.get(host);
        if (distance == HostDistance.IGNORED) {
          removePool(host);
        } else if (existing != null) {
          resize(existing, distance);
        } else if (host.isKnownUp()) {
          opening.add(
              openPoolAsync(host)
                  .whenComplete(
                      (pool, error) -> {
                        if (error != null) {
                          LOG.debug("Could not open a pool to {}", host, error);
                          cluster.signalConnectionFailure(host, unwrap(error));
                        }
                      }));
        }
      }
    }
    return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new));
  }

  /** This session's pool to {@code host}, or null. */
  NodePool pool(Host host) {
    return pools.get(host);
  }

  /** The node is down: its pool goes; another node may have become reachable (a remote one). */
  void onHostDown(Host host) {
    removePool(host);
    updateCreatedPools();
  }

  void onHostRemoved(Host host) {
    removePool(host);
    updateCreatedPools();
  }

  private void removePool(Host host) {
    NodePool pool = pools.remove(host);
    if (pool != null) {
        pool.close();
    }
  }

  int openConnectionCount() {
    int count = 0;
    for (NodePool pool : pools.values()) {
      for (Connection connection : pool.connections()) {
        if (!connection.isClosed()) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * The state of this session's connection pools, by node (Python: {@code get_pool_state()}): for
   * each pool an immutable map of {@code "shutdown"} (Boolean: the pool is closed), {@code
   * "open_count"} (Integer: its open connections) and {@code "in_flights"} (List of Integer: for
   * each connection, the requests queued on it or awaiting their response). A snapshot, for
   * monitoring.
   */
  public Map<Host, Map<String, Object>> getPoolState() {
    Map<Host, Map<String, Object>> state = new LinkedHashMap<>();
    for (NodePool pool : pools.values()) {
      List<Connection> connections = pool.connections();
      List<Integer> inFlights = new ArrayList<>(connections.size());
      int open = 0;
      for (Connection connection : connections) {
        inFlights.add(connection.pendingRequests());
        if (!connection.isClosed()) {
          open++;
        }
      }
      state.put(
          pool.host(),
          Map.of("shutdown", pool.isClosed(), "open_count", open, "in_flights", List.copyOf(inFlights)));
    }
    return java.util.Collections.unmodifiableMap(state);
  }

  boolean hasOpenConnection(Host host) {
    NodePool pool = pools.get(host);
    return pool != null && pool.hasOpenConnection();
  }

  // ------------------------------------------------------------------------ execute

  /** Executes a CQL string and waits for its result. */
  public ResultSet execute(String query) {
    return execute(new SimpleStatement(query));
  }

  /**
   * Executes a CQL string whose {@code %s} placeholders are replaced, client-side, by the CQL
   * literals of {@code parameters} ({@link #encoder()}); {@code %%} is a literal {@code %}. With
   * no parameters the string is sent unchanged.
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
   * @throws io.loomcql.ServerException subclasses for errors the server reported
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

  /** Starts executing a CQL string with seed-style {@code %s} parameters. */
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
            requests, statement, statement, requestBuilder(statement, profile), statement.pagingState(),
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
    return switch (chosen) {
      case null -> defaultProfile;
      case String name when name.equals(Cluster.EXEC_PROFILE_DEFAULT) -> defaultProfile;
      case String name -> cluster.executionProfile(name);
      case ExecutionProfile profile -> withClusterPolicies(profile);
      default ->
          throw new IllegalArgumentException(
              "An execution profile is a name or an ExecutionProfile, got " + chosen.getClass().getName());
    };
  }

  private ExecutionProfile withClusterPolicies(ExecutionProfile profile) {
    ExecutionProfile resolved = profile;
    if (resolved.loadBalancingPolicy() == null) {
      resolved = resolved.withLoadBalancingPolicy(cluster.loadBalancingPolicy());
    }
    if (resolved.retryPolicy() == null) {
      resolved = resolved.withRetryPolicy(cluster.defaultRetryPolicy());
    }
    return resolved;
  }

  private static Duration timeoutOf(Statement statement, ExecutionProfile profile) {
    return statement.timeout() != null ? statement.timeout() : profile.requestTimeout();
  }

  /**
   * {@return a copy of an execution profile with {@code changes} applied (Python: {@code
   * execution_profile_clone_update(ep, **kwargs)}), to execute with once or to register under a
   * new name} The copy shares the original's policies (a load-balancing policy is populated once
   * per cluster, so the clone plans as the original).
   *
   * @param profileOrName an {@link ExecutionProfile}, or the name of a registered one
   * @param changes what to change, applied to a builder holding the profile's values
   * @throws IllegalArgumentException if no profile has that name
   */
  public ExecutionProfile executionProfileCloneUpdate(
      Object profileOrName, java.util.function.Consumer<ExecutionProfile.Builder> changes) {
    ExecutionProfile base =
        switch (profileOrName) {
          case null -> defaultProfile;
          case String name when name.equals(Cluster.EXEC_PROFILE_DEFAULT) -> defaultProfile;
          case String name -> cluster.executionProfile(name);
          case ExecutionProfile profile -> profile;
          default ->
              throw new IllegalArgumentException(
                  "An execution profile is a name or an ExecutionProfile, got "
                      + profileOrName.getClass().getName());
        };
    ExecutionProfile.Builder builder = base.toBuilder();
    changes.accept(builder);
    return builder.build();
  }

  /**
   * This session's default execution profile: the cluster's {@link Cluster#EXEC_PROFILE_DEFAULT}
   * profile, with the changes made through {@link #setDefaultTimeout}, {@link
   * #setDefaultConsistencyLevel} and {@link #setDefaultSerialConsistencyLevel}.
   */
  public ExecutionProfile defaultExecutionProfile() {
    return defaultProfile;
  }

  /**
   * Registers {@code listener} to be called, on the calling thread, with the future of every
   * request this session starts, before it is sent (the seed's
   * {@code add_request_init_listener}): the place to attach callbacks for tracing or metrics.
   */
  public void addRequestInitListener(java.util.function.Consumer<ResponseFuture> listener) {
    requestInitListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Unregisters a listener added with {@link #addRequestInitListener}; does nothing if it was not
   * registered.
   */
  public void removeRequestInitListener(java.util.function.Consumer<ResponseFuture> listener) {
    requestInitListeners.remove(listener);
  }

  private void notifyRequestInit(ResponseFuture future) {
    for (java.util.function.Consumer<ResponseFuture> listener : requestInitListeners) {
      listener.accept(future);
    }
  }

  // ------------------------------------------------------------------------ concurrent

  /**
   * Executes {@code statements} with at most {@code concurrency} in flight (each on its own
   * virtual thread), the Java form of the Python driver's {@code execute_concurrent}. Results come
   * back in the order of the statements.
   *
   * @param raiseOnFirstError true (the seed's default): stop and throw the first failure;
   *     false: record failures in the results and go on
   */
  public List<io.loomcql.concurrent.ExecutionResult> executeConcurrent(
      Iterable<? extends Statement> statements, int concurrency, boolean raiseOnFirstError) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    checkOpen();
    List<Statement> all = new ArrayList<>();
    statements.forEach(all::add);
    io.loomcql.concurrent.ExecutionResult[] results = new io.loomcql.concurrent.ExecutionResult[all.size()];
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(concurrency);
    java.util.concurrent.atomic.AtomicReference<Throwable> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < all.size(); i++) {
        if (raiseOnFirstError && firstError.get() != null) {
          break;
        }
        permits.acquireUninterruptibly();
        int index = i;
        executor.execute(
            () -> {
              try {
                results[index] = new io.loomcql.concurrent.ExecutionResult(true, execute(all.get(index)), null);
              } catch (Throwable t) {
                results[index] = new io.loomcql.concurrent.ExecutionResult(false, null, t);
                firstError.compareAndSet(null, t);
              } finally {
                permits.release();
              }
            });
      }
    }
    Throwable error = firstError.get();
    if (raiseOnFirstError && error != null) {
      if (error instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new DriverException("A concurrent statement failed: " + error, error);
    }
    return Arrays.asList(results);
  }

  /**
   * Binds each element of {@code parameters} (an {@code Object[]}, a {@code List} or a
   * {@code Map} of named values) to {@code statement} and executes them all, at most
   * {@code concurrency} at a time, raising the first error (the seed's
   * {@code execute_concurrent_with_args}).
   */
  public List<io.loomcql.concurrent.ExecutionResult> executeConcurrent(
      PreparedStatement statement, Iterable<?> parameters, int concurrency) {
    List<Statement> bound = new ArrayList<>();
    for (Object values : parameters) {
      bound.add(
          switch (values) {
            case Object[] array -> statement.bind(array);
            case List<?> list -> statement.bind(list.toArray());
            case Map<?, ?> map -> {
              @SuppressWarnings("unchecked")
              Map<String, ?> named = (Map<String, ?>) map;
              yield statement.bind(named);
            }
            case null -> statement.bind();
            default -> statement.bind(values);
          });
    }
    return executeConcurrent(bound, concurrency, true);
  }

  private String bindParameters(String query, Object[] parameters) {
    if (parameters == null || parameters.length == 0) {
      return query;
    }
    return encoder.bind(query, Arrays.asList(parameters));
  }

  private BlockingRequest blocking(Statement statement, ExecutionProfile profile, Duration timeout) {
    return new BlockingRequest(
        requests, statement, statement, requestBuilder(statement, profile), statement.pagingState(),
        millis(timeout));
  }

  ResultSet fetchPage(Statement statement, RequestTemplate builder, ByteBuffer pagingState) {
    checkOpen();
    long timeoutMillis = millis(timeoutOf(statement, builder.profile()));
    return new BlockingRequest(requests, statement, statement, builder, pagingState, timeoutMillis)
        .execute();
  }

  private static long millis(Duration timeout) {
    return timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toMillis());
  }

  /**
   * The message for a statement, built per attempt (the protocol version may differ per node);
   * the client timestamp is drawn once so retries and later pages reuse it.
   */
  private RequestTemplate requestBuilder(Statement statement, ExecutionProfile profile) {
    ConsistencyLevel consistency =
        statement.consistencyLevel() != null ? statement.consistencyLevel() : profile.consistencyLevel();
    ConsistencyLevel serial =
        statement.serialConsistencyLevel() != null
            ? statement.serialConsistencyLevel()
            : profile.serialConsistencyLevel();
    int fetchSize = statement.fetchSize() != null ? statement.fetchSize() : defaultFetchSize;
    long timestamp =
        statement.timestamp() != Long.MIN_VALUE
            ? statement.timestamp()
            : useClientTimestamp ? cluster.timestampGenerator().getAsLong() : QueryOptions.NO_TIMESTAMP;
    String requestKeyspace = statement.keyspace();
    int now = statement.nowInSeconds();
    RequestTemplate.Messages messages = switch (statement) {
      case SimpleStatement simple ->
          (pagingState, version, level) ->
              new Query(
                  simple.queryString(),
                  new QueryOptions(
                      level, encodeValues(simple.values(), version), null, false, fetchSize,
                      pagingState, serial, timestamp, keyspaceFor(requestKeyspace, version), now));
      case BoundStatement bound ->
          // the most frequent request: one object is both the builder and its messages
          new BoundMessages(profile, consistency, bound, fetchSize, serial, timestamp, now);
      case BatchStatement batch ->
          (pagingState, version, level) -> {
            List<Object> queriesOrIds = new ArrayList<>(batch.size());
            List<List<ByteBuffer>> values = new ArrayList<>(batch.size());
            for (Statement child : batch.statements()) {
              if (child instanceof BoundStatement bound) {
                queriesOrIds.add(PreparedInternals.queryId(bound.preparedStatement()));
                values.add(bound.values());
              } else if (child instanceof SimpleStatement simple) {
                queriesOrIds.add(simple.queryString());
                values.add(encodeValues(simple.values(), version));
              }
            }
            return new Batch(
                batch.batchType().code(), queriesOrIds, values, level, serial, timestamp,
                keyspaceFor(requestKeyspace, version), now);
          };
    };
    return messages instanceof BoundMessages bound
        ? bound
        : new RequestTemplate(profile, consistency, messages);
  }

  /** The builder of a bound statement's EXECUTE messages, and their builder itself. */
  private static final class BoundMessages extends RequestTemplate
      implements RequestTemplate.Messages {
    private final BoundStatement bound;
    private final int fetchSize;
    private final ConsistencyLevel serial;
    private final long timestamp;
    private final int now;

    BoundMessages(
        ExecutionProfile profile, ConsistencyLevel consistency, BoundStatement bound, int fetchSize,
        ConsistencyLevel serial, long timestamp, int now) {
      super(profile, consistency, null);
      this.bound = bound;
      this.fetchSize = fetchSize;
      this.serial = serial;
      this.timestamp = timestamp;
      this.now = now;
    }

    @Override
    public Request build(ByteBuffer pagingState, ProtocolVersion version, ConsistencyLevel level) {
      PreparedStatement prepared = bound.preparedStatement();
      // Read once: a METADATA_CHANGED answer may replace it concurrently.
      ColumnDefinitions resultColumns = PreparedInternals.resultColumnsOrNull(prepared);
      boolean skipMetadata = resultColumns != null && resultColumns.size() > 0;
      return new Execute(
          PreparedInternals.queryId(prepared),
          version.isAtLeast(ProtocolVersion.V5) ? PreparedInternals.resultMetadataId(prepared) : null,
          new QueryOptions(
              level, bound.values(), null, skipMetadata, fetchSize, pagingState, serial,
              timestamp, null, now));
    }
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
   * @throws io.loomcql.SyntaxException and other server errors when the query is invalid
   */
  public PreparedStatement prepare(String query, String keyspace) {
    checkOpen();
    Prepare request = new Prepare(query, keyspace);
    ExecutionProfile profile = defaultProfile;
    RequestTemplate builder =
        new RequestTemplate(
            profile, profile.consistencyLevel(), (pagingState, version, level) -> request);
    BlockingRequest handler =
        new BlockingRequest(
            requests, new SimpleStatement(query), null, builder, null, millis(profile.requestTimeout()));
    Prepared prepared = handler.prepare();
    PreparedStatement statement =
        PreparedInternals.create(
            query,
            keyspace,
            prepared.queryId(),
            prepared.resultMetadataId(),
            ResponseMapper.toDefinitions(prepared.variables().columns()),
            prepared.variables().pkIndexes(),
            prepared.resultMetadata().columns() == null
                ? null
                : ResponseMapper.toDefinitions(prepared.resultMetadata().columns()),
            cluster.negotiatedVersion(),
            cluster.userTypes());
    preparedById.put(
        java.util.HexFormat.of().formatHex(statement.queryId()), new java.lang.ref.WeakReference<>(statement));
    if (cluster.prepareOnAllHosts()) {
      prepareOnOtherNodes(request, handler.lastHost());
    }
    return statement;
  }



  private void prepareOnOtherNodes(Prepare request, InetSocketAddress preparedOn) {
    for (NodePool pool : pools.values()) {
      Connection connection = pool.endpoint().equals(preparedOn) ? null : pool.borrow();
      if (connection != null) {
        sendAndForget(connection, request);
      }
    }
  }

  /** Sends a request whose answer nobody waits for (a failure only means work later). */
  private static void sendAndForget(Connection connection, Request request) {
    connection.send(
        request,
        0,
        null,
        new io.loomcql.transport.spi.ResponseCallback() {
          @Override
          public void onResponse(io.loomcql.wire.Frame frame) {}

          @Override
          public void onFailure(Throwable error) {
            LOG.debug("{} on {} failed; it will be redone on demand", request, connection.endpoint(), error);
          }
        }, Connection.NO_WAIT, Connection.NO_DEADLINE);
  }

  /** The per-request keyspace is a protocol v5 feature; older versions route with it only. */
  private static String keyspaceFor(String keyspace, ProtocolVersion version) {
    return keyspace != null && version.isAtLeast(ProtocolVersion.V5) ? keyspace : null;
  }

  private static List<ByteBuffer> encodeValues(List<Object> values, ProtocolVersion version) {
    if (values.isEmpty()) {
      return List.of();
    }
    List<ByteBuffer> encoded = new ArrayList<>(values.size());
    for (Object value : values) {
      if (value == null) {
        encoded.add(null);
      } else {
        @SuppressWarnings("unchecked")
        io.loomcql.protocol.internal.codec.TypeCodec<Object> codec =
            (io.loomcql.protocol.internal.codec.TypeCodec<Object>) Codecs.codecForValue(value);
        encoded.add(codec.encode(value, version));
      }
    }
    return encoded;
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
    return profile.loadBalancingPolicy().newQueryPlan(keyspace, routing);
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
    return keyspace;
  }

  /** Sets the keyspace of every connection of this session, like {@code USE keyspace}. */
  public void setKeyspace(String keyspace) {
    execute("USE " + protectName(keyspace));
  }

  /** A keyspace change on one connection (a USE statement) applies to all of the session's. */
  void keyspaceChanged(String newKeyspace, Connection changed) {
    this.keyspace = newKeyspace;
    changed.keyspace(newKeyspace);
    List<String> failures = new ArrayList<>();
    for (NodePool pool : pools.values()) {
      for (Connection connection : pool.connections()) {
        if (connection != changed && !newKeyspace.equals(connection.keyspace())) {
          try {
            useKeyspace(connection, newKeyspace);
          } catch (RuntimeException e) {
            failures.add(connection.endpoint() + ": " + e.getMessage());
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new DriverException("Failed to set keyspace on all hosts: " + failures);
    }
  }

  private void useKeyspace(Connection connection, String ks) {
    Request use = new Query("USE " + protectName(ks), QueryOptions.of(ConsistencyLevel.ONE));
    DirectRequests.send(connection, use, defaultProfile.requestTimeout());
    connection.keyspace(ks);
  }

  /** Quotes a CQL identifier unless it is a plain lower-case one. */
  static String protectName(String name) {
    if (name.matches("[a-z][a-z0-9_]*")) {
      return name;
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  // ------------------------------------------------------------------------ defaults

  /** Client-side timeout of {@code execute} calls that give none (default 10 s; null: none). */
  public Duration defaultTimeout() {
    return defaultProfile.requestTimeout();
  }

  /** Sets the request timeout of this session's default execution profile (null: none). */
  public void setDefaultTimeout(Duration timeout) {
    this.defaultProfile = defaultProfile.withRequestTimeout(timeout);
  }

  /** Consistency of statements that set none (default LOCAL_ONE). */
  public ConsistencyLevel defaultConsistencyLevel() {
    return defaultProfile.consistencyLevel();
  }

  /** Sets the consistency level of this session's default execution profile. */
  public void setDefaultConsistencyLevel(ConsistencyLevel level) {
    this.defaultProfile =
        defaultProfile.withConsistencyLevel(java.util.Objects.requireNonNull(level, "level"));
  }

  /** Serial consistency of statements that set none (default null: the server's, SERIAL). */
  public ConsistencyLevel defaultSerialConsistencyLevel() {
    return defaultProfile.serialConsistencyLevel();
  }

  /**
   * Sets the serial consistency level of this session's default execution profile.
   *
   * @throws IllegalArgumentException unless {@code level} is null, SERIAL or LOCAL_SERIAL
   */
  public void setDefaultSerialConsistencyLevel(ConsistencyLevel level) {
    this.defaultProfile = defaultProfile.withSerialConsistencyLevel(level);
  }

  /**
   * {@return the row factory of this session's default execution profile (default {@code
   * RowFactory.namedTuple()})}
   */
  public io.loomcql.query.RowFactory<?> rowFactory() {
    return defaultProfile.rowFactory();
  }

  /** Sets the row factory of this session's default execution profile. */
  public void setRowFactory(io.loomcql.query.RowFactory<?> factory) {
    this.defaultProfile = defaultProfile.withRowFactory(factory);
  }

  /**
   * {@return rows per page of statements that set no fetch size (default 5000; 0 disables paging)}
   */
  public int defaultFetchSize() {
    return defaultFetchSize;
  }

  /** Sets the rows per page of statements that set no fetch size (0 disables paging). */
  public void setDefaultFetchSize(int fetchSize) {
    this.defaultFetchSize = StatementOptions.fetchSize(fetchSize);
  }

  /**
   * {@return whether writes carry a client-side timestamp from the cluster's generator (default
   * true)}
   */
  public boolean useClientTimestamp() {
    return useClientTimestamp;
  }

  /** Sets whether writes carry a client-side timestamp from the cluster's generator. */
  public void setUseClientTimestamp(boolean use) {
    this.useClientTimestamp = use;
  }

  /** Renders the values of {@code %s} queries as CQL literals. */
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
    for (NodePool pool : pools.values()) {
      pool.close();
    }
    cluster.removeSession(this);
    LOG.debug("Session closed");
  }
}
