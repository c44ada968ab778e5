package io.loomcql.cluster;

import io.loomcql.DriverException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnresolvableContactPointsException;
import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.internal.Connector;
import io.loomcql.timestamps.MonotonicTimestampGenerator;
import io.loomcql.transport.internal.Connection;
import io.loomcql.transport.internal.ConnectionOptions;
import io.loomcql.transport.internal.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
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

  private final List<String> contactPoints;
  private final int port;
  private final ProtocolVersion protocolVersion;
  private final boolean protocolVersionExplicit;
  private final Duration connectTimeout;
  private final AuthProvider authProvider;
  private final String cqlVersion;
  private final LongSupplier timestampGenerator;
  private final ExecutorService ownedExecutor;
  private final java.util.concurrent.Executor callbackExecutor;
  private final String name = "loomcql-" + INSTANCES.incrementAndGet();

  private final ReentrantLock lifecycle = new ReentrantLock();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private volatile boolean shutdown;
  // Set once by the first connect(), under the lifecycle lock.
  private volatile EventLoopGroup loops;
  private volatile Connector connector;
  private volatile List<InetSocketAddress> endpoints;
  private volatile Connection controlConnection;
  private volatile ProtocolVersion negotiatedVersion;

  private Cluster(Builder builder) {
    this.contactPoints = List.copyOf(builder.contactPoints);
    this.port = builder.port;
    this.protocolVersion = builder.protocolVersion == null ? ProtocolVersion.HIGHEST : builder.protocolVersion;
    this.protocolVersionExplicit = builder.protocolVersion != null;
    this.connectTimeout = builder.connectTimeout;
    this.authProvider = builder.authProvider;
    this.cqlVersion = builder.cqlVersion;
    this.timestampGenerator =
        builder.timestampGenerator == null ? new MonotonicTimestampGenerator() : builder.timestampGenerator;
    if (builder.callbackExecutor == null) {
      this.ownedExecutor =
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-callback-", 0).factory());
      this.callbackExecutor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.callbackExecutor = builder.callbackExecutor;
    }
  }

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
    if (controlConnection != null) {
      return;
    }
    lifecycle.lock();
    try {
      if (shutdown) {
        throw new DriverException("Cluster is already shut down");
      }
      if (controlConnection != null) {
        return;
      }
      endpoints = resolveContactPoints();
      if (loops == null) {
        loops = new EventLoopGroup(name, 1);
        ConnectionOptions options =
            ConnectionOptions.defaults(protocolVersion)
                .withConnectTimeout(connectTimeout)
                .withAuthProvider(authProvider)
                .withCqlVersion(cqlVersion);
        connector = new Connector(loops, options);
      }
      Map<InetSocketAddress, Throwable> errors = new LinkedHashMap<>();
      for (InetSocketAddress endpoint : endpoints) {
        try {
          Connection connection =
              connector.openNegotiating(endpoint, protocolVersion, protocolVersionExplicit);
          negotiatedVersion = connection.protocolVersion();
          controlConnection = connection;
          LOG.info("{} connected to {} with protocol {}", name, endpoint, negotiatedVersion);
          return;
        } catch (RuntimeException e) {
          LOG.debug("{} could not connect to contact point {}", name, endpoint, e);
          errors.put(endpoint, e);
        }
      }
      throw new NoHostAvailableException("Unable to connect to any contact point", errors);
    } finally {
      lifecycle.unlock();
    }
  }

  private List<InetSocketAddress> resolveContactPoints() {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (String contactPoint : contactPoints) {
      try {
        for (InetAddress address : InetAddress.getAllByName(contactPoint)) {
          InetSocketAddress endpoint = new InetSocketAddress(address, port);
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
          "None of the contact points " + contactPoints + " could be resolved");
    }
    return Collections.unmodifiableList(resolved);
  }

  /** The contact points as given to the builder (default {@code ["127.0.0.1"]}). */
  public List<String> contactPoints() {
    return contactPoints;
  }

  /** The native transport port (default 9042). */
  public int port() {
    return port;
  }

  /**
   * The protocol version in use once connected; before that, the highest version that will be
   * tried (default {@link ProtocolVersion#HIGHEST}).
   */
  public ProtocolVersion protocolVersion() {
    ProtocolVersion negotiated = negotiatedVersion;
    return negotiated != null ? negotiated : protocolVersion;
  }

  /** Bounds the TCP connect and the handshake of each connection (default 5 s). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  public AuthProvider authProvider() {
    return authProvider;
  }

  /** Generates client-side write timestamps (default a {@link MonotonicTimestampGenerator}). */
  public LongSupplier timestampGenerator() {
    return timestampGenerator;
  }

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
    Connection control = controlConnection;
    if (control != null) {
      control.close();
    }
    EventLoopGroup group = loops;
    if (group != null) {
      group.close();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
    LOG.debug("{} shut down", name);
  }

  // ------------------------------------------------------------------ for Session

  Connector connector() {
    return connector;
  }

  List<InetSocketAddress> endpoints() {
    return endpoints;
  }

  ProtocolVersion negotiatedVersion() {
    return negotiatedVersion;
  }

  java.util.concurrent.Executor callbackExecutor() {
    return callbackExecutor;
  }

  void removeSession(Session session) {
    sessions.remove(session);
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return "Cluster(" + name + ", contactPoints=" + contactPoints + ", port=" + port + ")";
  }

  /**
   * Configures a {@link Cluster}; every attribute has the Python driver's default. Not
   * thread-safe.
   */
  public static final class Builder {

    private List<String> contactPoints = List.of("127.0.0.1");
    private int port = 9042;
    private ProtocolVersion protocolVersion;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private AuthProvider authProvider;
    private String cqlVersion;
    private LongSupplier timestampGenerator;
    private java.util.concurrent.Executor callbackExecutor;

    private Builder() {}

    /**
     * Addresses or host names of nodes to connect through first (default {@code 127.0.0.1}).
     * Host names resolving to several addresses contribute all of them.
     */
    public Builder contactPoints(String... contactPoints) {
      if (contactPoints.length == 0) {
        throw new IllegalArgumentException("at least one contact point is required");
      }
      for (String contactPoint : contactPoints) {
        Objects.requireNonNull(contactPoint, "a contact point is null");
      }
      this.contactPoints = List.of(contactPoints);
      return this;
    }

    /** The port nodes listen on for CQL clients (default 9042). */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Speaks exactly this protocol version. Unset (the default), the driver starts at the highest
     * it supports (v5) and steps down when the server refuses it.
     */
    public Builder protocolVersion(ProtocolVersion protocolVersion) {
      this.protocolVersion = protocolVersion;
      return this;
    }

    /** Bounds the TCP connect and the whole handshake of a connection (default 5 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Credentials for servers that require authentication (default none). */
    public Builder authProvider(AuthProvider authProvider) {
      this.authProvider = authProvider;
      return this;
    }

    /** The CQL version to request (default: the first the server lists). */
    public Builder cqlVersion(String cqlVersion) {
      this.cqlVersion = cqlVersion;
      return this;
    }

    /** Client-side write timestamps in microseconds (default MonotonicTimestampGenerator). */
    public Builder timestampGenerator(LongSupplier timestampGenerator) {
      this.timestampGenerator = timestampGenerator;
      return this;
    }

    /**
     * Where {@link ResponseFuture} callbacks and dependent stages run (default: a new virtual
     * thread per completion). A direct executor ({@code Runnable::run}) runs them on the driver's
     * threads: they must then never block.
     */
    public Builder callbackExecutor(java.util.concurrent.Executor callbackExecutor) {
      this.callbackExecutor = callbackExecutor;
      return this;
    }

    public Cluster build() {
      return new Cluster(this);
    }
  }
}
