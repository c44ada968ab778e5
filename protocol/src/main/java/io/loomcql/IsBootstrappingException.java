package io.loomcql;

/** The server sent ERROR 0x1002 (Is_bootstrapping): the coordinator is still joining the cluster and cannot serve requests yet; nothing was executed. */
public class IsBootstrappingException extends ServerException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public IsBootstrappingException(String serverMessage) {
    super(0x1002, serverMessage);
  }
}
