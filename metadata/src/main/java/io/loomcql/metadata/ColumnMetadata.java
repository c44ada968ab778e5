package io.loomcql.metadata;

import io.loomcql.cqltypes.DataType;
import java.util.Locale;
import java.util.Objects;

/**
 * A column of a table or materialized view (the Python driver's {@code ColumnMetadata}), from one
 * row of {@code system_schema.columns}.
 *
 * @param keyspaceName the keyspace of the table
 * @param tableName the table (or view) the column belongs to
 * @param name the column's name, case preserved and unquoted
 * @param cqlType the type as {@code system_schema} stores it (frozenness kept), e.g. {@code
 *     frozen<list<int>>}; a descending clustering column's type is stored without its reversal
 * @param type {@link #cqlType()} parsed, user types resolved against the keyspace
 * @param kind partition key, clustering, regular or static
 * @param position the index within the partition or clustering key; -1 for other columns
 * @param clusteringOrder the order of a clustering column; {@link ClusteringOrder#NONE} for others
 */
public record ColumnMetadata(
    String keyspaceName,
    String tableName,
    String name,
    String cqlType,
    DataType type,
    Kind kind,
    int position,
    ClusteringOrder clusteringOrder) {

  /** The role of a column in its table ({@code system_schema.columns.kind}). */
  public enum Kind {
    /** A partition key component ({@code partition_key}). */
    PARTITION_KEY,
    /** A clustering column ({@code clustering}). */
    CLUSTERING,
    /** A regular column ({@code regular}). */
    REGULAR,
    /** A static column ({@code static}). */
    STATIC;

    /**
     * {@return the kind of a {@code system_schema.columns.kind} value; unknown values count as
     * regular}
     */
    public static Kind fromSchema(String value) {
      if (value == null) {
        return REGULAR;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "partition_key" -> PARTITION_KEY;
        case "clustering" -> CLUSTERING;
        case "static" -> STATIC;
        default -> REGULAR;
      };
    }
  }

  /** The order of a clustering column ({@code system_schema.columns.clustering_order}). */
  public enum ClusteringOrder {
    /** Ascending. */
    ASC,
    /** Descending (the column's type is reversed on the server). */
    DESC,
    /** Not a clustering column. */
    NONE;

    /**
     * {@return the order of a {@code clustering_order} value; null or unknown values give {@link
     * #NONE}}
     */
    public static ClusteringOrder fromSchema(String value) {
      if (value == null) {
        return NONE;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "asc" -> ASC;
        case "desc" -> DESC;
        default -> NONE;
      };
    }
  }

  /** Checks that nothing is null. */
  public ColumnMetadata {
    Objects.requireNonNull(keyspaceName, "keyspaceName");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cqlType, "cqlType");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(clusteringOrder, "clusteringOrder");
  }

  /** {@return whether this is a static column (Python: {@code is_static})} */
  public boolean isStatic() {
    return kind == Kind.STATIC;
  }

  /**
   * {@return whether this clustering column sorts in descending order (Python: {@code
   * is_reversed})}
   */
  public boolean isReversed() {
    return clusteringOrder == ClusteringOrder.DESC;
  }

  /**
   * {@return whether the server stores this column in several cells (a non-frozen collection or
   * UDT)}
   */
  public boolean isMultiCell() {
    return CqlTypeParser.isMultiCell(cqlType);
  }

  /** {@return the column's definition as in {@code CREATE TABLE}: {@code name type [static]}} */
  public String asCql() {
    return CqlNames.protectName(name) + " " + cqlType + (isStatic() ? " static" : "");
  }
}
