package io.loomcql.cluster;

import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.ReconnectionPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.timestamps.MonotonicTimestampGenerator;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The options a {@link Cluster} was built with, read back: the public accessors of {@link
 * Cluster}, each naming its default. {@link Cluster} is its only concrete subclass; the options themselves
 * are defined, validated and defaulted in {@link ClusterOptionsBuilder}. Immutable.
 */
abstract sealed class ClusterOptions permits MetadataRefreshes {

  private final ClusterConfig config;

  ClusterOptions(ClusterConfig config) {
    this.config = config;
  }

  /** {@return the contact points as given to the builder (default {@code ["127.0.0.1"]})} */
  public List<String> contactPoints() {
    return config.contactPoints();
  }

  /** {@return the native transport port (default 9042)} */
  public int port() {
    return config.port();
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
    return config.timestampGenerator();
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

  /** Reconnection to lost nodes (default exponential, 1 s to 10 min). */
  public ReconnectionPolicy reconnectionPolicy() {
    return config.reconnectionPolicy();
  }

  /**
   * {@return whether the schema is read into {@link Cluster#metadata()} and kept current (default
   * true)}
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
}
