package io.loomcql;

/**
 * The coordinator timed out waiting for replicas (server-side timeout, ERROR 0x1100 or 0x1200). The
 * request may or may not have been applied.
 */
public class TimeoutException extends RequestExecutionException {

  /** The consistency level of the request. */
  private final ConsistencyLevel consistency;
  /** How many replicas answered in time. */
  private final int receivedResponses;
  /** How many answers were required. */
  private final int requiredResponses;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param errorCode 0x1100 (write) or 0x1200 (read)
   * @param consistency the consistency level of the request
   * @param receivedResponses how many replicas answered in time
   * @param requiredResponses how many answers the consistency level required
   */
  public TimeoutException(
      int errorCode,
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses) {
    super(errorCode, serverMessage);
    this.consistency = consistency;
    this.receivedResponses = receivedResponses;
    this.requiredResponses = requiredResponses;
  }

  /** {@return the consistency level of the request} */
  public ConsistencyLevel consistency() {
    return consistency;
  }

  /** {@return how many replicas answered in time} */
  public int receivedResponses() {
    return receivedResponses;
  }

  /** {@return how many answers were required ("block_for")} */
  public int requiredResponses() {
    return requiredResponses;
  }

  @Override
  protected String info() {
    return "{'consistency': '" + consistency + "', 'required_responses': " + requiredResponses
        + ", 'received_responses': " + receivedResponses + extraInfo() + "}";
  }

  /** Further {@code , 'key': value} pairs of subclasses for {@link #getMessage()}. */
  protected String extraInfo() {
    return "";
  }
}
