package io.loomcql;

/**
 * The server sent ERROR 0x0000 (Server error: something unexpected happened on its side, a bug or
 * an internal failure), or an error code that loomcql does not know, kept in {@link #errorCode()}.
 */
public class ServerErrorException extends ServerException {

  /** A server error (code 0x0000). */
  public ServerErrorException(String serverMessage) {
    super(0x0000, serverMessage);
  }

  /** An error with a code loomcql does not map to a more specific exception. */
  public ServerErrorException(int errorCode, String serverMessage) {
    super(errorCode, serverMessage);
  }
}
