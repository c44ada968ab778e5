package io.loomcql.metadata;

import java.util.Map;
import java.util.Objects;

/**
 * A trigger on a table (the Python driver's {@code TriggerMetadata}), from {@code
 * system_schema.triggers}.
 *
 * @param keyspaceName the keyspace of the table
 * @param tableName the table
 * @param name the trigger's name
 * @param options its options; {@code class} names the trigger's implementation
 */
public record TriggerMetadata(
    String keyspaceName, String tableName, String name, Map<String, String> options) {

  /** Copies the options; checks that nothing is null. */
  public TriggerMetadata {
    Objects.requireNonNull(keyspaceName, "keyspaceName");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(name, "name");
    options = Map.copyOf(options);
  }

  /** {@code CREATE TRIGGER name ON ks.table USING 'class'}. */
  public String asCqlQuery() {
    return "CREATE TRIGGER "
        + CqlNames.protectName(name)
        + " ON "
        + CqlNames.qualified(keyspaceName, tableName)
        + " USING "
        + CqlNames.quoteString(options.getOrDefault("class", ""));
  }

  /** {@link #asCqlQuery()} followed by a semicolon. */
  public String exportAsString() {
    return asCqlQuery() + ";";
  }
}
