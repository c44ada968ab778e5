package io.loomcql;

/** The server sent ERROR 0x2100 (Unauthorized): the logged-in user lacks a permission the request needs. */
public class UnauthorizedException extends RequestValidationException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public UnauthorizedException(String serverMessage) {
    super(0x2100, serverMessage);
  }
}
