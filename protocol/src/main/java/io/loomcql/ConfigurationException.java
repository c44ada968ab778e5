package io.loomcql;

/**
 * The server sent ERROR 0x2300 (Config_error): the request is invalid because of the configuration
 * of the cluster or of the schema (for example an unknown replication strategy).
 */
public class ConfigurationException extends RequestValidationException {

  /**
   * Creates the exception from the server's ERROR message.
   *
   * @param serverMessage the server's explanation
   */
  public ConfigurationException(String serverMessage) {
    super(0x2300, serverMessage);
  }

  /** For subclasses with their own error code. */
  protected ConfigurationException(int errorCode, String serverMessage) {
    super(errorCode, serverMessage);
  }
}
