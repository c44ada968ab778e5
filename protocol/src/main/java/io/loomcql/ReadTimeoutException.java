package io.loomcql;

/**
 * The server sent ERROR 0x1200 (Read_timeout): replicas did not answer a read in time.
 * {@link #dataRetrieved()} tells whether the replica asked for the data answered.
 */
public class ReadTimeoutException extends TimeoutException {

  /** Whether the replica asked for the data answered. */
  private final boolean dataRetrieved;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param dataRetrieved whether the replica asked for the data (rather than a digest) answered
   */
  public ReadTimeoutException(
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses,
      boolean dataRetrieved) {
    super(0x1200, serverMessage, consistency, receivedResponses, requiredResponses);
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
