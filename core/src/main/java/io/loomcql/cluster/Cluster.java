package io.loomcql.cluster;

import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.cluster.internal.ClusterHosts;
import io.loomcql.cluster.internal.ClusterRuntime;
import io.loomcql.cluster.internal.ControlConnection;
import io.loomcql.cluster.internal.ExecutionProfiles;
import io.loomcql.cluster.internal.NodeStateMonitor;
import io.loomcql.cluster.internal.PolicyView;
import io.loomcql.cluster.internal.RefreshWindows;
import io.loomcql.cluster.internal.SchemaRefresh;
import io.loomcql.cluster.internal.SessionPools;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.mapping.internal.UserTypeRegistry;
import io.loomcql.metadata.Metadata;
import io.loomcql.metadata.internal.MetadataUpdater;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.metrics.Metrics;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.HostStateListener;
import io.loomcql.node.Host;
import io.loomcql.protocol.internal.Event;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.transport.spi.Connection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
public final class Cluster extends MetadataRefreshes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /**
   * The name of the default execution profile (Python: {@code EXEC_PROFILE_DEFAULT}): the profile
   * of statements that name none. Registering a profile under this name replaces the default.
   */
  public static final String EXEC_PROFILE_DEFAULT = ExecutionProfiles.DEFAULT;

  private final MetadataUpdater metadataUpdater = MetadataUpdater.create();
  private final Metadata metadata = metadataUpdater.metadata();
  private final UserTypeRegistry userTypes = new UserTypeRegistry();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Parts parts = new Parts();
  private final ClusterHosts hosts = new ClusterHosts(metadataUpdater, parts);
  private final ControlConnection controlConnection;
  private final MetricsRecorder metrics;
  private final ClusterRuntime runtime;
  private final ExecutionProfiles profiles;
  private final NodeStateMonitor nodes;
  private final SchemaRefresh schema;
  private final PolicyView policyView;

  private Cluster(ClusterConfig config) {
    super(config);
    String name = "loomcql-" + INSTANCES.incrementAndGet();
    this.metrics =
        config.metricsEnabled() ? new MetricsRecorder(this::knownHosts, this::connectedHosts, this::openConnections) : null;
    this.controlConnection = new ControlConnection(config, hosts, metadataUpdater, parts);
    this.runtime = new ClusterRuntime(name, config, controlConnection, metrics);
    RefreshWindows windows = new RefreshWindows(runtime);
    this.profiles = new ExecutionProfiles(name, config);
    this.nodes = new NodeStateMonitor(runtime, profiles, windows, controlConnection, parts);
    this.schema = new SchemaRefresh(runtime, windows, controlConnection);
    this.policyView = new PolicyView(hosts::all, runtime, metadata);
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
    runtime.start(() -> profiles.populateAll(policyView, hosts.all()), () -> hosts.all().size());
    Session session = new Session(this, keyspace, waitForAllPools);
    sessions.add(session);
    if (runtime.isShutdown()) {
      session.close();
      throw new DriverException("Cluster is already shut down");
    }
    return session;
  }

  /** {@return whether {@link #shutdown()} (or {@link #close()}) has been called} */
  public boolean isShutdown() {
    return runtime.isShutdown();
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
    runtime.stop(() -> sessions.forEach(Session::close));
  }

  /**
   * The protocol version in use once connected; before that, the highest version that will be
   * tried (default {@link ProtocolVersion#HIGHEST}).
   */
  public ProtocolVersion protocolVersion() {
    ProtocolVersion negotiated = runtime.negotiatedVersion();
    return negotiated != null ? negotiated : runtime.config().highestProtocolVersion();
  }

  /**
   * The driver's metrics when built with {@code metricsEnabled(true)}, else null (the Python
   * driver's {@code cluster.metrics} is None unless {@code metrics_enabled}).
   */
  public Metrics metrics() {
    return metrics;
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
   * {@link UdtValue}. Names follow CQL: a quoted name ({@code "\"Address\""}) keeps its case, an
   * unquoted one is lower-cased.
   *
   * @throws IllegalArgumentException when the class cannot hold the type's fields (checked now
   *     if the schema metadata knows the type, else at the first value)
   */
  public void registerUserType(String keyspace, String userType, Class<?> javaClass) {
    userTypes.register(keyspace, userType, javaClass, metadata);
  }

  // ------------------------------------------------------------------ policies and profiles

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
    profiles.add(name, Objects.requireNonNull(profile, "profile"), policyView, hosts.all());
    SessionPools.awaitOpening(
        sessions.stream().map(Session::updateCreatedPools).toList(), poolWaitTimeout, "profile " + name);
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

  @Override
  public String toString() {
    return "Cluster(" + runtime.name() + ", contactPoints=" + contactPoints() + ", port=" + port() + ")";
  }

  // ------------------------------------------------------------------ for the engine's parts

  /**
   * For the request path after a DDL statement answered on {@code via}: waits for schema agreement
   * and refreshes the changed element; see {@link SchemaRefresh#afterSchemaChange}.
   */
  boolean waitForSchemaAgreement(SchemaChange change, Connection via) {
    return schema.afterSchemaChange(change, via);
  }

  @Override
  SchemaRefresh schemaRefresh() {
    return schema;
  }

  ClusterRuntime runtime() {
    return runtime;
  }

  ClusterHosts hostRegistry() {
    return hosts;
  }

  Executor callbackExecutor() {
    return runtime.callbackExecutor();
  }

  ExecutionProfiles profiles() {
    return profiles;
  }

  /** What the load-balancing policies see of this cluster. */
  PolicyView policyView() {
    return policyView;
  }

  /** What the sessions' pools see of this cluster. */
  SessionPools.ClusterSide poolsView() {
    return parts;
  }

  void removeSession(Session session) {
    sessions.remove(session);
  }

  /** The recording side of {@link #metrics()}, or null when metrics are off. */
  MetricsRecorder metricsRecorder() {
    return metrics;
  }

  /** The driver's write access to {@link #metadata()}. */
  MetadataUpdater metadataUpdater() {
    return metadataUpdater;
  }

  UserTypeRegistry userTypes() {
    return userTypes;
  }

  /** The logger of slow and failed requests, or null (the default). */
  RequestLogger requestLogger() {
    return runtime.config().requestLogger();
  }

  private int knownHosts() {
    return hosts.all().size();
  }

  private int connectedHosts() {
    return nodes.connectedHostCount(hosts.all());
  }

  private int openConnections() {
    int open = controlConnection.connection() == null ? 0 : 1;
    for (Session session : sessions) {
      open += session.pools().openConnectionCount();
    }
    return open;
  }

  /**
   * The cluster as its parts see it: the node registry, the nodes' distances and the sessions,
   * read lock-free; the runtime; where node changes and server events go.
   */
  private final class Parts
      implements SessionPools.ClusterSide, NodeStateMonitor.ClusterSide, ControlConnection.ClusterSide,
          ClusterHosts.Changes {
    @Override
    public Collection<Host> hosts() {
      return hosts.all();
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

    @Override
    public ClusterRuntime runtime() {
      return runtime;
    }

    @Override
    public void onServerEvent(Event event) {
      switch (event.type()) {
        case "STATUS_CHANGE", "TOPOLOGY_CHANGE" -> nodes.onNodeEvent(event);
        case "SCHEMA_CHANGE" -> schema.onSchemaEvent(event.schemaChange());
        default -> LOG.debug("{}: server event {}", runtime.name(), event);
      }
    }

    @Override
    public void added(Host host) {
      nodes.added(host);
    }

    @Override
    public void removed(Host host) {
      nodes.removed(host);
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
