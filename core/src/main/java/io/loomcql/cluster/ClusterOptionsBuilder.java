package io.loomcql.cluster;

import io.loomcql.ProtocolVersion;
import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.node.Host;
import io.loomcql.policies.AddressTranslator;
import io.loomcql.policies.ConvictionPolicy;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.ExponentialReconnectionPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.IdentityTranslator;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.ReconnectionPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.SimpleConvictionPolicy;
import io.loomcql.timestamps.MonotonicTimestampGenerator;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.TransportFactory;
import java.net.SocketOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The settings of {@link Cluster.Builder}, each with its default: the one place an option of the
 * cluster is defined, validated and defaulted. {@link Cluster.Builder} is its only subclass and
 * its public face; {@link #config()} freezes the settings into the {@link ClusterConfig} a
 * {@link Cluster} runs with. Not thread-safe (a builder belongs to the thread building).
 */
abstract sealed class ClusterOptionsBuilder permits Cluster.Builder {


  private List<String> contactPoints = List.of("127.0.0.1");
  private int port = 9042;
  private ProtocolVersion protocolVersion;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration controlConnectionTimeout = Duration.ofSeconds(2);
  private Duration maxSchemaAgreementWait = Duration.ofSeconds(10);
  private Duration schemaEventRefreshWindow = Duration.ofSeconds(2);
  private Duration topologyEventRefreshWindow = Duration.ofSeconds(10);
  private Duration statusEventRefreshWindow = Duration.ofSeconds(2);
  private ReconnectionPolicy reconnectionPolicy =
      new ExponentialReconnectionPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), 64);
  private AuthProvider authProvider;
  private boolean metricsEnabled;
  private boolean prepareOnAllHosts = true;
  private boolean reprepareOnUp = true;
  private final Map<HostDistance, int[]> connectionsPerHost =
      new EnumMap<>(HostDistance.class);
  private String cqlVersion;
  private LongSupplier timestampGenerator;
  private Executor callbackExecutor;
  // ---- cluster metadata and connection options
  private boolean schemaMetadataEnabled = true;
  private boolean tokenMetadataEnabled = true;
  private TransportFactory transport;
  private Duration idleHeartbeatInterval = Duration.ofSeconds(30);
  private Duration idleHeartbeatTimeout = Duration.ofSeconds(30);
  private Compression compression = Compression.AUTO;
  private SslOptions sslOptions;
  private final Map<SocketOption<?>, Object> socketOptions = new LinkedHashMap<>();

  private Path configFile;
  private RequestLogger requestLogger;
  /**
   * Python-driver names of the attributes set through this builder's methods (they win over the
   * file).
   */
  private final Set<String> setInCode = new HashSet<>();

  /**
   * Reads the builder attributes from a JSON file when {@link Cluster.Builder#build()} runs: every
   * attribute under its Python-driver name ({@code idle_heartbeat_interval}; the camelCase builder
   * name works too), execution profiles under {@code execution_profiles}, policies by class name
   * with constructor arguments. Attributes set through this builder win over the file, and the
   * environment variables {@code LOOMCQL_CONTACT_POINTS} (comma-separated), {@code
   * LOOMCQL_PORT} and {@code LOOMCQL_LOCAL_DC} (the local datacenter of the default
   * load-balancing policy) win over both. An unknown key or a value of the wrong type fails
   * {@link Cluster.Builder#build()} with the key, its path in the file and the nearest valid key. See
   * {@code examples/loomcql.json}.
   */
  public Cluster.Builder config(Path file) {
    this.configFile = Objects.requireNonNull(file, "file");
    return self();
  }

  /**
   * Logs slow and failed requests (default none); see {@link RequestLogger}.
   */
  public Cluster.Builder requestLogger(RequestLogger logger) {
    this.requestLogger = logger;
    return self();
  }

  /**
   * Addresses or host names of nodes to connect through first (default {@code 127.0.0.1}).
   * Host names resolving to several addresses contribute all of them.
   */
  public Cluster.Builder contactPoints(String... contactPoints) {
    setInCode.add("contact_points");
    if (contactPoints.length == 0) {
      throw new IllegalArgumentException("at least one contact point is required");
    }
    for (String contactPoint : contactPoints) {
      Objects.requireNonNull(contactPoint, "a contact point is null");
    }
    this.contactPoints = List.of(contactPoints);
    return self();
  }

  /** The port nodes listen on for CQL clients (default 9042). */
  public Cluster.Builder port(int port) {
    setInCode.add("port");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    this.port = port;
    return self();
  }

  /**
   * Speaks exactly this protocol version. Unset (the default), the driver starts at the highest
   * it supports (v5) and steps down when the server refuses it.
   */
  public Cluster.Builder protocolVersion(ProtocolVersion protocolVersion) {
    setInCode.add("protocol_version");
    this.protocolVersion = protocolVersion;
    return self();
  }

  /** Bounds the TCP connect and the whole handshake of a connection (default 5 s). */
  public Cluster.Builder connectTimeout(Duration connectTimeout) {
    setInCode.add("connect_timeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    this.connectTimeout = connectTimeout;
    return self();
  }

  /** Bounds each query the control connection makes (default 2 s). */
  public Cluster.Builder controlConnectionTimeout(Duration timeout) {
    setInCode.add("control_connection_timeout");
    this.controlConnectionTimeout = positive("controlConnectionTimeout", timeout);
    return self();
  }

  /**
   * How long a schema change waits for every node to report the same schema version (default
   * 10 s); zero or negative disables the wait.
   */
  public Cluster.Builder maxSchemaAgreementWait(Duration wait) {
    setInCode.add("max_schema_agreement_wait");
    this.maxSchemaAgreementWait = Objects.requireNonNull(wait, "wait");
    return self();
  }

  /**
   * Schema change events refresh the schema after a random delay below this window, so bursts
   * coalesce (default 2 s); zero refreshes at once, negative disables event-driven refreshes.
   */
  public Cluster.Builder schemaEventRefreshWindow(Duration window) {
    setInCode.add("schema_event_refresh_window");
    this.schemaEventRefreshWindow = Objects.requireNonNull(window, "window");
    return self();
  }

  /** As {@link #schemaEventRefreshWindow(Duration)}, for node added/moved/removed events (default 10 s). */
  public Cluster.Builder topologyEventRefreshWindow(Duration window) {
    setInCode.add("topology_event_refresh_window");
    this.topologyEventRefreshWindow = Objects.requireNonNull(window, "window");
    return self();
  }

  /** As {@link #schemaEventRefreshWindow(Duration)}, for node up/down events (default 2 s). */
  public Cluster.Builder statusEventRefreshWindow(Duration window) {
    setInCode.add("status_event_refresh_window");
    this.statusEventRefreshWindow = Objects.requireNonNull(window, "window");
    return self();
  }

  /**
   * When to retry connecting to a node that went down (default
   * {@code ExponentialReconnectionPolicy(1 s, 10 min)}, 64 attempts).
   */
  public Cluster.Builder reconnectionPolicy(ReconnectionPolicy policy) {
    setInCode.add("reconnection_policy");
    this.reconnectionPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  private static Duration positive(String what, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }

  /** Prepares each statement on every node, not only the one that answered first (default true). */
  public Cluster.Builder prepareOnAllHosts(boolean enabled) {
    setInCode.add("prepare_on_all_hosts");
    this.prepareOnAllHosts = enabled;
    return self();
  }

  /** Re-prepares all prepared statements on a node that comes back up (default true). */
  public Cluster.Builder reprepareOnUp(boolean enabled) {
    setInCode.add("reprepare_on_up");
    this.reprepareOnUp = enabled;
    return self();
  }

  /**
   * Connections each session keeps to every node at {@code distance}: {@code core} are opened
   * with the pool, up to {@code max} in all (default 1 and 1 for LOCAL and REMOTE: one
   * connection carries up to 32,768 concurrent requests on protocol v3+).
   */
  public Cluster.Builder connectionsPerHost(HostDistance distance, int core, int max) {
    setInCode.add("connections_per_host");
    if (core < 1 || max < core) {
      throw new IllegalArgumentException(
          "need 1 <= core <= max connections per host, got core=" + core + ", max=" + max);
    }
    connectionsPerHost.put(distance, new int[] {core, max});
    return self();
  }

  /** Collects request and connection metrics, read through {@code cluster.metrics()} (default false). */
  public Cluster.Builder metricsEnabled(boolean enabled) {
    setInCode.add("metrics_enabled");
    this.metricsEnabled = enabled;
    return self();
  }

  /** Credentials for servers that require authentication (default none). */
  public Cluster.Builder authProvider(AuthProvider authProvider) {
    setInCode.add("auth_provider");
    this.authProvider = authProvider;
    return self();
  }

  /** The CQL version to request (default: the first the server lists). */
  public Cluster.Builder cqlVersion(String cqlVersion) {
    setInCode.add("cql_version");
    this.cqlVersion = cqlVersion;
    return self();
  }

  /** Client-side write timestamps in microseconds (default MonotonicTimestampGenerator). */
  public Cluster.Builder timestampGenerator(LongSupplier timestampGenerator) {
    setInCode.add("timestamp_generator");
    this.timestampGenerator = timestampGenerator;
    return self();
  }

  /**
   * Where {@link ResponseFuture} callbacks and dependent stages run. Default: the cluster's own
   * virtual threads, never an I/O thread: completions are queued and run in order by one runner
   * virtual thread, and when a callback holds it for more than about 1 ms (it blocks) another
   * runner takes over the queue, so callbacks may block. An executor given here is used instead
   * (the cluster does not shut it down); a direct executor ({@code Runnable::run}) runs them on the
   * driver's I/O threads: they must then never block.
   */
  public Cluster.Builder callbackExecutor(Executor callbackExecutor) {
    setInCode.add("callback_executor");
    this.callbackExecutor = callbackExecutor;
    return self();
  }

  // Load balancing, retry, execution profiles, address translation, conviction.
  private LoadBalancingPolicy loadBalancingPolicy;
  private RetryPolicy defaultRetryPolicy;
  private final Map<String, ExecutionProfile> executionProfiles = new LinkedHashMap<>();
  private AddressTranslator addressTranslator =
      new IdentityTranslator();
  private Function<Host, ConvictionPolicy> convictionPolicyFactory =
      host -> new SimpleConvictionPolicy();

  /**
   * Which nodes requests go to, for execution profiles that set no policy of their own (default
   * {@code new TokenAwarePolicy(new DCAwareRoundRobinPolicy())}: replicas of the local
   * datacenter first, the local datacenter inferred from the contact points). A policy instance
   * must not be shared between clusters.
   */
  public Cluster.Builder loadBalancingPolicy(LoadBalancingPolicy policy) {
    setInCode.add("load_balancing_policy");
    this.loadBalancingPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * The retry policy of execution profiles that set none (default {@link
   * DefaultRetryPolicy}: the Python driver's {@code RetryPolicy()}).
   */
  public Cluster.Builder defaultRetryPolicy(RetryPolicy policy) {
    setInCode.add("default_retry_policy");
    this.defaultRetryPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * Registers execution profiles by name (Python: {@code execution_profiles}); the one named
   * {@link Cluster#EXEC_PROFILE_DEFAULT}, if any, replaces the default profile.
   */
  public Cluster.Builder executionProfiles(Map<String, ExecutionProfile> profiles) {
    setInCode.add("execution_profiles");
    profiles.forEach(this::executionProfile);
    return self();
  }

  /** Registers one execution profile under {@code name}; see {@link #executionProfiles(Map)}. */
  public Cluster.Builder executionProfile(String name, ExecutionProfile profile) {
    setInCode.add("execution_profiles");
    executionProfiles.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(profile, "profile"));
    return self();
  }

  /**
   * Translates the addresses nodes announce in {@code system.peers} and in events into the
   * addresses to connect to (default {@link IdentityTranslator}); contact
   * points are not translated.
   */
  public Cluster.Builder addressTranslator(AddressTranslator translator) {
    setInCode.add("address_translator");
    this.addressTranslator = Objects.requireNonNull(translator, "translator");
    return self();
  }

  /**
   * Makes the policy that decides whether a connection failure marks a node down, one per node
   * (default: a {@link SimpleConvictionPolicy} for each, which convicts on
   * any failure but a client timeout).
   */
  public Cluster.Builder convictionPolicyFactory(
      Function<Host, ConvictionPolicy> factory) {
    setInCode.add("conviction_policy_factory");
    this.convictionPolicyFactory = Objects.requireNonNull(factory, "factory");
    return self();
  }

  // ---- cluster metadata and connection options

  /**
   * Whether the driver reads the schema ({@code system_schema}) into {@link Cluster#metadata()}
   * and keeps it current on schema change events (default true). Off, the keyspaces stay
   * unknown (and with them the replicas of routing keys) until {@link
   * Cluster#refreshSchemaMetadata()} is called.
   */
  public Cluster.Builder schemaMetadataEnabled(boolean enabled) {
    setInCode.add("schema_metadata_enabled");
    this.schemaMetadataEnabled = enabled;
    return self();
  }

  /**
   * Whether the driver builds the token ring from the nodes' tokens, for {@code
   * metadata().getReplicas} and token-aware routing (default true).
   */
  public Cluster.Builder tokenMetadataEnabled(boolean enabled) {
    setInCode.add("token_metadata_enabled");
    this.tokenMetadataEnabled = enabled;
    return self();
  }

  /**
   * Opens connections through {@code transport} (the Python driver's {@code connection_class};
   * default a {@link Transports#nio(String) NIO reactor} the cluster
   * creates). The cluster closes the connections it opened on shutdown but not a factory given
   * here, which may serve several clusters: close it after them.
   */
  public Cluster.Builder transport(TransportFactory transport) {
    setInCode.add("transport");
    this.transport = Objects.requireNonNull(transport, "transport");
    return self();
  }

  /**
   * A connection that received nothing for this long sends OPTIONS, to notice a dead peer and
   * keep middleboxes from dropping it (default 30 s; zero disables heartbeats).
   */
  public Cluster.Builder idleHeartbeatInterval(Duration interval) {
    setInCode.add("idle_heartbeat_interval");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("idleHeartbeatInterval must be >= 0 (0 disables), got " + interval);
    }
    this.idleHeartbeatInterval = interval;
    return self();
  }

  /**
   * A heartbeat unanswered for this long closes its connection, and the node is treated as
   * down if it was the last one (default 30 s).
   */
  public Cluster.Builder idleHeartbeatTimeout(Duration timeout) {
    setInCode.add("idle_heartbeat_timeout");
    this.idleHeartbeatTimeout = positive("idleHeartbeatTimeout", Objects.requireNonNull(timeout, "timeout"));
    return self();
  }

  /**
   * Compression of requests and responses (default {@link Compression#AUTO}: LZ4 if the server
   * offers it, else Snappy on protocol v3/v4, else none).
   */
  public Cluster.Builder compression(Compression compression) {
    setInCode.add("compression");
    this.compression = Objects.requireNonNull(compression, "compression");
    return self();
  }

  /** Connects with TLS (the Python driver's {@code ssl_context}/{@code ssl_options}; default none). */
  public Cluster.Builder sslOptions(SslOptions sslOptions) {
    setInCode.add("ssl_options");
    this.sslOptions = sslOptions;
    return self();
  }

  /**
   * Sets a socket option on every connection (the Python driver's {@code sockopts}), on top of
   * the defaults TCP_NODELAY and SO_KEEPALIVE on; a later value for the same option wins.
   */
  public <T> Cluster.Builder socketOption(SocketOption<T> option, T value) {
    setInCode.add("sockopts");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(value, () -> "value of " + option);
    socketOptions.put(option, value);
    return self();
  }

  // ---- what Cluster.Builder.build() needs

  private Cluster.Builder self() {
    return (Cluster.Builder) this;
  }

  /**
   * Applies the {@link #config(Path) configuration file} (settings made in code win) and then the
   * environment, over the settings made so far.
   */
  final void applyFileAndEnvironment(Map<String, String> environment) {
    if (configFile != null) {
      Set<String> fromCode = Set.copyOf(setInCode);
      ConfigFile.read(configFile, ConfigSettings.all()).applyTo(self(), fromCode::contains);
    }
    ConfigSettings.applyEnvironment(environment, self(), loadBalancingPolicy != null);
  }

  /** {@return the settings as an immutable configuration, defaults filled in} */
  final ClusterConfig config() {
    return new ClusterConfig(
        contactPoints, port, protocolVersion, connectTimeout, controlConnectionTimeout,
        maxSchemaAgreementWait, schemaEventRefreshWindow, topologyEventRefreshWindow,
        statusEventRefreshWindow, reconnectionPolicy, authProvider, metricsEnabled,
        prepareOnAllHosts, reprepareOnUp, connectionsPerHost, cqlVersion,
        timestampGenerator == null ? new MonotonicTimestampGenerator() : timestampGenerator,
        callbackExecutor,
        loadBalancingPolicy != null ? loadBalancingPolicy : LoadBalancingPolicy.defaultPolicy(),
        defaultRetryPolicy != null ? defaultRetryPolicy : new DefaultRetryPolicy(),
        executionProfiles, addressTranslator, convictionPolicyFactory, schemaMetadataEnabled,
        tokenMetadataEnabled, transport, idleHeartbeatInterval, idleHeartbeatTimeout, compression,
        sslOptions, socketOptions, requestLogger);
  }
}
