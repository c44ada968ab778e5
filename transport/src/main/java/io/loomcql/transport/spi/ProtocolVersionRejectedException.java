package io.loomcql.transport.spi;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolVersion;
import java.net.InetSocketAddress;

/**
 * The node refused the protocol version the handshake offered; the caller may retry with a lower
 * one on a new connection (the server closes this one).
 */
public final class ProtocolVersionRejectedException extends ConnectionException {

  private final ProtocolVersion rejected;

  /**
   * @param endpoint the node
   * @param rejected the version it refused
   * @param serverMessage the message of its PROTOCOL_ERROR
   */
  public ProtocolVersionRejectedException(
      InetSocketAddress endpoint, ProtocolVersion rejected, String serverMessage) {
    super(
        "Protocol version " + rejected + " rejected by " + endpoint + ": " + serverMessage,
        endpoint);
    this.rejected = rejected;
  }

  /** {@return the version the node refused} */
  public ProtocolVersion rejected() {
    return rejected;
  }
}
