package io.loomcql.cluster.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.ProtocolVersionRejectedException;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.wire.Frame;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections for a cluster through its transport (the NIO reactor by default), applies
 * the cluster's connection options, and negotiates the protocol version on the first connection.
 */
public final class Connector {

  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

  private final TransportFactory transport;
  private final ConnectionOptions options;

  public Connector(TransportFactory transport, ConnectionOptions options) {
    this.transport = transport;
    this.options = options;
  }

  public CompletableFuture<Connection> open(InetSocketAddress endpoint, ProtocolVersion version) {
    return transport.open(endpoint, options.toBuilder().protocolVersion(version).build());
  }

  /**
   * Opens a connection starting at {@code highest} and, unless {@code explicit}, stepping down a
   * version each time the node rejects one (the Python driver's negotiation). Blocks the caller.
   */
  public Connection openNegotiating(
      InetSocketAddress endpoint, ProtocolVersion highest, boolean explicit) {
    return openNegotiating(endpoint, highest, explicit, null);
  }

  /** Like {@link #openNegotiating(InetSocketAddress, ProtocolVersion, boolean)}, with server events to {@code eventListener}. */
  public Connection openNegotiating(
      InetSocketAddress endpoint,
      ProtocolVersion highest,
      boolean explicit,
      Consumer<Frame> eventListener) {
    ProtocolVersion version = highest;
    while (true) {
      try {
        Connection connection =
            transport
                .open(
                    endpoint,
                    options.toBuilder().protocolVersion(version).eventListener(eventListener).build())
                .join();
        LOG.debug("Connected to {} with protocol {}", endpoint, version);
        return connection;
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ProtocolVersionRejectedException rejected
            && !explicit
            && version.lower() != null) {
          LOG.info(
              "{} rejected protocol {} ({}); trying {}",
              endpoint, version, rejected.getMessage(), version.lower());
          version = version.lower();
          continue;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw e;
      }
    }
  }

  public ConnectionOptions options() {
    return options;
  }
}
