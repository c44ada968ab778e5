package io.loomcql;

/**
 * The server sent ERROR 0x1100 (Write_timeout): replicas did not acknowledge a write in time.
 * {@link #writeType()} is the server's write type ("SIMPLE", "BATCH", "UNLOGGED_BATCH", "COUNTER",
 * "BATCH_LOG", "CAS", "VIEW", "CDC"); on v5 a CAS timeout also carries the number of
 * {@link #contentions()} (-1 when not sent).
 */
public class WriteTimeoutException extends TimeoutException {

  /** The kind of write, as the server named it. */
  private final String writeType;
  /** The number of Paxos contentions of a v5 CAS write, or -1. */
  private final int contentions;

  /** A write timeout without a contention count. */
  public WriteTimeoutException(
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses,
      String writeType) {
    this(serverMessage, consistency, receivedResponses, requiredResponses, writeType, -1);
  }

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param writeType the kind of write, as the server named it
   * @param contentions the number of Paxos contentions of a v5 CAS write, or -1
   */
  public WriteTimeoutException(
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses,
      String writeType,
      int contentions) {
    super(0x1100, serverMessage, consistency, receivedResponses, requiredResponses);
    this.writeType = writeType;
    this.contentions = contentions;
  }

  /** {@return the kind of write, e.g. "SIMPLE" or "BATCH_LOG"} */
  public String writeType() {
    return writeType;
  }

  /**
   * {@return the number of Paxos contentions of a CAS write (v5), or -1 if the server sent none}
   */
  public int contentions() {
    return contentions;
  }

  @Override
  protected String extraInfo() {
    return ", 'write_type': '" + writeType + "'"
        + (contentions >= 0 ? ", 'contentions': " + contentions : "");
  }
}
