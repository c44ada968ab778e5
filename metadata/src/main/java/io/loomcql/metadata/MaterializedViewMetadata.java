package io.loomcql.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A materialized view (the Python driver's {@code MaterializedViewMetadata}), from {@code
 * system_schema.views} and the view's rows of {@code system_schema.columns}. Immutable.
 */
public final class MaterializedViewMetadata {

  private final String keyspaceName;
  private final String name;
  private final String baseTableName;
  private final UUID baseTableId;
  private final UUID id;
  private final List<ColumnMetadata> partitionKey;
  private final List<ColumnMetadata> clusteringKey;
  private final Map<String, ColumnMetadata> columns;
  private final boolean includeAllColumns;
  private final String whereClause;
  private final Map<String, Object> options;

  MaterializedViewMetadata(
      String keyspaceName,
      String name,
      String baseTableName,
      UUID baseTableId,
      UUID id,
      List<ColumnMetadata> columnsInCreateOrder,
      boolean includeAllColumns,
      String whereClause,
      Map<String, Object> options) {
    this.keyspaceName = Objects.requireNonNull(keyspaceName, "keyspaceName");
    this.name = Objects.requireNonNull(name, "name");
    this.baseTableName = Objects.requireNonNull(baseTableName, "baseTableName");
    this.baseTableId = baseTableId;
    this.id = id;
    List<ColumnMetadata> partition = new ArrayList<>();
    List<ColumnMetadata> clustering = new ArrayList<>();
    Map<String, ColumnMetadata> byName = new LinkedHashMap<>();
    for (ColumnMetadata column : columnsInCreateOrder) {
      if (column.kind() == ColumnMetadata.Kind.PARTITION_KEY) {
        partition.add(column);
      } else if (column.kind() == ColumnMetadata.Kind.CLUSTERING) {
        clustering.add(column);
      }
      byName.put(column.name(), column);
    }
    this.partitionKey = List.copyOf(partition);
    this.clusteringKey = List.copyOf(clustering);
    this.columns = Collections.unmodifiableMap(byName);
    this.includeAllColumns = includeAllColumns;
    this.whereClause = whereClause == null ? "" : whereClause;
    this.options = options;
  }

  /** {@return the keyspace of the view} */
  public String keyspaceName() {
    return keyspaceName;
  }

  /** {@return the view's name} */
  public String name() {
    return name;
  }

  /** {@return the table the view selects from (Python: {@code base_table_name})} */
  public String baseTableName() {
    return baseTableName;
  }

  /** {@return the base table's id, or null if the row had none} */
  public UUID baseTableId() {
    return baseTableId;
  }

  /** {@return the view's own id, or null if the row had none} */
  public UUID id() {
    return id;
  }

  /** {@return the view's partition key columns, in key order} */
  public List<ColumnMetadata> partitionKey() {
    return partitionKey;
  }

  /** {@return the view's clustering columns, in key order} */
  public List<ColumnMetadata> clusteringKey() {
    return clusteringKey;
  }

  /** {@return the view's columns by name, in select order (primary key first)} */
  public Map<String, ColumnMetadata> columns() {
    return columns;
  }

  /**
   * {@return whether the view was created with {@code SELECT *} (Python: {@code
   * include_all_columns})}
   */
  public boolean includeAllColumns() {
    return includeAllColumns;
  }

  /** {@return the view's {@code WHERE} clause, without the keyword} */
  public String whereClause() {
    return whereClause;
  }

  /** {@return the view's options, as {@link TableMetadata#options()}} */
  public Map<String, Object> options() {
    return options;
  }

  /**
   * The {@code CREATE MATERIALIZED VIEW} statement as Cassandra 5.0's DESCRIBE prints it, without
   * the final semicolon.
   */
  public String asCqlQuery() {
    StringBuilder out = new StringBuilder("CREATE MATERIALIZED VIEW ");
    out.append(CqlNames.qualified(keyspaceName, name)).append(" AS\n    SELECT ");
    if (includeAllColumns) {
      out.append('*');
    } else {
      SchemaElements.appendNames(out, List.copyOf(columns.values()));
    }
    out.append("\n    FROM ")
        .append(CqlNames.qualified(keyspaceName, baseTableName))
        .append("\n    WHERE ")
        .append(whereClause)
        .append("\n    ");
    SchemaElements.appendPrimaryKey(out, partitionKey, clusteringKey);
    out.append("\n WITH ");
    boolean first = true;
    if (!clusteringKey.isEmpty()) {
      SchemaElements.appendClusteringOrder(out, clusteringKey);
      first = false;
    }
    TableOptions.appendTo(out, options, true, first);
    return out.toString();
  }

  /** {@link #asCqlQuery()} followed by a semicolon. */
  public String exportAsString() {
    return asCqlQuery() + ";";
  }

  /** Equal when every part is equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof MaterializedViewMetadata that
        && keyspaceName.equals(that.keyspaceName)
        && name.equals(that.name)
        && baseTableName.equals(that.baseTableName)
        && Objects.equals(baseTableId, that.baseTableId)
        && Objects.equals(id, that.id)
        && columns.equals(that.columns)
        && includeAllColumns == that.includeAllColumns
        && whereClause.equals(that.whereClause)
        && options.equals(that.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyspaceName, name, baseTableName, columns);
  }

  /** {@code MaterializedViewMetadata[ks.name]}. */
  @Override
  public String toString() {
    return "MaterializedViewMetadata[" + CqlNames.qualified(keyspaceName, name) + "]";
  }
}
