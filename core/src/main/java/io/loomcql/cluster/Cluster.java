package io.loomcql.cluster;

import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.AdminExecutor;
import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.cluster.internal.Connector;
import io.loomcql.cluster.internal.ContactPoints;
import io.loomcql.cluster.internal.ExecutionProfiles;
import io.loomcql.cluster.internal.NodeStateMonitor;
import io.loomcql.cluster.internal.RefreshWindows;
import io.loomcql.cluster.internal.SchemaRefresh;
import io.loomcql.cluster.internal.SessionPools;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.metadata.KeyspaceMetadata;
import io.loomcql.metadata.Metadata;
import io.loomcql.metadata.UserType;
import io.loomcql.metrics.Metrics;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.HostStateListener;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.pool.Host;
import io.loomcql.protocol.internal.Event;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.query.internal.UserTypeRegistry;
import io.loomcql.transport.TransportFactory;
import io.loomcql.transport.internal.Connection;
import io.loomcql.transport.internal.ConnectionOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Thread-safe. A facade: node state, profiles, schema refreshes and the control connection
 * are parts of their own ({@code io.loomcql.cluster.internal}); see ARCHITECTURE.md.
 */
public final class Cluster extends ClusterOptions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /**
   * The name of the default execution profile (Python: {@code EXEC_PROFILE_DEFAULT}): the profile
   * of statements that name none. Registering a profile under this name replaces the default.
   */
  public static final String EXEC_PROFILE_DEFAULT = ExecutionProfiles.DEFAULT;

  private final String name = "loomcql-" + INSTANCES.incrementAndGet();
  private final ClusterConfig config;
  /** The callback executor when the cluster made it (then it shuts it down), else null. */
  private final ExecutorService ownedExecutor;
  private final Executor callbackExecutor;
  private final Metrics metrics;
  private final AdminExecutor admin = new AdminExecutor(name + "-admin");
  private final Metadata metadata = new Metadata();
  private final UserTypeRegistry userTypes = new UserTypeRegistry();
  private final Parts parts = new Parts();
  private final ExecutionProfiles profiles;
  private final ControlConnection controlConnection = new ControlConnection(this);
  private final RefreshWindows windows = new RefreshWindows(admin, this::isShutdown);
  private final NodeStateMonitor nodes;
  private final SchemaRefresh schema;
  private final ClusterHosts hosts;

  /** Guards connecting and shutting down. */
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private volatile boolean shutdown;
  private volatile boolean initialized;
  // Set once by the first connect(), under the lifecycle lock.
  private volatile TransportFactory loops;
  private volatile Connector connector;
  private volatile List<InetSocketAddress> contactEndpoints;
  private volatile ProtocolVersion negotiatedVersion;
  private volatile ObjectName metricsName;

  private Cluster(ClusterConfig config) {
    super(config);
    this.config = config;
    this.profiles = new ExecutionProfiles(name, config);
    this.nodes = new NodeStateMonitor(name, config, admin, profiles, windows, controlConnection, parts);
    this.schema =
        new SchemaRefresh(name, config, admin, windows, controlConnection, this::isShutdown, () -> initialized);
    this.hosts =
        new ClusterHosts(
            new ClusterHosts.Changes() {
              @Override
              public void added(Host host) {
                nodes.added(host);
              }

              @Override
              public void removed(Host host) {
                nodes.removed(host);
              }
            });
    this.metrics = config.metricsEnabled() ? new Metrics(this::knownHosts, this::connectedHosts, this::openConnections) : null;
    if (config.callbackExecutor() == null) {
      this.ownedExecutor =
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-callback-", 0).factory());
      this.callbackExecutor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.callbackExecutor = config.callbackExecutor();
    }
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
      contactEndpoints = ContactPoints.resolve(config, name);
      if (loops == null) {
        loops = config.transport() != null ? config.transport() : TransportFactory.nio(name);
        connector = new Connector(loops, config.connectionOptions());
      }
      controlConnection.connect(contactEndpoints, config.highestProtocolVersion(), config.protocolVersion() != null);
      negotiatedVersion = controlConnection.connection().protocolVersion();
      profiles.populateAll(parts, hosts.all());
      initialized = true;
      registerMetrics();
      LOG.info(
          "{} connected to cluster '{}' through {} with protocol {}; {} nodes",
          name, controlConnection.clusterName(), controlConnection.endpoint(), negotiatedVersion,
          hosts.all().size());
    } finally {
      lifecycle.unlock();
    }
  }

  private void registerMetrics() {
    if (metrics != null) {
      try {
        metricsName = metrics.register(controlConnection.clusterName());
      } catch (IllegalStateException e) {
        LOG.warn("{}: metrics are not visible over JMX", name, e);
      }
    }
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
      Metrics.unregister(metricsName);
    }
    LOG.debug("{} shut down", name);
  }

  // ------------------------------------------------------------------ options

  /**
   * The protocol version in use once connected; before that, the highest version that will be
   * tried (default {@link ProtocolVersion#HIGHEST}).
   */
  public ProtocolVersion protocolVersion() {
    ProtocolVersion negotiated = negotiatedVersion;
    return negotiated != null ? negotiated : config.highestProtocolVersion();
  }

  /**
   * The driver's metrics when built with {@code metricsEnabled(true)}, else null (the Python
   * driver's {@code cluster.metrics} is None unless {@code metrics_enabled}).
   */
  public Metrics metrics() {
    return metrics;
  }

  // ------------------------------------------------------------------ cluster state

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

  // ------------------------------------------------------------------ policies and profiles

  /**
   * {@return the load-balancing policy of profiles that set none (default {@code
   * TokenAwarePolicy(DCAwareRoundRobinPolicy())})}
   */
  public LoadBalancingPolicy loadBalancingPolicy() {
    return config.loadBalancingPolicy();
  }

  /** {@return the retry policy of profiles that set none (default {@link DefaultRetryPolicy})} */
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
    return profiles.named(name);
  }

  /**
   * {@return every registered execution profile by name, the default one included; an immutable
   * copy}
   */
  public Map<String, ExecutionProfile> executionProfiles() {
    return profiles.all();
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
   * @throws OperationTimedOutException if the pools are not all open in time (the profile stays
   *     registered; the pools keep opening)
   */
  public void addExecutionProfile(String name, ExecutionProfile profile, Duration poolWaitTimeout) {
    Objects.requireNonNull(name, "name");
    profiles.add(name, Objects.requireNonNull(profile, "profile"), parts, hosts.all());
    CompletableFuture<?>[] opening =
        sessions.stream().map(Session::updateCreatedPools).toArray(CompletableFuture[]::new);
    try {
      if (poolWaitTimeout == null) {
        CompletableFuture.allOf(opening).join();
      } else {
        CompletableFuture.allOf(opening).get(poolWaitTimeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new OperationTimedOutException(
          "Failed to create all new connection pools in the " + poolWaitTimeout.toMillis()
              + " ms timeout", Map.of(), null);
    } catch (ExecutionException e) {
      LOG.debug("{}: some pools for profile {} failed to open", this.name, name, e);
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
    nodes.register(listener);
  }

  /** Stops telling {@code listener} about nodes (Python: {@code unregister_listener}). */
  public void unregisterListener(HostStateListener listener) {
    nodes.unregister(listener);
  }

  // ------------------------------------------------------------------ explicit refreshes

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
    schema.refreshAll(maxSchemaAgreementWait);
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
    schema.refreshElement("Keyspace", "KEYSPACE", keyspace, "", maxSchemaAgreementWait);
  }

  /** Reads one table again, with its indexes and triggers (Python: {@code refresh_table_metadata}). */
  public void refreshTableMetadata(String keyspace, String table) {
    refreshTableMetadata(keyspace, table, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshTableMetadata(String, String)}, with its own agreement wait. */
  public void refreshTableMetadata(String keyspace, String table, Duration maxSchemaAgreementWait) {
    schema.refreshElement("Table", "TABLE", keyspace, table, maxSchemaAgreementWait);
  }

  /** Reads one materialized view again (Python: {@code refresh_materialized_view_metadata}). */
  public void refreshMaterializedViewMetadata(String keyspace, String view) {
    schema.refreshElement("View", "TABLE", keyspace, view, config.maxSchemaAgreementWait());
  }

  /** Reads one user type again (Python: {@code refresh_user_type_metadata}). */
  public void refreshUserTypeMetadata(String keyspace, String type) {
    refreshUserTypeMetadata(keyspace, type, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserTypeMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserTypeMetadata(String keyspace, String type, Duration maxSchemaAgreementWait) {
    schema.refreshElement("User type", "TYPE", keyspace, type, maxSchemaAgreementWait);
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
    schema.refreshElement("User function", "FUNCTION", keyspace, function, maxSchemaAgreementWait);
  }

  /** Reads a user aggregate again, every overload of the name (Python: {@code refresh_user_aggregate_metadata}). */
  public void refreshUserAggregateMetadata(String keyspace, String aggregate) {
    refreshUserAggregateMetadata(keyspace, aggregate, config.maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserAggregateMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserAggregateMetadata(String keyspace, String aggregate, Duration maxSchemaAgreementWait) {
    schema.refreshElement("User aggregate", "AGGREGATE", keyspace, aggregate, maxSchemaAgreementWait);
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
    schema.refreshNodes(forceTokenRebuild);
  }

  @Override
  public String toString() {
    return "Cluster(" + name + ", contactPoints=" + config.contactPoints() + ", port=" + config.port() + ")";
  }

  // ------------------------------------------------------------------ for the engine's parts

  /** A server-pushed event from the control connection (admin thread). */
  void onServerEvent(Event event) {
    switch (event.type()) {
      case "STATUS_CHANGE", "TOPOLOGY_CHANGE" -> nodes.onNodeEvent(event);
      case "SCHEMA_CHANGE" -> schema.onSchemaEvent(event.schemaChange());
      default -> LOG.debug("{}: server event {}", name, event);
    }
  }

  /**
   * For the request path after a DDL statement answered on {@code via}: waits for schema agreement
   * and refreshes the changed element; see {@link SchemaRefresh#afterSchemaChange}.
   */
  boolean waitForSchemaAgreement(SchemaChange change, Connection via) {
    return schema.afterSchemaChange(change, via);
  }

  /** A session lost its last connection to {@code host}: consider it down if convicted. */
  void signalConnectionFailure(Host host, Throwable cause) {
    nodes.connectionFailed(host, cause);
  }

  /** How far a node is, for pool sizing: the closest any profile's policy gives it. */
  HostDistance distance(Host host) {
    return profiles.distance(host);
  }

  /** The replicas of a routing key in a keyspace; empty when the keyspace or ring is unknown. */
  List<Host> replicasFor(String keyspace, ByteBuffer routingKey) {
    if (keyspace == null || routingKey == null) {
      return List.of();
    }
    return metadata.getReplicas(keyspace, routingKey);
  }

  /** The options every connection of this cluster opens with (visible for testing). */
  ConnectionOptions connectionOptions() {
    return config.connectionOptions();
  }

  Connector connector() {
    return connector;
  }

  ClusterHosts hostRegistry() {
    return hosts;
  }

  AdminExecutor admin() {
    return admin;
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

  ExecutionProfiles profiles() {
    return profiles;
  }

  /** What the sessions' pools see of this cluster. */
  SessionPools.ClusterSide poolsView() {
    return parts;
  }

  void removeSession(Session session) {
    sessions.remove(session);
  }

  UserTypeRegistry userTypes() {
    return userTypes;
  }

  /** The logger of slow and failed requests, or null (the default). */
  RequestLogger requestLogger() {
    return config.requestLogger();
  }

  private int knownHosts() {
    return hosts.all().size();
  }

  private int connectedHosts() {
    return (int) hosts.all().stream().filter(host -> parts.anyConnectedTo(host)).count();
  }

  private int openConnections() {
    int open = controlConnection.connection() == null ? 0 : 1;
    for (Session session : sessions) {
      open += session.pools().openConnectionCount();
    }
    return open;
  }

  /**
   * The cluster as its parts see it: the policies ({@link ClusterView}: lock-free reads of the
   * latest state), the sessions' pools and the node-state monitor.
   */
  private final class Parts implements ClusterView, SessionPools.ClusterSide, NodeStateMonitor.ClusterSide {
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

    @Override
    public HostDistance distance(Host host) {
      return profiles.distance(host);
    }

    @Override
    public void connectionFailed(Host host, Throwable cause) {
      nodes.connectionFailed(host, cause);
    }

    @Override
    public CompletableFuture<Connection> open(InetSocketAddress endpoint) {
      return connector.open(endpoint, negotiatedVersion);
    }

    @Override
    public ClusterConfig config() {
      return config;
    }

    @Override
    public AdminExecutor admin() {
      return admin;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public Host host(InetSocketAddress endpoint) {
      return hosts.get(endpoint);
    }

    @Override
    public Host hostAt(InetAddress address) {
      return hosts.byAddress(address);
    }

    @Override
    public Iterable<SessionPools> sessions() {
      return () -> sessions.stream().map(Session::pools).iterator();
    }

    boolean anyConnectedTo(Host host) {
      for (Session session : sessions) {
        if (session.pools().hasOpenConnection(host)) {
          return true;
        }
      }
      return false;
    }
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
