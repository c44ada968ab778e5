package io.loomcql;

/** The server sent ERROR 0x1001 (Overloaded): the coordinator is overloaded and refused the request, which was not executed. */
public class OverloadedException extends ServerException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public OverloadedException(String serverMessage) {
    super(0x1001, serverMessage);
  }
}
