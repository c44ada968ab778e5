package io.loomcql.transport.spi;

import io.loomcql.ProtocolVersion;
import io.loomcql.auth.AuthProvider;
import io.loomcql.transport.Compression;
import io.loomcql.transport.SslOptions;
import io.loomcql.wire.Frame;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link Connection} needs to open and run. Immutable; {@link #defaults} plus the
 * {@code with*} copies.
 *
 * @param protocolVersion the version to speak; the handshake fails with
 *     {@link ProtocolVersionRejectedException} if the server refuses it
 * @param connectTimeout bounds the TCP connect and the whole handshake (TLS, CQL, authentication);
 *     default 5 s
 * @param cqlVersion the CQL_VERSION for STARTUP, or {@code null} for the first the server lists
 * @param authProvider used when the server answers STARTUP with AUTHENTICATE; may be null
 * @param maxFrameLength the largest response frame accepted (bytes); default 256 MiB
 * @param maxStreamIds concurrent requests on the wire (stream ids), at most 32768 (the default)
 * @param maxQueuedRequests requests queued or in flight beyond which {@code send} fails with
 *     BusyConnectionException; default 65536
 * @param eventListener receives server-pushed EVENT frames on the I/O thread; may be null
 * @param driverName DRIVER_NAME sent in STARTUP
 * @param driverVersion DRIVER_VERSION sent in STARTUP
 * @param idleHeartbeatInterval after this long without receiving anything the connection sends
 *     OPTIONS; default 30 s, zero disables heartbeats
 * @param idleHeartbeatTimeout a heartbeat unanswered this long closes the connection (defunct);
 *     default 30 s
 * @param compression what to ask for in STARTUP; default {@link Compression#AUTO}
 * @param ssl TLS settings, or null for plain TCP (the default)
 * @param socketOptions applied to the socket before connecting; default TCP_NODELAY and
 *     SO_KEEPALIVE on
 */
public record ConnectionOptions(    ProtocolVersion protocolVersion,
    Duration connectTimeout,
    String cqlVersion,
    AuthProvider authProvider,
    int maxFrameLength,
    int maxStreamIds,
    int maxQueuedRequests,
    Consumer<Frame> eventListener,
    String driverName,
    String driverVersion,
    Duration idleHeartbeatInterval,
    Duration idleHeartbeatTimeout,
    Compression compression,
    SslOptions ssl,
    Map<SocketOption<?>, Object> socketOptions) {

  public static final int DEFAULT_MAX_FRAME_LENGTH = 256 * 1024 * 1024;

  /** The default socket options: TCP_NODELAY and SO_KEEPALIVE on. */
  public static final Map<SocketOption<?>, Object> DEFAULT_SOCKET_OPTIONS =
      Map.of(StandardSocketOptions.TCP_NODELAY, true, StandardSocketOptions.SO_KEEPALIVE, true);

  /** Validates and copies. */
  public ConnectionOptions {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleHeartbeatInterval, "idleHeartbeatInterval");
    Objects.requireNonNull(idleHeartbeatTimeout, "idleHeartbeatTimeout");
    Objects.requireNonNull(compression, "compression");
    if (idleHeartbeatInterval.isNegative()) {
      throw new IllegalArgumentException(
          "idleHeartbeatInterval must be >= 0 (0 disables), got " + idleHeartbeatInterval);
    }
    if (idleHeartbeatTimeout.isNegative() || idleHeartbeatTimeout.isZero()) {
      throw new IllegalArgumentException(
          "idleHeartbeatTimeout must be positive, got " + idleHeartbeatTimeout);
    }
    if (maxStreamIds < 1 || maxStreamIds > 32768) {
      throw new IllegalArgumentException("maxStreamIds must be in [1, 32768], got " + maxStreamIds);
    }
    if (maxQueuedRequests < 1) {
      throw new IllegalArgumentException("maxQueuedRequests must be positive, got " + maxQueuedRequests);
    }
    Map<SocketOption<?>, Object> copy = new LinkedHashMap<>();
    if (socketOptions != null) {
      for (Map.Entry<SocketOption<?>, Object> e : socketOptions.entrySet()) {
        SocketOption<?> option = Objects.requireNonNull(e.getKey(), "socket option");
        Object value = Objects.requireNonNull(e.getValue(), () -> "value of " + option);
        if (!option.type().isInstance(value)) {
          throw new IllegalArgumentException(
              "socket option " + option + " takes a " + option.type().getSimpleName() + ", got " + value);
        }
        copy.put(option, value);
      }
    }
    socketOptions = Collections.unmodifiableMap(copy);
  }

  public static ConnectionOptions defaults(ProtocolVersion version) {
    return new ConnectionOptions(
        version, Duration.ofSeconds(5), null, null, DEFAULT_MAX_FRAME_LENGTH, 32768, 65536, null,
        "loomcql", "0.1.0", Duration.ofSeconds(30), Duration.ofSeconds(30), Compression.AUTO, null,
        DEFAULT_SOCKET_OPTIONS);
  }

  /** A copy with one more socket option (replacing a previous value of the same option). */
  public <T> ConnectionOptions withSocketOption(SocketOption<T> option, T value) {
    Map<SocketOption<?>, Object> copy = new LinkedHashMap<>(socketOptions);
    copy.put(option, value);
    return withSocketOptions(copy);
  }

  public ConnectionOptions withProtocolVersion(ProtocolVersion value) {
    return new ConnectionOptions(
        value, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withConnectTimeout(Duration value) {
    return new ConnectionOptions(
        protocolVersion, value, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withCqlVersion(String value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, value, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withAuthProvider(AuthProvider value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, value, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withMaxFrameLength(int value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, value, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withMaxStreamIds(int value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, value, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withMaxQueuedRequests(int value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, value, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withEventListener(Consumer<Frame> value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, value, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withIdleHeartbeatInterval(Duration value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, value, idleHeartbeatTimeout, compression, ssl, socketOptions);
  }

  public ConnectionOptions withIdleHeartbeatTimeout(Duration value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, value, compression, ssl, socketOptions);
  }

  public ConnectionOptions withCompression(Compression value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, value, ssl, socketOptions);
  }

  public ConnectionOptions withSsl(SslOptions value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, value, socketOptions);
  }

  public ConnectionOptions withSocketOptions(Map<SocketOption<?>, Object> value) {
    return new ConnectionOptions(
        protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds, maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval, idleHeartbeatTimeout, compression, ssl, value);
  }
}
