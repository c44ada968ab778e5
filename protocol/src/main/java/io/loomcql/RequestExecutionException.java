package io.loomcql;

/**
 * The server accepted a request but failed to execute it (unavailable replicas, timeouts, replica
 * failures, function failures). The base of the Python driver's {@code RequestExecutionException}
 * family.
 */
public class RequestExecutionException extends ServerException {

  /**
   * An execution error with the given code.
   *
   * @param errorCode the protocol error code
   * @param serverMessage the server's explanation
   */
  public RequestExecutionException(int errorCode, String serverMessage) {
    super(errorCode, serverMessage);
  }
}
