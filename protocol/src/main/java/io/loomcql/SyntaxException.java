package io.loomcql;

/** The server sent ERROR 0x2000 (Syntax_error): the CQL text does not parse. */
public class SyntaxException extends RequestValidationException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public SyntaxException(String serverMessage) {
    super(0x2000, serverMessage);
  }
}
