package io.loomcql;

/** The server sent ERROR 0x1600 (CDC_WRITE_FAILURE): a write to a CDC-enabled table was rejected because the CDC space is exhausted. */
public class CDCWriteFailureException extends RequestExecutionException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public CDCWriteFailureException(String serverMessage) {
    super(0x1600, serverMessage);
  }
}
