package io.loomcql;

import java.net.InetAddress;
import java.util.Map;

/** The server sent ERROR 0x1300 (Read_failure): replicas failed to execute a read. */
public class ReadFailureException extends CoordinationFailureException {

  /** Whether the replica asked for the data answered. */
  private final boolean dataRetrieved;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param dataRetrieved whether the replica asked for the data answered
   */
  public ReadFailureException(
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses,
      int failures,
      Map<InetAddress, Integer> reasonByEndpoint,
      boolean dataRetrieved) {
    super(0x1300, serverMessage, consistency, receivedResponses, requiredResponses, failures,
        reasonByEndpoint);
    this.dataRetrieved = dataRetrieved;
  }

  /** {@return whether the replica asked for the data answered} */
  public boolean dataRetrieved() {
    return dataRetrieved;
  }

  @Override
  protected String extraInfo() {
    return ", 'data_retrieved': " + (dataRetrieved ? "True" : "False");
  }
}
