package io.loomcql;

/**
 * The server sent ERROR 0x0100 (Bad credentials): authentication failed, typically wrong username
 * or password. Also thrown by the driver when the authentication exchange cannot proceed.
 */
public class AuthenticationFailedException extends ServerException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public AuthenticationFailedException(String serverMessage) {
    super(0x0100, serverMessage);
  }
}
