package io.loomcql;

import java.net.InetAddress;
import java.util.Map;

/** The server sent ERROR 0x1500 (Write_failure): replicas failed to execute a write. */
public class WriteFailureException extends CoordinationFailureException {

  /** The kind of write, as the server named it. */
  private final String writeType;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param writeType the kind of write, as the server named it (e.g. "SIMPLE")
   */
  public WriteFailureException(
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses,
      int failures,
      Map<InetAddress, Integer> reasonByEndpoint,
      String writeType) {
    super(0x1500, serverMessage, consistency, receivedResponses, requiredResponses, failures,
        reasonByEndpoint);
    this.writeType = writeType;
  }

  /** {@return the kind of write, e.g. "SIMPLE"} */
  public String writeType() {
    return writeType;
  }

  @Override
  protected String extraInfo() {
    return ", 'write_type': '" + writeType + "'";
  }
}
