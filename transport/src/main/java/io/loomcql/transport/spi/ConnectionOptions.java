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
 * What a {@link Connection} needs to open and run. Immutable: {@link #defaults} for a version,
 * {@link #builder} or {@link #toBuilder} for others.
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
    String driverVersion,
    Duration idleHeartbeatInterval,
    Duration idleHeartbeatTimeout,
    Compression compression,
    SslOptions ssl,
    Map<SocketOption<?>, Object> socketOptions) {

  /** The default {@code maxFrameLength}: 256 MiB. */
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
      throw new IllegalArgumentException(
          "maxQueuedRequests must be positive, got " + maxQueuedRequests);
    }
    Map<SocketOption<?>, Object> copy = new LinkedHashMap<>();
    if (socketOptions != null) {
      for (Map.Entry<SocketOption<?>, Object> e : socketOptions.entrySet()) {
        SocketOption<?> option = Objects.requireNonNull(e.getKey(), "socket option");
        Object value = Objects.requireNonNull(e.getValue(), () -> "value of " + option);
        if (!option.type().isInstance(value)) {
          throw new IllegalArgumentException(
              "socket option " + option + " takes a " + option.type().getSimpleName() + ", got "
                  + value);
        }
        copy.put(option, value);
      }
    }
    socketOptions = Collections.unmodifiableMap(copy);
  }

  /** {@return the defaults (see the components) for speaking {@code version}} */
  public static ConnectionOptions defaults(ProtocolVersion version) {
    return builder(version).build();
  }

  /** {@return a builder starting from the defaults for {@code version}} */
  public static Builder builder(ProtocolVersion version) {
    return new Builder(version);
  }

  /** {@return a builder starting from these options} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link ConnectionOptions}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private ProtocolVersion protocolVersion;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private String cqlVersion;
    private AuthProvider authProvider;
    private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int maxStreamIds = 32768;
    private int maxQueuedRequests = 65536;
    private Consumer<Frame> eventListener;
    private String driverName = "loomcql";
    private String driverVersion = "0.1.0";
    private Duration idleHeartbeatInterval = Duration.ofSeconds(30);
    private Duration idleHeartbeatTimeout = Duration.ofSeconds(30);
    private Compression compression = Compression.AUTO;
    private SslOptions ssl;
    private final Map<SocketOption<?>, Object> socketOptions =
        new LinkedHashMap<>(DEFAULT_SOCKET_OPTIONS);

    private Builder(ProtocolVersion version) {
      this.protocolVersion = version;
    }

    private Builder(ConnectionOptions from) {
      protocolVersion = from.protocolVersion;
      connectTimeout = from.connectTimeout;
      cqlVersion = from.cqlVersion;
      authProvider = from.authProvider;
      maxFrameLength = from.maxFrameLength;
      maxStreamIds = from.maxStreamIds;
      maxQueuedRequests = from.maxQueuedRequests;
      eventListener = from.eventListener;
      driverName = from.driverName;
      driverVersion = from.driverVersion;
      idleHeartbeatInterval = from.idleHeartbeatInterval;
      idleHeartbeatTimeout = from.idleHeartbeatTimeout;
      compression = from.compression;
      ssl = from.ssl;
      socketOptions.clear();
      socketOptions.putAll(from.socketOptions);
    }

    /** Sets {@link ConnectionOptions#protocolVersion()}. */
    public Builder protocolVersion(ProtocolVersion value) {
      protocolVersion = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#connectTimeout()}. */
    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#cqlVersion()}. */
    public Builder cqlVersion(String value) {
      cqlVersion = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#authProvider()}. */
    public Builder authProvider(AuthProvider value) {
      authProvider = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#maxFrameLength()}. */
    public Builder maxFrameLength(int value) {
      maxFrameLength = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#maxStreamIds()}. */
    public Builder maxStreamIds(int value) {
      maxStreamIds = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#maxQueuedRequests()}. */
    public Builder maxQueuedRequests(int value) {
      maxQueuedRequests = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#eventListener()}. */
    public Builder eventListener(Consumer<Frame> value) {
      eventListener = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#driverName()}. */
    public Builder driverName(String value) {
      driverName = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#driverVersion()}. */
    public Builder driverVersion(String value) {
      driverVersion = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#idleHeartbeatInterval()}. */
    public Builder idleHeartbeatInterval(Duration value) {
      idleHeartbeatInterval = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#idleHeartbeatTimeout()}. */
    public Builder idleHeartbeatTimeout(Duration value) {
      idleHeartbeatTimeout = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#compression()}. */
    public Builder compression(Compression value) {
      compression = value;
      return this;
    }

    /** Sets {@link ConnectionOptions#ssl()}. */
    public Builder ssl(SslOptions value) {
      ssl = value;
      return this;
    }

    /** Sets one socket option, replacing a previous value of the same option. */
    public <T> Builder socketOption(SocketOption<T> option, T value) {
      socketOptions.put(option, value);
      return this;
    }

    /** Replaces every socket option (the defaults included) with {@code options}. */
    public Builder socketOptions(Map<SocketOption<?>, Object> options) {
      socketOptions.clear();
      socketOptions.putAll(options);
      return this;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if a required value is missing
     */
    public ConnectionOptions build() {
      return new ConnectionOptions(
          protocolVersion, connectTimeout, cqlVersion, authProvider, maxFrameLength, maxStreamIds,
          maxQueuedRequests, eventListener, driverName, driverVersion, idleHeartbeatInterval,
          idleHeartbeatTimeout, compression, ssl, socketOptions);
    }
  }
}
