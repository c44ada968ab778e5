package io.loomcql;

/**
 * The server sent ERROR 0x1700 (CAS_WRITE_UNKNOWN): the outcome of a lightweight transaction is
 * unknown (the Paxos proposal may or may not have been accepted).
 */
public class CASWriteUnknownException extends RequestExecutionException {

  /** The consistency level of the request. */
  private final ConsistencyLevel consistency;
  /** How many replicas acknowledged. */
  private final int receivedResponses;
  /** How many acknowledgements were required. */
  private final int requiredResponses;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param consistency the consistency level of the request
   * @param receivedResponses how many replicas acknowledged
   * @param requiredResponses how many acknowledgements were required
   */
  public CASWriteUnknownException(
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses) {
    super(0x1700, serverMessage);
    this.consistency = consistency;
    this.receivedResponses = receivedResponses;
    this.requiredResponses = requiredResponses;
  }

  /** {@return the consistency level of the request} */
  public ConsistencyLevel consistency() {
    return consistency;
  }

  /** {@return how many replicas acknowledged} */
  public int receivedResponses() {
    return receivedResponses;
  }

  /** {@return how many acknowledgements were required} */
  public int requiredResponses() {
    return requiredResponses;
  }

  @Override
  protected String info() {
    return "{'consistency': '" + consistency + "', 'required_responses': " + requiredResponses
        + ", 'received_responses': " + receivedResponses + "}";
  }
}
