package io.loomcql.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A secondary index (the Python driver's {@code IndexMetadata}), from one row of {@code
 * system_schema.indexes}: a regular index ({@code COMPOSITES}, or {@code KEYS} from Thrift days)
 * on a column or on the {@code keys(...)}, {@code values(...)}, {@code entries(...)} or {@code
 * full(...)} of a collection, or a custom index such as a Storage-Attached Index ({@code
 * StorageAttachedIndex}, {@code sai}) with its class and options.
 *
 * @param keyspaceName the keyspace of the indexed table
 * @param tableName the indexed table
 * @param name the index's name
 * @param kind {@code COMPOSITES}, {@code KEYS} or {@code CUSTOM}
 * @param options the index options, including {@code target} and, for custom indexes, {@code
 *     class_name}
 */
public record IndexMetadata(
    String keyspaceName, String tableName, String name, String kind, Map<String, String> options) {

  /** Copies the options; checks that nothing is null. */
  public IndexMetadata {
    Objects.requireNonNull(keyspaceName, "keyspaceName");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    options = Map.copyOf(options);
  }

  /** Whether this is a custom index ({@code CREATE CUSTOM INDEX ... USING 'class'}). */
  public boolean isCustom() {
    return "CUSTOM".equalsIgnoreCase(kind);
  }

  /**
   * The indexed target as CQL writes it, e.g. {@code payload}, {@code keys(m)} or a quoted column
   * name; null if the row has none.
   */
  public String target() {
    return options.get("target");
  }

  /**
   * {@return the class of a custom index as given at creation ({@code sai}, {@code
   * StorageAttachedIndex}, ...)}
   */
  public String className() {
    return options.get("class_name");
  }

  /** {@return whether this is a Storage-Attached Index (Cassandra 5.0's {@code sai})} */
  public boolean isStorageAttached() {
    String className = className();
    return className != null
        && (className.equalsIgnoreCase("sai") || className.endsWith("StorageAttachedIndex"));
  }

  /**
   * The statement that creates the index, as Cassandra 5.0's DESCRIBE prints it (without the
   * final semicolon): {@code CREATE INDEX name ON ks.table (target)} or {@code CREATE CUSTOM INDEX
   * name ON ks.table (target) USING 'class' [WITH OPTIONS = {...}]}.
   */
  public String asCqlQuery() {
    StringBuilder out = new StringBuilder(isCustom() ? "CREATE CUSTOM INDEX " : "CREATE INDEX ");
    out.append(CqlNames.protectName(name))
        .append(" ON ")
        .append(CqlNames.qualified(keyspaceName, tableName))
        .append(" (")
        .append(target() == null ? "" : target())
        .append(')');
    if (isCustom()) {
      out.append(" USING ").append(CqlNames.quoteString(className() == null ? "" : className()));
      Map<String, String> rest = new TreeMap<>(options);
      rest.remove("target");
      rest.remove("class_name");
      if (!rest.isEmpty()) {
        out.append(" WITH OPTIONS = ").append(CqlNames.mapLiteral(rest));
      }
    }
    return out.toString();
  }

  /** {@link #asCqlQuery()} followed by a semicolon. */
  public String exportAsString() {
    return asCqlQuery() + ";";
  }
}
