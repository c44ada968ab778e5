package io.loomcql;

/** The server sent ERROR 0x1003 (Truncate_error): a TRUNCATE failed on some replica. */
public class TruncateException extends ServerException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public TruncateException(String serverMessage) {
    super(0x1003, serverMessage);
  }
}
