package io.loomcql;

/** The server sent ERROR 0x2200 (Invalid): the request is syntactically correct but invalid (unknown table, wrong types...). */
public class InvalidRequestException extends RequestValidationException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public InvalidRequestException(String serverMessage) {
    super(0x2200, serverMessage);
  }
}
