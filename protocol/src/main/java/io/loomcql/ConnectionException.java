package io.loomcql;

import java.net.InetSocketAddress;

/**
 * A connection to a node failed or could not be opened (refused, reset, closed by the server,
 * handshake failure). The request may be retried on another connection.
 */
public class ConnectionException extends DriverException {

  /** The node's address, or {@code null} if unknown. */
  private final InetSocketAddress endpoint;

  /**
   * An exception about the connection to {@code endpoint}.
   *
   * @param endpoint the node's address; may be {@code null} if unknown
   */
  public ConnectionException(String message, InetSocketAddress endpoint) {
    super(message);
    this.endpoint = endpoint;
  }

  /** An exception about the connection to {@code endpoint}, with the I/O error that caused it. */
  public ConnectionException(String message, InetSocketAddress endpoint, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** {@return the address of the node this connection was to, or {@code null} if unknown} */
  public InetSocketAddress endpoint() {
    return endpoint;
  }
}
