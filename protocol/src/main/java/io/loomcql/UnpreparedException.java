package io.loomcql;

import java.util.HexFormat;

/**
 * The server sent ERROR 0x2500 (Unprepared): it does not know the prepared statement id of an
 * EXECUTE (or of a BATCH entry). The driver handles it by preparing the statement again on that node
 * and retrying.
 */
public class UnpreparedException extends ServerException {

  /** The unknown prepared statement id. */
  private final byte[] queryId;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param queryId the unknown prepared statement id
   */
  public UnpreparedException(String serverMessage, byte[] queryId) {
    super(0x2500, serverMessage);
    this.queryId = queryId == null ? new byte[0] : queryId.clone();
  }

  /** {@return the unknown prepared statement id (a copy)} */
  public byte[] queryId() {
    return queryId.clone();
  }

  @Override
  protected String info() {
    return "{'query_id': '" + HexFormat.of().formatHex(queryId) + "'}";
  }
}
