package io.loomcql.metadata;

import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link KeyspaceMetadata} from {@link SchemaRows} (the Python driver's {@code
 * SchemaParserV4}). Pure: the same rows give equal metadata.
 */
final class SchemaParser {

  private SchemaParser() {}

  /** Every keyspace of the rows, regular and virtual, by name, sorted by name. */
  static Map<String, KeyspaceMetadata> parse(SchemaRows rows) {
    Set<String> names = new HashSet<>();
    for (Map<String, Object> keyspaceRow : rows.keyspaces()) {
      names.add(Rows.requiredString(keyspaceRow, "keyspace_name"));
    }
    for (Map<String, Object> keyspaceRow : rows.virtualKeyspaces()) {
      names.add(Rows.requiredString(keyspaceRow, "keyspace_name"));
    }
    Map<String, Map<String, List<Map<String, Object>>>> grouped = new HashMap<>();
    List<List<Map<String, Object>>> lists = rows.lists();
    for (int i = 0; i < lists.size(); i++) {
      String table = SchemaRows.listNames().get(i);
      for (Map<String, Object> row : lists.get(i)) {
        String keyspace = Rows.string(row, "keyspace_name");
        if (keyspace != null && names.contains(keyspace)) {
          grouped
              .computeIfAbsent(keyspace, k -> new HashMap<>())
              .computeIfAbsent(table, k -> new ArrayList<>())
              .add(row);
        }
      }
    }
    Map<String, KeyspaceMetadata> keyspaces = new TreeMap<>();
    for (String keyspace : names) {
      keyspaces.put(keyspace, keyspace(SchemaRows.of(grouped.getOrDefault(keyspace, Map.of()))));
    }
    return Collections.unmodifiableMap(keyspaces);
  }

  /**
   * The keyspace of rows that all belong to it: a regular keyspace if they hold its {@code
   * system_schema.keyspaces} row, else a virtual one (its {@code system_virtual_schema.keyspaces}
   * row).
   */
  static KeyspaceMetadata keyspace(SchemaRows rows) {
    if (rows.keyspaces().isEmpty()) {
      return virtualKeyspace(rows);
    }
    Map<String, Object> keyspaceRow = rows.keyspaces().get(0);
    String keyspace = Rows.requiredString(keyspaceRow, "keyspace_name");
    Boolean durable = Rows.bool(keyspaceRow, "durable_writes");

    Map<String, UserType> userTypes = userTypes(keyspace, rows.types());
    Map<String, DataType> resolved = new HashMap<>();
    userTypes.forEach((name, type) -> resolved.put(name, type.dataType()));
    Map<String, List<ColumnMetadata>> columnsByTable = columnsByTable(keyspace, rows.columns(), resolved);
    List<MaterializedViewMetadata> views = views(keyspace, rows.views(), columnsByTable);
    List<TableMetadata> tables = new ArrayList<>();
    TableParts parts = TableParts.of(keyspace, rows, views);
    for (Map<String, Object> row : rows.tables()) {
      String name = Rows.requiredString(row, "table_name");
      tables.add(
          new TableMetadata(
              keyspace,
              name,
              Rows.uuid(row, "id"),
              Rows.stringSet(row, "flags"),
              SchemaElements.createOrder(columnsByTable.getOrDefault(name, List.of())),
              TableOptions.fromRow(row),
              parts.indexes(name),
              parts.triggers(name),
              parts.views(name),
              parts.droppedColumns(name),
              false));
    }
    return new KeyspaceMetadata(
        keyspace,
        durable == null || durable,
        Rows.stringMap(keyspaceRow, "replication"),
        userTypes,
        SchemaElements.byName(functions(keyspace, rows.functions()), FunctionMetadata::signature),
        SchemaElements.byName(aggregates(keyspace, rows.aggregates()), AggregateMetadata::signature),
        SchemaElements.byName(tables, TableMetadata::name),
        SchemaElements.byName(views, MaterializedViewMetadata::name),
        false);
  }

  /**
   * A virtual keyspace and its virtual tables (the Python driver's {@code SchemaParserV4}: {@code
   * virtual} set on both). It has no replication, user types, functions, views or indexes.
   */
  private static KeyspaceMetadata virtualKeyspace(SchemaRows rows) {
    String keyspace = Rows.requiredString(rows.virtualKeyspaces().get(0), "keyspace_name");
    Map<String, List<ColumnMetadata>> columnsByTable =
        columnsByTable(keyspace, rows.virtualColumns(), Map.of());
    List<TableMetadata> tables = new ArrayList<>();
    for (Map<String, Object> row : rows.virtualTables()) {
      String name = Rows.requiredString(row, "table_name");
      tables.add(
          new TableMetadata(
              keyspace,
              name,
              null,
              Set.of(),
              SchemaElements.createOrder(columnsByTable.getOrDefault(name, List.of())),
              TableOptions.fromRow(row),
              Map.of(),
              Map.of(),
              Map.of(),
              Map.of(),
              true));
    }
    return new KeyspaceMetadata(
        keyspace,
        false,
        Map.of(),
        Map.of(),
        Map.of(),
        Map.of(),
        SchemaElements.byName(tables, TableMetadata::name),
        Map.of(),
        true);
  }

  private static Map<String, List<ColumnMetadata>> columnsByTable(
      String keyspace, List<Map<String, Object>> columnRows, Map<String, DataType> userTypes) {
    Map<String, List<ColumnMetadata>> columnsByTable = new HashMap<>();
    for (Map<String, Object> row : columnRows) {
      ColumnMetadata column = column(keyspace, row, userTypes);
      columnsByTable.computeIfAbsent(column.tableName(), k -> new ArrayList<>()).add(column);
    }
    return columnsByTable;
  }

  private static List<MaterializedViewMetadata> views(
      String keyspace,
      List<Map<String, Object>> viewRows,
      Map<String, List<ColumnMetadata>> columnsByTable) {
    List<MaterializedViewMetadata> views = new ArrayList<>();
    for (Map<String, Object> row : viewRows) {
      String name = Rows.requiredString(row, "view_name");
      views.add(
          new MaterializedViewMetadata(
              keyspace,
              name,
              Rows.requiredString(row, "base_table_name"),
              Rows.uuid(row, "base_table_id"),
              Rows.uuid(row, "id"),
              SchemaElements.createOrder(columnsByTable.getOrDefault(name, List.of())),
              Boolean.TRUE.equals(Rows.bool(row, "include_all_columns")),
              Rows.string(row, "where_clause"),
              TableOptions.fromRow(row)));
    }
    return views;
  }

  /** What belongs to the tables of a keyspace besides their columns, by table name. */
  private record TableParts(
      Map<String, List<IndexMetadata>> indexesByTable,
      Map<String, List<TriggerMetadata>> triggersByTable,
      Map<String, List<MaterializedViewMetadata>> viewsByTable,
      Map<String, List<DroppedColumn>> droppedByTable) {

    static TableParts of(String keyspace, SchemaRows rows, List<MaterializedViewMetadata> views) {
      TableParts parts = new TableParts(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
      for (Map<String, Object> row : rows.indexes()) {
        IndexMetadata index =
            new IndexMetadata(
                keyspace,
                Rows.requiredString(row, "table_name"),
                Rows.requiredString(row, "index_name"),
                String.valueOf(Rows.string(row, "kind")),
                Rows.stringMap(row, "options"));
        add(parts.indexesByTable, index.tableName(), index);
      }
      for (Map<String, Object> row : rows.triggers()) {
        TriggerMetadata trigger =
            new TriggerMetadata(
                keyspace,
                Rows.requiredString(row, "table_name"),
                Rows.requiredString(row, "trigger_name"),
                Rows.stringMap(row, "options"));
        add(parts.triggersByTable, trigger.tableName(), trigger);
      }
      for (Map<String, Object> row : rows.droppedColumns()) {
        DroppedColumn dropped =
            new DroppedColumn(
                Rows.requiredString(row, "column_name"),
                String.valueOf(Rows.string(row, "type")),
                ColumnMetadata.Kind.fromSchema(Rows.string(row, "kind")),
                Rows.instant(row, "dropped_time"));
        add(parts.droppedByTable, Rows.requiredString(row, "table_name"), dropped);
      }
      for (MaterializedViewMetadata view : views) {
        add(parts.viewsByTable, view.baseTableName(), view);
      }
      return parts;
    }

    private static <T> void add(Map<String, List<T>> byTable, String table, T element) {
      byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(element);
    }

    Map<String, IndexMetadata> indexes(String table) {
      return SchemaElements.byName(indexesByTable.getOrDefault(table, List.of()), IndexMetadata::name);
    }

    Map<String, TriggerMetadata> triggers(String table) {
      return SchemaElements.byName(triggersByTable.getOrDefault(table, List.of()), TriggerMetadata::name);
    }

    Map<String, MaterializedViewMetadata> views(String table) {
      return SchemaElements.byName(
          viewsByTable.getOrDefault(table, List.of()), MaterializedViewMetadata::name);
    }

    Map<String, DroppedColumn> droppedColumns(String table) {
      return SchemaElements.byName(droppedByTable.getOrDefault(table, List.of()), DroppedColumn::name);
    }
  }

  private static List<FunctionMetadata> functions(String keyspace, List<Map<String, Object>> functionRows) {
    List<FunctionMetadata> functions = new ArrayList<>();
    for (Map<String, Object> row : functionRows) {
      functions.add(
          new FunctionMetadata(
              keyspace,
              Rows.requiredString(row, "function_name"),
              Rows.strings(row, "argument_names"),
              Rows.strings(row, "argument_types"),
              String.valueOf(Rows.string(row, "return_type")),
              String.valueOf(Rows.string(row, "language")),
              String.valueOf(Rows.string(row, "body")),
              Boolean.TRUE.equals(Rows.bool(row, "called_on_null_input"))));
    }
    return functions;
  }

  private static List<AggregateMetadata> aggregates(String keyspace, List<Map<String, Object>> aggregateRows) {
    List<AggregateMetadata> aggregates = new ArrayList<>();
    for (Map<String, Object> row : aggregateRows) {
      aggregates.add(
          new AggregateMetadata(
              keyspace,
              Rows.requiredString(row, "aggregate_name"),
              Rows.strings(row, "argument_types"),
              Rows.requiredString(row, "state_func"),
              Rows.requiredString(row, "state_type"),
              Rows.string(row, "final_func"),
              Rows.string(row, "initcond"),
              Rows.string(row, "return_type")));
    }
    return aggregates;
  }

  private static ColumnMetadata column(
      String keyspace, Map<String, Object> row, Map<String, DataType> userTypes) {
    String type = Rows.requiredString(row, "type");
    return new ColumnMetadata(
        keyspace,
        Rows.requiredString(row, "table_name"),
        Rows.requiredString(row, "column_name"),
        type,
        parseLeniently(type, keyspace, userTypes),
        ColumnMetadata.Kind.fromSchema(Rows.string(row, "kind")),
        Rows.integer(row, "position", -1),
        ColumnMetadata.ClusteringOrder.fromSchema(Rows.string(row, "clustering_order")));
  }

  /** A type that does not parse becomes a custom type of its text, so one odd column cannot fail a refresh. */
  private static DataType parseLeniently(String type, String keyspace, Map<String, DataType> userTypes) {
    try {
      return CqlTypeParser.parse(type, keyspace, userTypes::get);
    } catch (IllegalArgumentException e) {
      return new CustomType(type);
    }
  }

  /**
   * The keyspace's user types, each resolved after the types it uses, in dependency order: types
   * are visited by name (UTF-8 byte order, as the server keeps them) and each is preceded by its
   * not-yet-listed dependencies, depth first. A type in a dependency cycle (which the server does
   * not allow) sees its cyclic dependency unresolved.
   */
  static Map<String, UserType> userTypes(String keyspace, List<Map<String, Object>> typeRows) {
    Map<String, Map<String, Object>> rowsByName = new TreeMap<>(SchemaParser::compareUtf8);
    for (Map<String, Object> row : typeRows) {
      rowsByName.put(Rows.requiredString(row, "type_name"), row);
    }
    Map<String, UserType> ordered = new LinkedHashMap<>();
    Set<String> visiting = new HashSet<>();
    for (String name : rowsByName.keySet()) {
      resolve(keyspace, name, rowsByName, ordered, visiting);
    }
    return Collections.unmodifiableMap(ordered);
  }

  private static void resolve(
      String keyspace,
      String name,
      Map<String, Map<String, Object>> rowsByName,
      Map<String, UserType> ordered,
      Set<String> visiting) {
    if (ordered.containsKey(name) || !rowsByName.containsKey(name) || !visiting.add(name)) {
      return;
    }
    Map<String, Object> row = rowsByName.get(name);
    List<String> fieldNames = Rows.strings(row, "field_names");
    List<String> fieldTypes = Rows.strings(row, "field_types");
    for (String fieldType : fieldTypes) {
      try {
        for (String dependency : CqlTypeParser.referencedUserTypes(fieldType)) {
          resolve(keyspace, dependency, rowsByName, ordered, visiting);
        }
      } catch (IllegalArgumentException e) {
        // The field's type does not parse: it becomes a custom type below.
      }
    }
    Map<String, DataType> known = new HashMap<>();
    ordered.forEach((n, t) -> known.put(n, t.dataType()));
    List<DataType> parsed = new ArrayList<>();
    for (String fieldType : fieldTypes) {
      parsed.add(parseLeniently(fieldType, keyspace, known));
    }
    int fields = Math.min(fieldNames.size(), fieldTypes.size());
    io.loomcql.cqltypes.UserType dataType =
        new io.loomcql.cqltypes.UserType(
            keyspace, name, fieldNames.subList(0, fields), parsed.subList(0, fields));
    ordered.put(
        name,
        new UserType(
            keyspace, name, fieldNames.subList(0, fields), fieldTypes.subList(0, fields), dataType));
    visiting.remove(name);
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
