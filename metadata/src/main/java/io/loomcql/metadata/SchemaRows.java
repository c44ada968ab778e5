package io.loomcql.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The rows of Cassandra's {@code system_schema} tables, and of the {@code system_virtual_schema}
 * tables that describe the virtual keyspaces ({@code system_views}, {@code system_virtual_schema}),
 * as {@code core} hands them to {@link Metadata}: the input of the schema parser.
 *
 * <p>Each row maps a column name to its value decoded to the driver's Java types: {@code text} to
 * {@link String}, {@code boolean} to {@link Boolean}, {@code int} to {@link Integer}, {@code double}
 * to {@link Double}, {@code uuid} to {@link java.util.UUID}, {@code timestamp} to {@link
 * java.time.Instant}, {@code blob} to {@link java.nio.ByteBuffer}, {@code frozen<list<text>>} to a
 * {@link List} of strings, {@code frozen<set<text>>} to a {@link java.util.Set}, {@code
 * frozen<map<text, text>>} (and {@code map<text, blob>}) to a {@link Map}. A null value and a
 * missing column are treated alike, so rows of older servers (without, say, {@code memtable}) parse
 * — except for the table options Cassandra 5.0 leaves null at their default ({@code
 * allow_auto_snapshot}, {@code incremental_backups}, {@code cdc}, {@code memtable}, {@code
 * extensions}): present with a null value they export with that default, as DESCRIBE prints them;
 * missing, they are not exported. Core therefore hands every column of a row over, nulls included.
 *
 * <p>Core fills it by running, on the control connection, {@code SELECT * FROM system_schema.X}
 * for each list below (or with {@code WHERE keyspace_name = ?} for one keyspace). The columns read
 * (Cassandra 5.0):
 *
 * <ul>
 *   <li>{@code keyspaces}: keyspace_name, durable_writes, replication
 *   <li>{@code tables}: keyspace_name, table_name, id, flags and every table option column
 *       (additional_write_policy, allow_auto_snapshot, bloom_filter_fp_chance, caching, cdc,
 *       comment, compaction, compression, crc_check_chance, default_time_to_live, extensions,
 *       gc_grace_seconds, incremental_backups, max_index_interval, memtable,
 *       memtable_flush_period_in_ms, min_index_interval, read_repair, speculative_retry; any other
 *       column is kept in {@link TableMetadata#options()})
 *   <li>{@code columns}: keyspace_name, table_name, column_name, clustering_order, kind, position,
 *       type (rows of tables and of views alike)
 *   <li>{@code dropped_columns}: keyspace_name, table_name, column_name, dropped_time, kind, type
 *   <li>{@code indexes}: keyspace_name, table_name, index_name, kind, options
 *   <li>{@code views}: keyspace_name, view_name, base_table_name, base_table_id, id,
 *       include_all_columns, where_clause and the same option columns as {@code tables}
 *   <li>{@code types}: keyspace_name, type_name, field_names, field_types
 *   <li>{@code functions}: keyspace_name, function_name, argument_types, argument_names, body,
 *       called_on_null_input, language, return_type
 *   <li>{@code aggregates}: keyspace_name, aggregate_name, argument_types, final_func, initcond,
 *       return_type, state_func, state_type
 *   <li>{@code triggers}: keyspace_name, table_name, trigger_name, options
 * </ul>
 *
 * <p>and, for the virtual keyspaces (Cassandra 4.0 and later; an older server has none, so these
 * lists stay empty), {@code SELECT * FROM system_virtual_schema.X}:
 *
 * <ul>
 *   <li>{@code keyspaces}: keyspace_name
 *   <li>{@code tables}: keyspace_name, table_name, comment
 *   <li>{@code columns}: keyspace_name, table_name, column_name, clustering_order, kind, position,
 *       type
 * </ul>
 *
 * @param keyspaces rows of {@code system_schema.keyspaces}
 * @param tables rows of {@code system_schema.tables}
 * @param columns rows of {@code system_schema.columns}
 * @param droppedColumns rows of {@code system_schema.dropped_columns}
 * @param indexes rows of {@code system_schema.indexes}
 * @param views rows of {@code system_schema.views}
 * @param types rows of {@code system_schema.types}
 * @param functions rows of {@code system_schema.functions}
 * @param aggregates rows of {@code system_schema.aggregates}
 * @param triggers rows of {@code system_schema.triggers}
 * @param virtualKeyspaces rows of {@code system_virtual_schema.keyspaces}
 * @param virtualTables rows of {@code system_virtual_schema.tables}
 * @param virtualColumns rows of {@code system_virtual_schema.columns}
 */
public record SchemaRows(
    List<Map<String, Object>> keyspaces,
    List<Map<String, Object>> tables,
    List<Map<String, Object>> columns,
    List<Map<String, Object>> droppedColumns,
    List<Map<String, Object>> indexes,
    List<Map<String, Object>> views,
    List<Map<String, Object>> types,
    List<Map<String, Object>> functions,
    List<Map<String, Object>> aggregates,
    List<Map<String, Object>> triggers,
    List<Map<String, Object>> virtualKeyspaces,
    List<Map<String, Object>> virtualTables,
    List<Map<String, Object>> virtualColumns) {

  /** The {@code system_schema} tables the lists come from, in the order of the components. */
  public static final List<String> TABLE_NAMES =
      List.of(
          "keyspaces",
          "tables",
          "columns",
          "dropped_columns",
          "indexes",
          "views",
          "types",
          "functions",
          "aggregates",
          "triggers");

  /**
   * The {@code system_virtual_schema} tables the virtual lists come from, in the order of the
   * components, by their qualified names: the keys {@link #of} takes for those lists.
   */
  public static final List<String> VIRTUAL_TABLE_NAMES =
      List.of(
          "system_virtual_schema.keyspaces",
          "system_virtual_schema.tables",
          "system_virtual_schema.columns");

  /** Every list's name: {@link #TABLE_NAMES} then {@link #VIRTUAL_TABLE_NAMES}. */
  private static final List<String> ALL_NAMES = allNames();

  /** Copies the lists (a null list counts as empty); the row maps are used as given. */
  public SchemaRows {
    keyspaces = copy(keyspaces);
    tables = copy(tables);
    columns = copy(columns);
    droppedColumns = copy(droppedColumns);
    indexes = copy(indexes);
    views = copy(views);
    types = copy(types);
    functions = copy(functions);
    aggregates = copy(aggregates);
    triggers = copy(triggers);
    virtualKeyspaces = copy(virtualKeyspaces);
    virtualTables = copy(virtualTables);
    virtualColumns = copy(virtualColumns);
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>(TABLE_NAMES);
    names.addAll(VIRTUAL_TABLE_NAMES);
    return List.copyOf(names);
  }

  /** No rows at all: a cluster without keyspaces. */
  public static SchemaRows empty() {
    return new SchemaRows(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Builds the rows from a map keyed by the names of {@link #TABLE_NAMES} (e.g. {@code "columns"})
   * and {@link #VIRTUAL_TABLE_NAMES} (e.g. {@code "system_virtual_schema.columns"}); absent names
   * give empty lists.
   *
   * @throws IllegalArgumentException if a key is not one of those names
   */
  public static SchemaRows of(Map<String, List<Map<String, Object>>> rowsByTable) {
    for (String key : rowsByTable.keySet()) {
      if (!ALL_NAMES.contains(key)) {
        throw new IllegalArgumentException(
            "Unknown schema table '" + key + "', expected one of " + ALL_NAMES);
      }
    }
    return new SchemaRows(
        rowsByTable.get("keyspaces"),
        rowsByTable.get("tables"),
        rowsByTable.get("columns"),
        rowsByTable.get("dropped_columns"),
        rowsByTable.get("indexes"),
        rowsByTable.get("views"),
        rowsByTable.get("types"),
        rowsByTable.get("functions"),
        rowsByTable.get("aggregates"),
        rowsByTable.get("triggers"),
        rowsByTable.get("system_virtual_schema.keyspaces"),
        rowsByTable.get("system_virtual_schema.tables"),
        rowsByTable.get("system_virtual_schema.columns"));
  }

  /**
   * These rows with, in each list, the rows {@code drop} selects removed and the rows of the same
   * list of {@code added} appended: how a targeted refresh replaces one element's rows.
   *
   * @param drop told the list's name (one of {@link #TABLE_NAMES} or {@link #VIRTUAL_TABLE_NAMES})
   *     and a row; true removes it
   */
  SchemaRows replacing(BiPredicate<String, Map<String, Object>> drop, SchemaRows added) {
    Map<String, List<Map<String, Object>>> merged = new LinkedHashMap<>();
    List<List<Map<String, Object>>> mine = lists();
    List<List<Map<String, Object>>> theirs = added.lists();
    for (int i = 0; i < ALL_NAMES.size(); i++) {
      String name = ALL_NAMES.get(i);
      List<Map<String, Object>> kept = new ArrayList<>();
      for (Map<String, Object> row : mine.get(i)) {
        if (!drop.test(name, row)) {
          kept.add(row);
        }
      }
      kept.addAll(theirs.get(i));
      merged.put(name, kept);
    }
    return of(merged);
  }

  /** The thirteen lists, in the order of {@link #TABLE_NAMES} then {@link #VIRTUAL_TABLE_NAMES}. */
  List<List<Map<String, Object>>> lists() {
    return List.of(
        keyspaces, tables, columns, droppedColumns, indexes, views, types, functions, aggregates,
        triggers, virtualKeyspaces, virtualTables, virtualColumns);
  }

  /** {@return the name of each list of {@link #lists()}, in the same order} */
  static List<String> listNames() {
    return ALL_NAMES;
  }

  /** {@return whether there is a keyspace row, of a regular or of a virtual keyspace} */
  boolean hasKeyspace() {
    return !keyspaces.isEmpty() || !virtualKeyspaces.isEmpty();
  }

  /** {@return the rows of one keyspace only (by the {@code keyspace_name} column of every row)} */
  public SchemaRows forKeyspace(String keyspace) {
    Objects.requireNonNull(keyspace, "keyspace");
    return new SchemaRows(
        filter(keyspaces, keyspace),
        filter(tables, keyspace),
        filter(columns, keyspace),
        filter(droppedColumns, keyspace),
        filter(indexes, keyspace),
        filter(views, keyspace),
        filter(types, keyspace),
        filter(functions, keyspace),
        filter(aggregates, keyspace),
        filter(triggers, keyspace),
        filter(virtualKeyspaces, keyspace),
        filter(virtualTables, keyspace),
        filter(virtualColumns, keyspace));
  }

  private static List<Map<String, Object>> filter(List<Map<String, Object>> rows, String keyspace) {
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (keyspace.equals(row.get("keyspace_name"))) {
        kept.add(row);
      }
    }
    return kept;
  }

  private static List<Map<String, Object>> copy(List<Map<String, Object>> rows) {
    if (rows == null) {
      return List.of();
    }
    for (Map<String, Object> row : rows) {
      Objects.requireNonNull(row, "a schema row is null");
    }
    return List.copyOf(rows);
  }
}
