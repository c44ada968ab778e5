package io.loomcql.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A table of a keyspace (the Python driver's {@code TableMetadata}), from {@code
 * system_schema.tables} and the columns, indexes, triggers, views and dropped columns that belong
 * to it, or a virtual table from {@code system_virtual_schema.tables} and {@code columns}.
 * Immutable; a schema refresh builds a new instance.
 */
public final class TableMetadata {

  private final String keyspaceName;
  private final String name;
  private final UUID id;
  private final Set<String> flags;
  private final List<ColumnMetadata> partitionKey;
  private final List<ColumnMetadata> clusteringKey;
  private final Map<String, ColumnMetadata> columns;
  private final Map<String, Object> options;
  private final Map<String, IndexMetadata> indexes;
  private final Map<String, TriggerMetadata> triggers;
  private final Map<String, MaterializedViewMetadata> views;
  private final Map<String, DroppedColumn> droppedColumns;
  private final boolean virtual;

  TableMetadata(
      String keyspaceName,
      String name,
      UUID id,
      Set<String> flags,
      List<ColumnMetadata> columnsInCreateOrder,
      Map<String, Object> options,
      Map<String, IndexMetadata> indexes,
      Map<String, TriggerMetadata> triggers,
      Map<String, MaterializedViewMetadata> views,
      Map<String, DroppedColumn> droppedColumns,
      boolean virtual) {
    this.keyspaceName = Objects.requireNonNull(keyspaceName, "keyspaceName");
    this.name = Objects.requireNonNull(name, "name");
    this.id = id;
    this.flags = Set.copyOf(flags);
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
    this.options = options;
    this.indexes = indexes;
    this.triggers = triggers;
    this.views = views;
    this.droppedColumns = droppedColumns;
    this.virtual = virtual;
  }

  /** {@return the keyspace of the table (Python: {@code keyspace_name})} */
  public String keyspaceName() {
    return keyspaceName;
  }

  /** {@return the table's name, case preserved and unquoted} */
  public String name() {
    return name;
  }

  /** {@return the table's id ({@code system_schema.tables.id}), or null if the row had none} */
  public UUID id() {
    return id;
  }

  /**
   * {@return the table's flags ({@code compound}, {@code dense}, {@code super}, {@code counter})}
   */
  public Set<String> flags() {
    return flags;
  }

  /** {@return the partition key columns, in key order (Python: {@code partition_key})} */
  public List<ColumnMetadata> partitionKey() {
    return partitionKey;
  }

  /** {@return the clustering columns, in key order (Python: {@code clustering_key})} */
  public List<ColumnMetadata> clusteringKey() {
    return clusteringKey;
  }

  /**
   * {@return the partition key followed by the clustering columns (Python: {@code primary_key})}
   */
  public List<ColumnMetadata> primaryKey() {
    List<ColumnMetadata> key = new ArrayList<>(partitionKey);
    key.addAll(clusteringKey);
    return List.copyOf(key);
  }

  /**
   * {@return all columns by name, in the order of the server's {@code CREATE TABLE}: partition key,
   * clustering columns, static columns, regular columns (Python: {@code columns})}
   */
  public Map<String, ColumnMetadata> columns() {
    return columns;
  }

  /** {@return a column by its (case-sensitive, unquoted) name, or null} */
  public ColumnMetadata column(String columnName) {
    return columns.get(columnName);
  }

  /** {@return the static columns, in create order} */
  public List<ColumnMetadata> staticColumns() {
    return columns.values().stream().filter(ColumnMetadata::isStatic).toList();
  }

  /**
   * The table's options by {@code system_schema} column name (e.g. {@code gc_grace_seconds} to an
   * {@link Integer}, {@code compaction} to a map), with Cassandra's defaults filled in for the
   * options it leaves null ({@code allow_auto_snapshot}, {@code incremental_backups}, {@code cdc},
   * {@code memtable}, {@code extensions}). Sorted by name.
   */
  public Map<String, Object> options() {
    return options;
  }

  /** {@return the table's secondary indexes by name, ordered as DESCRIBE lists them} */
  public Map<String, IndexMetadata> indexes() {
    return indexes;
  }

  /** {@return the table's triggers by name} */
  public Map<String, TriggerMetadata> triggers() {
    return triggers;
  }

  /** {@return the materialized views of this table by name, ordered as DESCRIBE lists them} */
  public Map<String, MaterializedViewMetadata> views() {
    return views;
  }

  /**
   * {@return the columns dropped from this table by name ({@code system_schema.dropped_columns})}
   */
  public Map<String, DroppedColumn> droppedColumns() {
    return droppedColumns;
  }

  /**
   * Whether the table uses {@code COMPACT STORAGE} (from its flags: dense, super or not compound).
   * Cassandra 5.0 cannot create such tables, but may still hold one upgraded from 3.x. False for a
   * virtual table, which has no flags (Python: {@code is_compact_storage}).
   */
  public boolean isCompactStorage() {
    return !virtual
        && (flags.contains("dense") || flags.contains("super") || !flags.contains("compound"));
  }

  /**
   * Whether this is a virtual table (Python: {@code virtual}): a table of a virtual keyspace such
   * as {@code system_views.settings}, which the server computes on each read rather than storing.
   * Always false for servers before Cassandra 4.0. A virtual table has only columns and a comment
   * (its only option): no id, flags, indexes, triggers, views or dropped columns; it cannot be
   * created with CQL, so {@link #exportAsString()} describes it inside a comment.
   */
  public boolean isVirtual() {
    return virtual;
  }

  /**
   * The {@code CREATE TABLE} statement as Cassandra 5.0's DESCRIBE prints it, without the final
   * semicolon and without indexes or views (Python: {@code as_cql_query(formatted=True)}). A
   * virtual table's statement starts with {@code VIRTUAL TABLE} instead, as in the server's
   * DESCRIBE and the Python driver, and its only option is its comment.
   */
  public String asCqlQuery() {
    StringBuilder out = new StringBuilder(virtual ? "VIRTUAL TABLE " : "CREATE TABLE ");
    out.append(CqlNames.qualified(keyspaceName, name)).append(" (\n");
    boolean singlePrimaryKey = partitionKey.size() == 1 && clusteringKey.isEmpty();
    int i = 0;
    for (ColumnMetadata column : columns.values()) {
      i++;
      out.append("    ").append(column.asCql());
      if (singlePrimaryKey && column.kind() == ColumnMetadata.Kind.PARTITION_KEY) {
        out.append(" PRIMARY KEY");
      }
      if (!singlePrimaryKey || i < columns.size()) {
        out.append(',');
      }
      out.append('\n');
    }
    if (!singlePrimaryKey && !partitionKey.isEmpty()) {
      out.append("    ");
      SchemaElements.appendPrimaryKey(out, partitionKey, clusteringKey);
      out.append('\n');
    }
    out.append(") WITH ");
    boolean first = true;
    if (!clusteringKey.isEmpty()) {
      SchemaElements.appendClusteringOrder(out, clusteringKey);
      first = false;
    }
    TableOptions.appendTo(out, options, false, first);
    return out.toString();
  }

  /**
   * The table's statement followed by its indexes, triggers and views, each ending with a
   * semicolon and separated by a blank line: what DESCRIBE KEYSPACE prints for the table. A virtual
   * table cannot be recreated with CQL: its statement is wrapped in a comment that says so (the
   * server's DESCRIBE and the Python driver's {@code export_as_string} both do this):
   *
   * <pre>
   * /*
   * Warning: Table system_views.settings is a virtual table and cannot be recreated with CQL.
   * Structure, for reference:
   * VIRTUAL TABLE system_views.settings (
   *     name text PRIMARY KEY,
   *     value text
   * ) WITH comment = 'current settings';
   * &#42;/
   * </pre>
   */
  public String exportAsString() {
    if (virtual) {
      return "/*\nWarning: Table " + CqlNames.qualified(keyspaceName, name)
          + " is a virtual table and cannot be recreated with CQL.\nStructure, for reference:\n"
          + asCqlQuery() + ";\n*/";
    }
    StringBuilder out = new StringBuilder(asCqlQuery()).append(';');
    for (IndexMetadata index : indexes.values()) {
      out.append("\n\n").append(index.exportAsString());
    }
    for (TriggerMetadata trigger : triggers.values()) {
      out.append("\n\n").append(trigger.exportAsString());
    }
    for (MaterializedViewMetadata view : views.values()) {
      out.append("\n\n").append(view.exportAsString());
    }
    return out.toString();
  }

  /** Equal when every part (columns, options, indexes, triggers, views, ...) is equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TableMetadata that
        && keyspaceName.equals(that.keyspaceName)
        && name.equals(that.name)
        && Objects.equals(id, that.id)
        && flags.equals(that.flags)
        && columns.equals(that.columns)
        && options.equals(that.options)
        && indexes.equals(that.indexes)
        && triggers.equals(that.triggers)
        && views.equals(that.views)
        && droppedColumns.equals(that.droppedColumns)
        && virtual == that.virtual;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyspaceName, name, id, columns);
  }

  /** {@code TableMetadata[ks.name]}. */
  @Override
  public String toString() {
    return "TableMetadata[" + CqlNames.qualified(keyspaceName, name) + "]";
  }
}
