package io.loomcql.cluster.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.RequestLogger;
import io.loomcql.node.Host;
import io.loomcql.policies.AddressTranslator;
import io.loomcql.policies.ConvictionPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.ReconnectionPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Everything a cluster was built with: immutable, made once by {@code Cluster.Builder} (which
 * defines, validates and defaults each option) and read by every part of the cluster.
 *
 * @param protocolVersion the version to speak exactly, or null to start at the highest and step
 *     down when a server refuses it
 * @param connectionsPerHost {@code [core, max]} connections by distance; a distance not in the
 *     map has {@code [1, 1]}
 * @param callbackExecutor the user's executor, or null: the cluster then runs callbacks on its
 *     own runner virtual threads ({@link CallbackRunners})
 * @param transport the user's transport factory, or null: the cluster then creates (and closes)
 *     its own
 */
public record ClusterConfig(
    List<String> contactPoints,
    int port,
    ProtocolVersion protocolVersion,
    Duration connectTimeout,
    Duration controlConnectionTimeout,
    Duration maxSchemaAgreementWait,
    Duration schemaEventRefreshWindow,
    Duration topologyEventRefreshWindow,
    Duration statusEventRefreshWindow,
    ReconnectionPolicy reconnectionPolicy,
    AuthProvider authProvider,
    boolean metricsEnabled,
    boolean prepareOnAllHosts,
    boolean reprepareOnUp,
    Map<HostDistance, int[]> connectionsPerHost,
    String cqlVersion,
    LongSupplier timestampGenerator,
    Executor callbackExecutor,
    LoadBalancingPolicy loadBalancingPolicy,
    RetryPolicy defaultRetryPolicy,
    Map<String, ExecutionProfile> executionProfiles,
    AddressTranslator addressTranslator,
    Function<Host, ConvictionPolicy> convictionPolicyFactory,
    boolean schemaMetadataEnabled,
    boolean tokenMetadataEnabled,
    TransportFactory transport,
    Duration idleHeartbeatInterval,
    Duration idleHeartbeatTimeout,
    Compression compression,
    SslOptions sslOptions,
    Map<SocketOption<?>, Object> socketOptions,
    RequestLogger requestLogger) {

  public ClusterConfig {
    contactPoints = List.copyOf(contactPoints);
    Map<HostDistance, int[]> sizes = new EnumMap<>(HostDistance.class);
    connectionsPerHost.forEach((distance, coreAndMax) -> sizes.put(distance, coreAndMax.clone()));
    connectionsPerHost = Collections.unmodifiableMap(sizes);
    executionProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(executionProfiles));
    socketOptions = Collections.unmodifiableMap(new LinkedHashMap<>(socketOptions));
  }

  /** {@return the highest protocol version to try: the one set, else the highest supported} */
  public ProtocolVersion highestProtocolVersion() {
    return protocolVersion == null ? ProtocolVersion.HIGHEST : protocolVersion;
  }

  /** {@return the connections a session opens to a node at {@code distance}} */
  public int coreConnections(HostDistance distance) {
    int[] sizes = connectionsPerHost.get(distance);
    return sizes == null ? 1 : sizes[0];
  }

  /** {@return the most connections a session keeps to a node at {@code distance}} */
  public int maxConnections(HostDistance distance) {
    int[] sizes = connectionsPerHost.get(distance);
    return sizes == null ? 1 : sizes[1];
  }

  /** {@return the options every connection of the cluster opens with} */
  public ConnectionOptions connectionOptions() {
    ConnectionOptions.Builder options =
        ConnectionOptions.builder(highestProtocolVersion())
            .connectTimeout(connectTimeout)
            .authProvider(authProvider)
            .cqlVersion(cqlVersion)
            .idleHeartbeatInterval(idleHeartbeatInterval)
            .idleHeartbeatTimeout(idleHeartbeatTimeout)
            .compression(compression)
            .ssl(sslOptions);
    socketOptions.forEach((option, value) -> setSocketOption(options, option, value));
    return options.build();
  }

  @SuppressWarnings("unchecked")
  private static void setSocketOption(
      ConnectionOptions.Builder options, SocketOption<?> option, Object value) {
    options.socketOption((SocketOption<Object>) option, value);
  }

}
