package io.loomcql;

/** The server sent ERROR 0x2200 (Invalid): the request is syntactically correct but invalid (unknown table, wrong types...). */
public class InvalidRequestException extends RequestValidationException {

  /** @param serverMessage the server's explanation */
  public InvalidRequestException(String serverMessage) {
    super(0x2200, serverMessage);
  }
}
