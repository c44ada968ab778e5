package io.loomcql;

/**
 * Bytes that do not follow the native protocol: a malformed frame, segment or message received from
 * a server (a length beyond what is left, an unknown opcode, a CRC mismatch...), or a server's
 * ERROR 0x000A (Protocol error) saying that it could not understand what the driver sent.
 *
 * <p>The message names what was wrong. A connection that received a malformed frame cannot be
 * trusted any more and is closed.
 */
public class ProtocolException extends DriverException {

  /** An exception describing what was malformed. */
  public ProtocolException(String message) {
    super(message);
  }

  /** An exception describing what was malformed, with the error that revealed it. */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
