package io.loomcql;

/**
 * The server sent ERROR 0x2400 (Already_exists): a CREATE KEYSPACE or CREATE TABLE named something
 * that already exists. {@link #table()} is empty when it was a keyspace.
 */
public class AlreadyExistsException extends ConfigurationException {

  /** The keyspace that exists, or the keyspace of the table that exists. */
  private final String keyspace;
  /** The table that exists, or {@code ""} when it is the keyspace. */
  private final String table;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param keyspace the keyspace (or the table's keyspace)
   * @param table the table, or {@code ""} when the keyspace already exists
   */
  public AlreadyExistsException(String serverMessage, String keyspace, String table) {
    super(0x2400, serverMessage);
    this.keyspace = keyspace;
    this.table = table == null ? "" : table;
  }

  /** {@return the keyspace that exists, or the keyspace of the table that exists} */
  public String keyspace() {
    return keyspace;
  }

  /** {@return the table that exists, or {@code ""} if the keyspace does} */
  public String table() {
    return table;
  }

  /** {@return whether it is the keyspace (not a table) that already exists} */
  public boolean isKeyspace() {
    return table.isEmpty();
  }

  @Override
  protected String info() {
    return isKeyspace()
        ? "{'keyspace': '" + keyspace + "'}"
        : "{'keyspace': '" + keyspace + "', 'table': '" + table + "'}";
  }
}
