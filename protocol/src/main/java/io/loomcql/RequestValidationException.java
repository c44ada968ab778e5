package io.loomcql;

/**
 * The server refused a request before executing it (syntax error, invalid query, missing
 * permission, configuration problem). Retrying the same request elsewhere will not help.
 */
public class RequestValidationException extends ServerException {

  /**
   * A validation error with the given code.
   *
   * @param errorCode the protocol error code (0x2000..0x2400)
   * @param serverMessage the server's explanation
   */
  public RequestValidationException(int errorCode, String serverMessage) {
    super(errorCode, serverMessage);
  }
}
