package io.loomcql.cluster;

import io.loomcql.AuthenticationFailedException;
import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnresolvableContactPointsException;
import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.internal.AdminExecutor;
import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.cluster.internal.Connector;
import io.loomcql.cluster.internal.NodeStateEvent;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.metadata.KeyspaceMetadata;
import io.loomcql.metadata.Metadata;
import io.loomcql.metadata.UserType;
import io.loomcql.metadata.internal.MetadataUpdater;
import io.loomcql.metrics.Metrics;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.ConvictionPolicy;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.HostStateListener;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.ReconnectionPolicy;
import io.loomcql.policies.ReconnectionSchedule;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.protocol.internal.Event;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.query.internal.UserTypeRegistry;
import io.loomcql.timestamps.MonotonicTimestampGenerator;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's entry point: a Cassandra cluster seen from this application, the Java form of the
 * Python driver's {@code cassandra.cluster.Cluster}. Build one per cluster and application with
 * {@link #builder()}, open {@link Session}s with {@link #connect()}, and {@link #close()} it when
 * done: that closes its sessions, connections and I/O threads.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.builder().contactPoints("127.0.0.1").build();
 *      Session session = cluster.connect("shop")) {
 *   for (Row row : session.execute("SELECT id, name FROM users")) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Cluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ClusterConfig config;
  private final LongSupplier timestampGenerator;
  private final ExecutorService ownedExecutor;
  private final Executor callbackExecutor;
  private final String name = "loomcql-" + INSTANCES.incrementAndGet();
  private final MetricsRecorder metrics;

  private final ReentrantLock lifecycle = new ReentrantLock();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final AdminExecutor admin;
  private final ClusterHosts hosts;
  private final ControlConnection controlConnection = new ControlConnection(this);
  private final Map<Host, Future<?>> reconnections = new ConcurrentHashMap<>();
  private final Map<String, Future<?>> pendingRefreshes = new ConcurrentHashMap<>();
  private volatile boolean shutdown;
  private volatile boolean initialized;
  // Set once by the first connect(), under the lifecycle lock.
  private volatile TransportFactory loops;
  private volatile Connector connector;
  private volatile List<InetSocketAddress> contactEndpoints;
  private volatile ProtocolVersion negotiatedVersion;

  // Load balancing, retry, execution profiles, host listeners, address translation, conviction.
  private final ConcurrentHashMap<String, ExecutionProfile> profiles = new ConcurrentHashMap<>();
  /** The distinct load-balancing policies of all profiles; replaced under {@link #lifecycle}. */
  private volatile LoadBalancingPolicy[] policies;
  private final CopyOnWriteArrayList<HostStateListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Host, ConvictionPolicy> convictions = new ConcurrentHashMap<>();
  private final ClusterView view = new View();

  private final MetadataUpdater metadataUpdater = MetadataUpdater.create();
  private final Metadata metadata = metadataUpdater.metadata();
  private final UserTypeRegistry userTypes = new UserTypeRegistry();
  private volatile ObjectName metricsName;

  private Cluster(ClusterConfig config) {
    this.config = config;
    this.metrics =
        config.metricsEnabled()
            ? new MetricsRecorder(
                () -> hostRegistry().all().size(),
                () -> (int) hostRegistry().all().stream().filter(h -> sessions.stream().anyMatch(s -> s.hasOpenConnection(h))).count(),
                () -> sessions.stream().mapToInt(Session::openConnectionCount).sum() + (controlConnection.connection() == null ? 0 : 1))
            : null;
    this.admin = new AdminExecutor(name + "-admin");
    this.hosts =
        new ClusterHosts(
            metadataUpdater,
            new ClusterHosts.Changes() {
              @Override
              public void added(Host host) {
                LOG.info("{}: new node {}", name, host);
                nodeEvent(host, "ADDED", null);
                forEachPolicy(policy -> policy.onAdd(host));
                sessions.forEach(session -> session.onHostUp(host));
                forEachListener(listener -> listener.onAdd(host));
              }

              @Override
              public void removed(Host host) {
                LOG.info("{}: node {} left the cluster", name, host);
                nodeEvent(host, "REMOVED", null);
                cancelReconnection(host);
                forEachPolicy(policy -> policy.onRemove(host));
                sessions.forEach(session -> session.onHostRemoved(host));
                forEachListener(listener -> listener.onRemove(host));
                convictions.remove(host);
              }
            });
    this.timestampGenerator = config.timestampGenerator();
    if (config.callbackExecutor() == null) {
      this.ownedExecutor =
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-callback-", 0).factory());
      this.callbackExecutor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.callbackExecutor = config.callbackExecutor();
    }
    config.executionProfiles().forEach((profileName, profile) -> profiles.put(profileName, resolve(profile)));
    profiles.computeIfAbsent(EXEC_PROFILE_DEFAULT, unused -> resolve(ExecutionProfile.defaults()));
    this.policies = distinctPolicies();
  }

  /** A builder of a cluster, every setting at the Python driver's default until set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Opens a session with no keyspace set. */
  public Session connect() {
    return connect(null, false);
  }

  /** Opens a session whose connections use {@code keyspace} (as after {@code USE keyspace}). */
  public Session connect(String keyspace) {
    return connect(keyspace, false);
  }

  /**
   * Opens a session. The first call also connects to the cluster through the contact points and
   * negotiates the protocol version.
   *
   * @param keyspace the session's keyspace, or null
   * @param waitForAllPools wait until a connection to every node is open (default false: return
   *     once one is)
   * @throws NoHostAvailableException if no node could be reached (its errors name every address
   *     and its cause)
   * @throws DriverException if the cluster is shut down
   */
  public Session connect(String keyspace, boolean waitForAllPools) {
    init();
    Session session = new Session(this, keyspace, waitForAllPools);
    sessions.add(session);
    if (shutdown) {
      session.close();
      throw new DriverException("Cluster is already shut down");
    }
    return session;
  }

  private void init() {
    if (shutdown) {
      throw new DriverException("Cluster is already shut down");
    }
    if (initialized) {
      return;
    }
    lifecycle.lock();
    try {
      if (shutdown) {
        throw new DriverException("Cluster is already shut down");
      }
      if (initialized) {
        return;
      }
      contactEndpoints = resolveContactPoints();
      if (loops == null) {
        loops = config.transport() != null ? config.transport() : Transports.nio(name);
        connector = new Connector(loops, connectionOptions());
      }
      controlConnection.connect(
          contactEndpoints, config.highestProtocolVersion(), config.protocolVersion() != null);
      negotiatedVersion = controlConnection.connection().protocolVersion();
      populatePolicies(policies);
      initialized = true;
      if (metrics != null) {
        try {
          metricsName = metrics.register(controlConnection.clusterName());
        } catch (IllegalStateException e) {
          LOG.warn("{}: metrics are not visible over JMX", name, e);
        }
      }
      LOG.info(
          "{} connected to cluster '{}' through {} with protocol {}; {} nodes",
          name, controlConnection.clusterName(), controlConnection.endpoint(), negotiatedVersion,
          hosts.all().size());
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Waits up to {@code maxSchemaAgreementWait} until every node believed up reports the same
   * schema version; returns whether they agreed. Blocks the caller (never an I/O thread).
   */
  boolean waitForSchemaAgreement() {
    return waitForSchemaAgreement(null);
  }

  /** As {@link #waitForSchemaAgreement()}, asking {@code via} (when open) rather than the control node. */
  boolean waitForSchemaAgreement(Connection via) {
    Connection on = via != null && !via.isClosed() ? via : controlConnection.connection();
    if (on == null) {
      return false;
    }
    return controlConnection.waitForSchemaAgreement(on, config.maxSchemaAgreementWait());
  }

  // ------------------------------------------------------------------ node state (admin thread)

  /** A session lost its last connection to {@code host}: consider it down (seed conviction). */
  void signalConnectionFailure(Host host, Throwable cause) {
    if (shutdown || (cause != null && !conviction(host).addFailure(cause))) {
      return;
    }
    admin.execute(() -> onHostDown(host, cause));
  }

  private void onHostDown(Host host, Throwable cause) {
    if (shutdown || hosts.get(host.endpoint()) != host || Boolean.FALSE.equals(host.isUp())) {
      return;
    }
    HostUpdater.markDown(host);
    LOG.warn("{}: node {} is down ({})", name, host, cause == null ? "server event" : cause.getMessage());
    nodeEvent(host, "DOWN", cause == null ? "server event" : cause.getMessage());
    forEachPolicy(policy -> policy.onDown(host));
    sessions.forEach(session -> session.onHostDown(host));
    forEachListener(listener -> listener.onDown(host));
    Connection control = controlConnection.connection();
    if (control != null && host.endpoint().equals(control.endpoint())) {
      control.closeWith(new ConnectionException("node " + host + " is down", host.endpoint()));
    }
    startReconnection(host);
  }

  private void onHostUp(Host host) {
    if (shutdown || hosts.get(host.endpoint()) != host) {
      return;
    }
    cancelReconnection(host);
    if (host.isKnownUp()) {
      return;
    }
    HostUpdater.markUp(host);
    LOG.info("{}: node {} is up", name, host);
    nodeEvent(host, "UP", null);
    conviction(host).reset();
    forEachPolicy(policy -> policy.onUp(host));
    sessions.forEach(session -> session.onHostUp(host));
    forEachListener(listener -> listener.onUp(host));
  }

  private static void nodeEvent(Host host, String state, String reason) {
    NodeStateEvent.emit(
        String.valueOf(host.endpoint()), host.datacenter(), host.rack(), state, reason);
  }

  private void startReconnection(Host host) {
    if (reconnections.containsKey(host)) {
      return;
    }
    ReconnectionSchedule schedule = config.reconnectionPolicy().newSchedule();
    scheduleReconnectionAttempt(host, schedule);
  }

  private void scheduleReconnectionAttempt(Host host, ReconnectionSchedule schedule) {
    Optional<Duration> delay = schedule.nextDelay();
    if (delay.isEmpty()) {
      reconnections.remove(host);
      LOG.warn("{}: will not continue to retry reconnecting to {}: the schedule is exhausted", name, host);
      return;
    }
    LOG.debug("{}: reconnecting to {} in {} ms", name, host, delay.get().toMillis());
    reconnections.put(host, admin.schedule(() -> tryReconnect(host, schedule), delay.get()));
  }

  private void tryReconnect(Host host, ReconnectionSchedule schedule) {
    if (shutdown || hosts.get(host.endpoint()) != host) {
      reconnections.remove(host);
      return;
    }
    try {
      Connection probe = connector.open(host.endpoint(), negotiatedVersion).join();
      probe.close();
      reconnections.remove(host);
      onHostUp(host);
    } catch (RuntimeException e) {
      Throwable cause =
          e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof AuthenticationFailedException) {
        // As the Python driver: refused credentials will not be accepted on a later attempt.
        reconnections.remove(host);
        LOG.warn("{}: not reconnecting to {}: {}", name, host, cause.getMessage());
        return;
      }
      LOG.debug("{}: reconnection to {} failed: {}", name, host, e.getMessage());
      scheduleReconnectionAttempt(host, schedule);
    }
  }

  private void cancelReconnection(Host host) {
    Future<?> pending = reconnections.remove(host);
    if (pending != null) {
      pending.cancel(false);
    }
  }

  /** A server-pushed event from the control connection (admin thread). */
  void onServerEvent(Event event) {
    InetSocketAddress address = event.address();
    switch (event.type()) {
      case "STATUS_CHANGE" -> {
        Host host = address == null ? null : hosts.byAddress(config.addressTranslator().translate(address.getAddress()));
        if (host == null) {
          refreshLater("nodes", config.topologyEventRefreshWindow(), controlConnection::refreshNodeList);
        } else if ("UP".equals(event.change())) {
          refreshLater("up:" + host.endpoint(), config.statusEventRefreshWindow(), () -> {
            if (!host.isKnownUp()) {
              tryReconnect(host, config.reconnectionPolicy().newSchedule());
            }
          });
        } else if ("DOWN".equals(event.change())) {
          // As the seed: believe our own connections first; a DOWN for a node we still talk to
          // is ignored, and a real failure will close those connections.
          if (sessions.stream().noneMatch(session -> session.hasOpenConnection(host))) {
            refreshLater("down:" + host.endpoint(), config.statusEventRefreshWindow(), () -> onHostDown(host, null));
          }
        }
      }
      case "TOPOLOGY_CHANGE" -> {
        if ("REMOVED_NODE".equals(event.change())) {
          controlConnection.refreshNodeList();
        } else {
          refreshLater("nodes", config.topologyEventRefreshWindow(), controlConnection::refreshNodeList);
        }
      }
      case "SCHEMA_CHANGE" -> onSchemaEvent(event.schemaChange());
      default -> LOG.debug("{}: server event {}", name, event);
    }
  }

  /**
   * Runs {@code refresh} after a random delay in [0, window) — coalescing a burst of events into
   * one refresh — immediately for a zero window, never for a negative one.
   */
  private void refreshLater(String key, Duration window, Runnable refresh) {
    if (window.isNegative() || shutdown) {
      return;
    }
    Duration delay =
        window.isZero()
            ? Duration.ZERO
            : Duration.ofNanos(ThreadLocalRandom.current().nextLong(window.toNanos()));
    pendingRefreshes.computeIfAbsent(
        key,
        k ->
            admin.schedule(
                () -> {
                  pendingRefreshes.remove(k);
                  refresh.run();
                },
                delay));
  }

  private List<InetSocketAddress> resolveContactPoints() {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (String contactPoint : config.contactPoints()) {
      try {
        for (InetAddress address : InetAddress.getAllByName(contactPoint)) {
          InetSocketAddress endpoint = new InetSocketAddress(address, config.port());
          if (!resolved.contains(endpoint)) {
            resolved.add(endpoint);
          }
        }
      } catch (UnknownHostException e) {
        LOG.warn("{}: cannot resolve contact point '{}'; ignoring it", name, contactPoint);
      }
    }
    if (resolved.isEmpty()) {
      throw new UnresolvableContactPointsException(
          "None of the contact points " + config.contactPoints() + " could be resolved");
    }
    return Collections.unmodifiableList(resolved);
  }

  /** {@return the contact points as given to the builder (default {@code ["127.0.0.1"]})} */
  public List<String> contactPoints() {
    return config.contactPoints();
  }

  /** {@return the native transport port (default 9042)} */
  public int port() {
    return config.port();
  }

  /**
   * The protocol version in use once connected; before that, the highest version that will be
   * tried (default {@link ProtocolVersion#HIGHEST}).
   */
  public ProtocolVersion protocolVersion() {
    ProtocolVersion negotiated = negotiatedVersion;
    return negotiated != null ? negotiated : config.highestProtocolVersion();
  }

  /** Bounds the TCP connect and the handshake of each connection (default 5 s). */
  public Duration connectTimeout() {
    return config.connectTimeout();
  }

  /** Credentials for servers that require authentication, or null (the default) for none. */
  public AuthProvider authProvider() {
    return config.authProvider();
  }

  /** Generates client-side write timestamps (default a {@link MonotonicTimestampGenerator}). */
  public LongSupplier timestampGenerator() {
    return timestampGenerator;
  }

  /** {@return whether {@link #shutdown()} (or {@link #close()}) has been called} */
  public boolean isShutdown() {
    return shutdown;
  }

  /** Same as {@link #close()}, under the Python driver's name. */
  public void shutdown() {
    close();
  }

  /**
   * Closes every session, connection and I/O thread of this cluster. Requests still in flight
   * fail with a ConnectionException. Idempotent.
   */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      if (shutdown) {
        return;
      }
      shutdown = true;
    } finally {
      lifecycle.unlock();
    }
    for (Session session : sessions) {
      session.close();
    }
    admin.shutdown();
    controlConnection.close();
    TransportFactory group = loops;
    if (group != null && config.transport() == null) {
      group.close();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
    if (metricsName != null) {
      MetricsRecorder.unregister(metricsName);
    }
    LOG.debug("{} shut down", name);
  }

  // ------------------------------------------------------------------ for Session

  Connector connector() {
    return connector;
  }

  ClusterHosts hostRegistry() {
    return hosts;
  }

  AdminExecutor admin() {
    return admin;
  }

  ControlConnection controlConnection() {
    return controlConnection;
  }

  /** Bounds each query of the control connection (default 2 s). */
  public Duration controlConnectionTimeout() {
    return config.controlConnectionTimeout();
  }

  /**
   * {@return how long DDL waits for all nodes to agree on the schema (default 10 s; zero disables)}
   */
  public Duration maxSchemaAgreementWait() {
    return config.maxSchemaAgreementWait();
  }

  /**
   * The driver's metrics when built with {@code metricsEnabled(true)}, else null (the seed's
   * {@code cluster.metrics} is None unless {@code metrics_enabled}).
   */
  public Metrics metrics() {
    return metrics;
  }

  /** The recording side of {@link #metrics()}, or null when metrics are off. */
  MetricsRecorder metricsRecorder() {
    return metrics;
  }

  /**
   * {@return whether a statement prepared on one node is prepared on every other node too (default
   * true)}
   */
  public boolean prepareOnAllHosts() {
    return config.prepareOnAllHosts();
  }

  /**
   * {@return whether a node that comes back up gets every prepared statement re-prepared (default
   * true)}
   */
  public boolean reprepareOnUp() {
    return config.reprepareOnUp();
  }

  /** Connections each session opens to a node at {@code distance} (the core size; default 1). */
  public int coreConnectionsPerHost(HostDistance distance) {
    return config.coreConnections(distance);
  }

  /** {@return the most connections per node at {@code distance} (default 1)} */
  public int maxConnectionsPerHost(HostDistance distance) {
    return config.maxConnections(distance);
  }

  /**
   * How far a node is, for pool sizing: the closest distance any execution profile's
   * load-balancing policy gives it (IGNORED only if all of them ignore it).
   */
  HostDistance distance(Host host) {
    HostDistance best = HostDistance.IGNORED;
    for (LoadBalancingPolicy policy : policies) {
      HostDistance distance = policy.distance(host);
      if (distance == HostDistance.LOCAL) {
        return distance;
      }
      if (distance == HostDistance.REMOTE) {
        best = distance;
      }
    }
    return best;
  }

  /** Reconnection to lost nodes (default exponential, 1 s to 10 min). */
  public ReconnectionPolicy reconnectionPolicy() {
    return config.reconnectionPolicy();
  }

  /** {@return the name the cluster reports in system.local, once connected} */
  public String clusterName() {
    return controlConnection.clusterName();
  }

  /**
   * {@return the node the control connection is on (the Python driver's
   * get_control_connection_host), or null}
   */
  public InetSocketAddress controlHost() {
    return controlConnection.endpoint();
  }

  /** {@return the nodes known to the driver (after {@link #connect()}), up or not} */
  public Collection<Host> hosts() {
    return hosts.all();
  }

  UnaryOperator<InetAddress> addressTranslator() {
    return config.addressTranslator()::translate;
  }

  ProtocolVersion negotiatedVersion() {
    return negotiatedVersion;
  }

  Executor callbackExecutor() {
    return callbackExecutor;
  }

  void removeSession(Session session) {
    sessions.remove(session);
  }

  String name() {
    return name;
  }

  // ------------------------------------------------------------------ policies and profiles

  /**
   * The name of the default execution profile (Python: {@code EXEC_PROFILE_DEFAULT}): the profile
   * of statements that name none. Registering a profile under this name replaces the default.
   */
  public static final String EXEC_PROFILE_DEFAULT = "default";

  /**
   * {@return the load-balancing policy of profiles that set none (default {@code
   * TokenAwarePolicy(DCAwareRoundRobinPolicy())})}
   */
  public LoadBalancingPolicy loadBalancingPolicy() {
    return config.loadBalancingPolicy();
  }

  /**
   * {@return the retry policy of profiles that set none (default {@link
   * DefaultRetryPolicy})}
   */
  public RetryPolicy defaultRetryPolicy() {
    return config.defaultRetryPolicy();
  }

  /**
   * The execution profile registered as {@code name}, its unset policies filled in with the
   * cluster's.
   *
   * @throws IllegalArgumentException if no profile has that name
   */
  public ExecutionProfile executionProfile(String name) {
    ExecutionProfile profile = profiles.get(name);
    if (profile == null) {
      throw new IllegalArgumentException(
          "Invalid execution profile: '" + name + "'; valid profiles are: " + profiles.keySet());
    }
    return profile;
  }

  /**
   * {@return every registered execution profile by name, the default one included; an immutable
   * copy}
   */
  public Map<String, ExecutionProfile> executionProfiles() {
    return Map.copyOf(profiles);
  }

  /** {@link #addExecutionProfile(String, ExecutionProfile, Duration)} waiting up to 5 s (Python's default). */
  public void addExecutionProfile(String name, ExecutionProfile profile) {
    addExecutionProfile(name, profile, Duration.ofSeconds(5));
  }

  /**
   * Registers an execution profile after the cluster was built (Python: {@code
   * add_execution_profile(name, profile, pool_wait_timeout=5)}). Its load-balancing policy is
   * populated if the cluster is connected, and every session opens pools to the nodes the policy
   * makes newly reachable, waiting up to {@code poolWaitTimeout} for them.
   *
   * @param poolWaitTimeout how long to wait for the new pools; null to wait without limit
   * @throws IllegalArgumentException if a profile of that name exists
   * @throws OperationTimedOutException if the pools are not all open in time (the
   *     profile stays registered; the pools keep opening)
   */
  public void addExecutionProfile(String name, ExecutionProfile profile, Duration poolWaitTimeout) {
    Objects.requireNonNull(name, "name");
    ExecutionProfile resolved = resolve(Objects.requireNonNull(profile, "profile"));
    List<CompletableFuture<?>> opening = new ArrayList<>();
    lifecycle.lock();
    try {
      if (profiles.putIfAbsent(name, resolved) != null) {
        throw new IllegalArgumentException("Profile " + name + " already exists");
      }
      LoadBalancingPolicy[] before = policies;
      LoadBalancingPolicy[] after = distinctPolicies();
      if (initialized && after.length > before.length) {
        populatePolicies(new LoadBalancingPolicy[] {resolved.loadBalancingPolicy()});
      }
      policies = after;
    } finally {
      lifecycle.unlock();
    }
    for (Session session : sessions) {
      opening.add(session.updateCreatedPools());
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new));
    try {
      if (poolWaitTimeout == null) {
        all.join();
      } else {
        all.get(poolWaitTimeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new OperationTimedOutException(
          "Failed to create all new connection pools in the " + poolWaitTimeout.toMillis()
              + " ms timeout", Map.of(), null);
    } catch (ExecutionException e) {
      LOG.debug("{}: some pools for profile {} failed to open", name, name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("Interrupted while waiting for the pools of profile " + name, e);
    }
  }

  /**
   * Registers {@code listener} to hear about nodes added, removed, up and down (Python: {@code
   * register_listener}); called on the cluster's admin thread after the load-balancing policies
   * and the sessions' pools have been told.
   */
  public void registerListener(HostStateListener listener) {
    listeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops telling {@code listener} about nodes (Python: {@code unregister_listener}). */
  public void unregisterListener(HostStateListener listener) {
    listeners.remove(listener);
  }

  /** What the load-balancing policies see of this cluster. */
  ClusterView clusterView() {
    return view;
  }

  /** {@code profile} with the cluster's policies where it has none. */
  private ExecutionProfile resolve(ExecutionProfile profile) {
    ExecutionProfile resolved = profile;
    if (resolved.loadBalancingPolicy() == null) {
      resolved = resolved.withLoadBalancingPolicy(config.loadBalancingPolicy());
    }
    if (resolved.retryPolicy() == null) {
      resolved = resolved.withRetryPolicy(config.defaultRetryPolicy());
    }
    return resolved;
  }

  private LoadBalancingPolicy[] distinctPolicies() {
    Set<LoadBalancingPolicy> distinct =
        Collections.newSetFromMap(new IdentityHashMap<>());
    // Only the profiles' policies: the cluster-wide one counts through the profiles that set none,
    // so a default profile with its own policy keeps pools away from the nodes that policy ignores.
    for (ExecutionProfile profile : profiles.values()) {
      distinct.add(profile.loadBalancingPolicy());
    }
    return distinct.toArray(LoadBalancingPolicy[]::new);
  }

  private void populatePolicies(LoadBalancingPolicy[] toPopulate) {
    Collection<Host> known = hosts.all();
    for (LoadBalancingPolicy policy : toPopulate) {
      policy.populate(view, known);
      policy.checkSupported();
    }
  }

  private void forEachPolicy(Consumer<LoadBalancingPolicy> event) {
    for (LoadBalancingPolicy policy : policies) {
      try {
        event.accept(policy);
      } catch (RuntimeException e) {
        LOG.warn("{}: load-balancing policy {} failed on a node event", name, policy, e);
      }
    }
  }

  private void forEachListener(Consumer<HostStateListener> event) {
    for (HostStateListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("{}: host state listener {} failed", name, listener, e);
      }
    }
  }

  private ConvictionPolicy conviction(Host host) {
    return convictions.computeIfAbsent(host, config.convictionPolicyFactory());
  }

  /** The cluster as the load-balancing policies see it: lock-free reads of the latest state. */
  private final class View implements ClusterView {
    @Override
    public Collection<Host> hosts() {
      return hosts.all();
    }

    @Override
    public Collection<InetSocketAddress> contactPoints() {
      List<InetSocketAddress> resolved = contactEndpoints;
      return resolved == null ? List.of() : resolved;
    }

    @Override
    public List<Host> replicas(String keyspace, ByteBuffer routingKey) {
      return replicasFor(keyspace, routingKey);
    }
  }

  // ------------------------------------------------------------------ cluster metadata

  /**
   * What the driver knows of the cluster (the Python driver's {@code cluster.metadata}): its name,
   * partitioner, nodes, the schema of every keyspace (when {@link Builder#schemaMetadataEnabled})
   * and the token ring (when {@link Builder#tokenMetadataEnabled}). Filled by the first {@link
   * #connect()} and kept current by the control connection: nodes and ring on topology changes,
   * the changed element after each schema change (a random delay below {@code
   * schemaEventRefreshWindow} after the server's event). Readers see consistent snapshots and never
   * block.
   */
  public Metadata metadata() {
    return metadata;
  }

  /** The driver's write access to {@link #metadata()}. */
  MetadataUpdater metadataUpdater() {
    return metadataUpdater;
  }

  /**
   * Maps a user type to a Java class (the Python driver's {@code register_user_type}): from now
   * on, rows of every session of this cluster return its values as instances of {@code
   * javaClass}, and prepared statements bind instances of it, wherever the type occurs (a column,
   * a collection, a tuple, a field of another user type). {@code javaClass} is a record (components
   * match fields by name, {@code zipCode} also matching {@code zip_code}) or a class with a public
   * no-argument constructor and getters/setters or public fields. Unmapped user types read as
   * {@link UdtValue}.
   *
   * @throws IllegalArgumentException when the class cannot hold the type's fields (checked now
   *     if the schema metadata knows the type, else at the first value)
   */
  public void registerUserType(String keyspace, String userType, Class<?> javaClass) {
    KeyspaceMetadata known = metadata.keyspace(keyspace);
    UserType type = null;
    if (known != null) {
      type = known.userTypes().get(userType);
      if (type == null) {
        type = known.userTypes().get(userType.toLowerCase(Locale.ROOT));
      }
    }
    userTypes.register(keyspace, userType, javaClass, type == null ? null : type.dataType());
  }

  UserTypeRegistry userTypes() {
    return userTypes;
  }

  /** The logger of slow and failed requests, or null (the default). */
  RequestLogger requestLogger() {
    return config.requestLogger();
  }

  /**
   * {@return whether the schema is read into {@link #metadata()} and kept current (default true)}
   */
  public boolean schemaMetadataEnabled() {
    return config.schemaMetadataEnabled();
  }

  /**
   * {@return whether the token ring is built, for {@code getReplicas} and token-aware routing
   * (default true)}
   */
  public boolean tokenMetadataEnabled() {
    return config.tokenMetadataEnabled();
  }

  /** Idle time after which a connection sends a heartbeat (OPTIONS) (default 30 s; zero: never). */
  public Duration idleHeartbeatInterval() {
    return config.idleHeartbeatInterval();
  }

  /**
   * {@return how long a heartbeat may go unanswered before its connection is closed (default 30 s)}
   */
  public Duration idleHeartbeatTimeout() {
    return config.idleHeartbeatTimeout();
  }

  /** {@return the compression connections ask for (default {@link Compression#AUTO})} */
  public Compression compression() {
    return config.compression();
  }

  /** TLS settings, or null for plain TCP (the default). */
  public SslOptions sslOptions() {
    return config.sslOptions();
  }

  /**
   * Reads the whole schema again, after waiting up to the cluster's {@code maxSchemaAgreementWait}
   * for the nodes to agree on it (Python: {@code refresh_schema_metadata}). Works when schema
   * metadata is disabled too. Blocks the caller.
   *
   * @throws DriverException if not connected, the nodes did not agree in time, or the read failed
   */
  public void refreshSchemaMetadata() {
    refreshSchemaMetadata(config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshSchemaMetadata()}, waiting up to {@code maxSchemaAgreementWait} (zero: no wait). */
  public void refreshSchemaMetadata(Duration maxSchemaAgreementWait) {
    refreshMetadata("Schema", maxSchemaAgreementWait, controlConnection::refreshSchema);
  }

  /**
   * Reads a keyspace's own options (replication, durable writes) again, keeping its tables and
   * other elements; a keyspace unknown so far is read whole, one that no longer exists is removed
   * (Python: {@code refresh_keyspace_metadata}). Waits for schema agreement first, as {@link
   * #refreshSchemaMetadata()}.
   */
  public void refreshKeyspaceMetadata(String keyspace) {
    refreshKeyspaceMetadata(keyspace, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshKeyspaceMetadata(String)}, with its own agreement wait. */
  public void refreshKeyspaceMetadata(String keyspace, Duration maxSchemaAgreementWait) {
    refreshElement("Keyspace", "KEYSPACE", keyspace, "", maxSchemaAgreementWait);
  }

  /** Reads one table again, with its indexes and triggers (Python: {@code refresh_table_metadata}). */
  public void refreshTableMetadata(String keyspace, String table) {
    refreshTableMetadata(keyspace, table, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshTableMetadata(String, String)}, with its own agreement wait. */
  public void refreshTableMetadata(String keyspace, String table, Duration maxSchemaAgreementWait) {
    refreshElement("Table", "TABLE", keyspace, table, maxSchemaAgreementWait);
  }

  /** Reads one materialized view again (Python: {@code refresh_materialized_view_metadata}). */
  public void refreshMaterializedViewMetadata(String keyspace, String view) {
    refreshElement("View", "TABLE", keyspace, view, config.maxSchemaAgreementWait());
  }

  /** Reads one user type again (Python: {@code refresh_user_type_metadata}). */
  public void refreshUserTypeMetadata(String keyspace, String type) {
    refreshUserTypeMetadata(keyspace, type, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserTypeMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserTypeMetadata(String keyspace, String type, Duration maxSchemaAgreementWait) {
    refreshElement("User type", "TYPE", keyspace, type, maxSchemaAgreementWait);
  }

  /**
   * Reads a user function again, every overload of the name (Python: {@code
   * refresh_user_function_metadata}, which names one signature).
   */
  public void refreshUserFunctionMetadata(String keyspace, String function) {
    refreshUserFunctionMetadata(keyspace, function, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserFunctionMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserFunctionMetadata(String keyspace, String function, Duration maxSchemaAgreementWait) {
    refreshElement("User function", "FUNCTION", keyspace, function, maxSchemaAgreementWait);
  }

  /** Reads a user aggregate again, every overload of the name (Python: {@code refresh_user_aggregate_metadata}). */
  public void refreshUserAggregateMetadata(String keyspace, String aggregate) {
    refreshUserAggregateMetadata(keyspace, aggregate, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserAggregateMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserAggregateMetadata(String keyspace, String aggregate, Duration maxSchemaAgreementWait) {
    refreshElement("User aggregate", "AGGREGATE", keyspace, aggregate, maxSchemaAgreementWait);
  }

  /** Reads the node list again (Python: {@code refresh_nodes}); rebuilds the ring if a node's tokens changed. */
  public void refreshNodes() {
    refreshNodes(false);
  }

  /**
   * Reads the node list again from system.local and the peers table; the token ring is rebuilt
   * when a node's tokens, data center or rack changed, or always with {@code forceTokenRebuild}.
   *
   * @throws DriverException if not connected or the read failed
   */
  public void refreshNodes(boolean forceTokenRebuild) {
    onAdminThread("Node list", () -> controlConnection.refreshNodeList(forceTokenRebuild));
  }

  /**
   * The replicas of a routing key in a keyspace, for token-aware routing: a precomputed immutable
   * list (no allocation), empty when the keyspace or the ring is unknown.
   */
  List<Host> replicasFor(String keyspace, ByteBuffer routingKey) {
    if (keyspace == null || routingKey == null) {
      return List.of();
    }
    return metadata.getReplicas(keyspace, routingKey);
  }

  /**
   * For the request path after a DDL statement answered on {@code via}: waits for schema agreement
   * as {@link #waitForSchemaAgreement(Connection)}, then (schema metadata enabled, nodes agreed)
   * refreshes the changed element before returning, so that the metadata shows the change when
   * the DDL call returns, as in the Python driver. A failed refresh is logged, never thrown: the
   * DDL itself succeeded. Returns whether the nodes agreed.
   */
  boolean waitForSchemaAgreement(SchemaChange change, Connection via) {
    boolean agreed = waitForSchemaAgreement(via);
    if (agreed && config.schemaMetadataEnabled() && change != null && !shutdown) {
      try {
        onAdminThread("Schema", () -> controlConnection.onSchemaChange(change));
      } catch (DriverException e) {
        LOG.warn("{}: metadata not refreshed after {}: {}", name, change, e.getMessage());
      }
    }
    return agreed;
  }

  /** A server SCHEMA_CHANGE event: refresh what changed after a random delay within the window. */
  private void onSchemaEvent(SchemaChange change) {
    if (change == null || !config.schemaMetadataEnabled()) {
      return;
    }
    refreshLater(
        ControlConnection.refreshKey(change), config.schemaEventRefreshWindow(), () -> controlConnection.onSchemaChange(change));
  }

  private void refreshElement(String what, String target, String keyspace, String name, Duration wait) {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    SchemaChange change = new SchemaChange("UPDATED", target, keyspace, name, List.of());
    refreshMetadata(what, wait, on -> controlConnection.refreshSchema(on, change));
  }

  /** Waits for schema agreement on the control connection, then runs {@code refresh} on it. */
  private void refreshMetadata(String what, Duration wait, Consumer<Connection> refresh) {
    Objects.requireNonNull(wait, "maxSchemaAgreementWait");
    onAdminThread(
        what,
        () -> {
          Connection on = controlConnection.connection();
          if (on == null) {
            throw new DriverException("there is no control connection");
          }
          if (!controlConnection.waitForSchemaAgreement(on, wait)) {
            throw new DriverException("the nodes did not agree on the schema within " + wait.toMillis() + " ms");
          }
          refresh.accept(on);
        });
  }

  /**
   * Runs {@code task} on the admin thread (serialised with event-driven refreshes) and waits for
   * it; failures become {@code DriverException("<what> metadata was not refreshed: ...")}.
   */
  private void onAdminThread(String what, Runnable task) {
    if (shutdown) {
      throw new DriverException("Cluster is already shut down");
    }
    if (!initialized) {
      throw new DriverException(what + " metadata was not refreshed: connect() the cluster first");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    admin.execute(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    while (true) {
      try {
        done.get(200, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        if (shutdown) {
          throw new DriverException(what + " metadata was not refreshed: the cluster was shut down");
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw new DriverException(what + " metadata was not refreshed: " + cause.getMessage(), cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException(what + " metadata refresh was interrupted", e);
      }
    }
  }

  /** The options every connection of this cluster opens with (visible for testing). */
  ConnectionOptions connectionOptions() {
    return config.connectionOptions();
  }

  @Override
  public String toString() {
    return "Cluster(" + name + ", contactPoints=" + config.contactPoints() + ", port=" + config.port() + ")";
  }

  /**
   * Configures a {@link Cluster}; every attribute has the Python driver's default until set (each
   * setter names its default). Not thread-safe.
   */
  public static final class Builder extends ClusterOptionsBuilder {

    private Builder() {}

    /**
     * Builds the cluster (nothing connects before {@link Cluster#connect()}), after applying the
     * {@link #config(Path) configuration file} and the environment.
     *
     * @throws IllegalArgumentException for a configuration file that cannot be read or has a
     *     mistake, or an environment variable with an invalid value
     */
    public Cluster build() {
      return build(System.getenv());
    }

    Cluster build(Map<String, String> environment) {
      applyFileAndEnvironment(environment);
      return new Cluster(config());
    }
  }
}
