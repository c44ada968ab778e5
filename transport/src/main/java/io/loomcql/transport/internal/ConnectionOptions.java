package io.loomcql.transport.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.auth.AuthProvider;
import io.loomcql.protocol.internal.Frame;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link Connection} needs to open and run.
 *
 * @param protocolVersion the version to speak; the handshake fails with
 *     {@link ProtocolVersionRejectedException} if the server refuses it
 * @param connectTimeout bounds the TCP connect and the whole handshake, authentication included
 * @param cqlVersion the CQL_VERSION for STARTUP, or {@code null} for the first the server lists
 * @param authProvider used when the server answers STARTUP with AUTHENTICATE; may be null
 * @param maxFrameLength the largest response frame accepted (bytes)
 * @param maxStreamIds concurrent requests on the wire (stream ids), at most 32768
 * @param maxQueuedRequests requests queued or in flight beyond which {@code send} fails with
 *     BusyConnectionException
 * @param eventListener receives server-pushed EVENT frames on the loop thread; may be null
 * @param driverName DRIVER_NAME sent in STARTUP
 * @param driverVersion DRIVER_VERSION sent in STARTUP
 */
public record ConnectionOptions(
    ProtocolVersion protocolVersion,
    Duration connectTimeout,
    String cqlVersion,
    AuthProvider authProvider,
    int maxFrameLength,
    int maxStreamIds,
    int maxQueuedRequests,
    Consumer<Frame> eventListener,
    String driverName,
    String driverVersion) {

  public static final int DEFAULT_MAX_FRAME_LENGTH = 256 * 1024 * 1024;

  public ConnectionOptions {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  public static ConnectionOptions defaults(ProtocolVersion version) {
    return new ConnectionOptions(
        version, Duration.ofSeconds(5), null, null, DEFAULT_MAX_FRAME_LENGTH, 32768, 65536, null,
        "loomcql", "0.1.0");
  }

  public ConnectionOptions withProtocolVersion(ProtocolVersion version) {
    return new ConnectionOptions(
        version, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds,
        maxQueuedRequests, eventListener, driverName, driverVersion);
  }

  public ConnectionOptions withConnectTimeout(Duration timeout) {
    return new ConnectionOptions(
        protocolVersion, timeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds,
        maxQueuedRequests, eventListener, driverName, driverVersion);
  }

  public ConnectionOptions withAuthProvider(AuthProvider provider) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, provider, maxFrameLength, maxStreamIds,
        maxQueuedRequests, eventListener, driverName, driverVersion);
  }

  public ConnectionOptions withCqlVersion(String version) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, version, authProvider, maxFrameLength, maxStreamIds,
        maxQueuedRequests, eventListener, driverName, driverVersion);
  }

  public ConnectionOptions withEventListener(Consumer<Frame> listener) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds,
        maxQueuedRequests, listener, driverName, driverVersion);
  }
}
