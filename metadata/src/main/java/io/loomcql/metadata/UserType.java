package io.loomcql.metadata;

import java.util.List;
import java.util.Objects;

/**
 * A user-defined type of a keyspace (the Python driver's {@code cassandra.metadata.UserType}), from
 * {@code system_schema.types}. Not to be confused with {@link io.loomcql.cqltypes.UserType}, the
 * data type of its values, which {@link #dataType()} gives.
 *
 * @param keyspace the keyspace of the type
 * @param name the type's name, case preserved and unquoted
 * @param fieldNames the fields' names, in declaration order
 * @param fieldTypes the fields' types as {@code system_schema} stores them, same order
 * @param dataType the resolved data type, its field types parsed and nested user types resolved
 */
public record UserType(
    String keyspace,
    String name,
    List<String> fieldNames,
    List<String> fieldTypes,
    io.loomcql.cqltypes.UserType dataType) {

  /** Copies the lists and checks that they have the same size. */
  public UserType {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
    fieldNames = List.copyOf(fieldNames);
    fieldTypes = List.copyOf(fieldTypes);
    if (fieldNames.size() != fieldTypes.size()) {
      throw new IllegalArgumentException(
          "User type " + name + " has " + fieldNames.size() + " field names and "
              + fieldTypes.size() + " field types");
    }
  }

  /**
   * {@code CREATE TYPE ks.name (field type, ...)} formatted over several lines as DESCRIBE prints
   * it, without the final semicolon.
   */
  public String asCqlQuery() {
    StringBuilder out =
        new StringBuilder("CREATE TYPE ").append(CqlNames.qualified(keyspace, name)).append(" (\n");
    for (int i = 0; i < fieldNames.size(); i++) {
      out.append("    ")
          .append(CqlNames.protectName(fieldNames.get(i)))
          .append(' ')
          .append(fieldTypes.get(i))
          .append(i + 1 < fieldNames.size() ? ",\n" : "\n");
    }
    return out.append(')').toString();
  }

  /** {@link #asCqlQuery()} followed by a semicolon. */
  public String exportAsString() {
    return asCqlQuery() + ";";
  }
}
