package io.loomcql;

import java.net.InetSocketAddress;

/**
 * The server sent ERROR 0x0100 (Bad credentials): authentication failed, typically wrong username
 * or password. Also thrown by the driver when the authentication exchange cannot proceed.
 *
 * <p>Raised by a connection's handshake, it names the node, as the Python driver's
 * {@code AuthenticationFailed("Failed to authenticate to <endpoint>: <server error>")} does. A
 * node that refuses the credentials is not retried on the reconnection schedule: new
 * credentials need a new {@code Cluster}.
 */
public class AuthenticationFailedException extends ServerException {

  /** The node that refused the credentials, or null when not known. */
  private final InetSocketAddress endpoint;

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public AuthenticationFailedException(String serverMessage) {
    this(serverMessage, null);
  }

  /**
   * Creates the exception for a node that refused the credentials.
   *
   * @param serverMessage the server's explanation
   * @param endpoint the node's address, or null when not known
   */
  public AuthenticationFailedException(String serverMessage, InetSocketAddress endpoint) {
    super(0x0100, serverMessage);
    this.endpoint = endpoint;
  }

  /** {@return the node that refused the credentials, or null when not known} */
  public InetSocketAddress endpoint() {
    return endpoint;
  }

  /**
   * {@return "Failed to authenticate to HOST:PORT: " followed by the server error, or the server
   * error alone when the node is not known}
   */
  @Override
  public String getMessage() {
    if (endpoint == null) {
      return super.getMessage();
    }
    return "Failed to authenticate to " + endpoint.getHostString() + ":" + endpoint.getPort() + ": "
        + super.getMessage();
  }
}
