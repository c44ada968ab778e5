package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.metadata.internal.MetadataUpdater;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Virtual keyspaces and tables from {@code system_virtual_schema} rows (as a Cassandra 5.0.6 node
 * returns them): parsed, marked virtual, exported as the server's DESCRIBE does, and kept by
 * targeted refreshes.
 */
class VirtualKeyspacesTest {

  private static Map<String, Object> column(
      String keyspace, String table, String name, String kind, int position, String order, String type) {
    Map<String, Object> row = new HashMap<>();
    row.put("keyspace_name", keyspace);
    row.put("table_name", table);
    row.put("column_name", name);
    row.put("kind", kind);
    row.put("position", position);
    row.put("clustering_order", order);
    row.put("type", type);
    return row;
  }

  /** The rows of system_views.settings and system_virtual_schema.columns. */
  static Map<String, List<Map<String, Object>>> virtualRows() {
    String views = "system_views";
    String schema = "system_virtual_schema";
    Map<String, List<Map<String, Object>>> rows = new HashMap<>();
    rows.put(
        "system_virtual_schema.keyspaces",
        List.of(Map.of("keyspace_name", views), Map.of("keyspace_name", schema)));
    rows.put(
        "system_virtual_schema.tables",
        List.of(
            Map.of("keyspace_name", views, "table_name", "settings", "comment", "current settings"),
            Map.of("keyspace_name", schema, "table_name", "columns", "comment", "virtual column definitions")));
    rows.put(
        "system_virtual_schema.columns",
        List.of(
            column(views, "settings", "name", "partition_key", 0, "none", "text"),
            column(views, "settings", "value", "regular", -1, "none", "text"),
            column(schema, "columns", "keyspace_name", "partition_key", 0, "none", "text"),
            column(schema, "columns", "table_name", "clustering", 0, "asc", "text"),
            column(schema, "columns", "column_name", "clustering", 1, "asc", "text"),
            column(schema, "columns", "clustering_order", "regular", -1, "none", "text"),
            column(schema, "columns", "column_name_bytes", "regular", -1, "none", "blob"),
            column(schema, "columns", "kind", "regular", -1, "none", "text"),
            column(schema, "columns", "position", "regular", -1, "none", "int"),
            column(schema, "columns", "type", "regular", -1, "none", "text")));
    return rows;
  }

  /** The captured system_schema rows with the virtual rows added. */
  private static SchemaRows allRows() {
    SchemaRows regular = SchemaJson.capturedRows();
    Map<String, List<Map<String, Object>>> rows = new HashMap<>(virtualRows());
    List<List<Map<String, Object>>> lists = regular.lists();
    for (int i = 0; i < SchemaRows.TABLE_NAMES.size(); i++) {
      rows.put(SchemaRows.TABLE_NAMES.get(i), lists.get(i));
    }
    return SchemaRows.of(rows);
  }

  private static Metadata parsed(MetadataUpdater updater) {
    updater.rebuildSchema(allRows());
    return updater.metadata();
  }

  @Test
  void should_model_virtual_keyspaces_and_tables_beside_the_regular_ones() {
    Metadata metadata = parsed(MetadataUpdater.create());

    assertThat(metadata.keyspaces()).containsKeys("meta_ks", "system_views", "system_virtual_schema");
    assertThat(metadata.keyspace("meta_ks").isVirtual()).isFalse();
    assertThat(metadata.keyspace("meta_ks").table("events").isVirtual()).isFalse();
    KeyspaceMetadata views = metadata.keyspace("system_views");
    assertThat(views.isVirtual()).isTrue();
    assertThat(views.replication()).isEmpty();
    assertThat(views.durableWrites()).isFalse();
    assertThat(views.userTypes()).isEmpty();
    TableMetadata settings = views.table("settings");
    assertThat(settings.isVirtual()).isTrue();
    assertThat(settings.isCompactStorage()).isFalse();
    assertThat(settings.options()).isEqualTo(Map.of("comment", "current settings"));
    assertThat(settings.columns().keySet()).containsExactly("name", "value");
    assertThat(settings.partitionKey()).extracting(ColumnMetadata::name).containsExactly("name");
    TableMetadata columns = metadata.keyspace("system_virtual_schema").table("columns");
    assertThat(columns.clusteringKey()).extracting(ColumnMetadata::name).containsExactly("table_name", "column_name");
    assertThat(columns.column("position").cqlType()).isEqualTo("int");
  }

  @Test
  void should_export_virtual_keyspaces_as_comments_as_describe_does() {
    Metadata metadata = parsed(MetadataUpdater.create());

    assertThat(metadata.keyspace("system_views").asCqlQuery()).isEqualTo("VIRTUAL KEYSPACE system_views");
    assertThat(metadata.keyspace("system_views").exportAsString())
        .isEqualTo(
            """
            /*
            Warning: Keyspace system_views is a virtual keyspace and cannot be recreated with CQL.
            Structure, for reference:
            VIRTUAL KEYSPACE system_views;
            */

            /*
            Warning: Table system_views.settings is a virtual table and cannot be recreated with CQL.
            Structure, for reference:
            VIRTUAL TABLE system_views.settings (
                name text PRIMARY KEY,
                value text
            ) WITH comment = 'current settings';
            */""");
    assertThat(metadata.keyspace("system_virtual_schema").table("columns").exportAsString())
        .isEqualTo(
            """
            /*
            Warning: Table system_virtual_schema.columns is a virtual table and cannot be recreated with CQL.
            Structure, for reference:
            VIRTUAL TABLE system_virtual_schema.columns (
                keyspace_name text,
                table_name text,
                column_name text,
                clustering_order text,
                column_name_bytes blob,
                kind text,
                position int,
                type text,
                PRIMARY KEY (keyspace_name, table_name, column_name)
            ) WITH CLUSTERING ORDER BY (table_name ASC, column_name ASC)
                AND comment = 'virtual column definitions';
            */""");
  }

  @Test
  void should_keep_virtual_keyspaces_through_targeted_refreshes() {
    MetadataUpdater updater = MetadataUpdater.create();
    Metadata metadata = parsed(updater);
    KeyspaceMetadata before = metadata.keyspace("system_views");
    SchemaRows own = SchemaRows.of(virtualRows()).forKeyspace("system_views");

    // an explicit keyspace refresh reads the virtual keyspace's row
    SchemaRows keyspaceRow = SchemaRows.of(Map.of("system_virtual_schema.keyspaces", own.virtualKeyspaces()));
    assertThat(updater.refreshKeyspaceOptions("system_views", keyspaceRow)).isTrue();
    assertThat(metadata.keyspace("system_views")).isEqualTo(before);

    // a table refresh replaces the virtual table's rows
    List<Map<String, Object>> columns = new ArrayList<>(own.virtualColumns());
    columns.add(column("system_views", "settings", "source", "regular", -1, "none", "text"));
    SchemaRows tableRows =
        SchemaRows.of(
            Map.of("system_virtual_schema.tables", own.virtualTables(), "system_virtual_schema.columns", columns));
    assertThat(updater.refreshTable("system_views", "settings", tableRows)).isTrue();
    assertThat(metadata.keyspace("system_views").table("settings").columns().keySet())
        .containsExactly("name", "source", "value");
    assertThat(metadata.keyspace("system_views").isVirtual()).isTrue();

    // a whole-keyspace refresh with its rows
    updater.refreshKeyspace("system_views", SchemaRows.of(virtualRows()));
    assertThat(metadata.keyspace("system_views")).isEqualTo(before);
    // and without any row the keyspace is gone
    updater.refreshKeyspace("system_views", SchemaRows.empty());
    assertThat(metadata.keyspace("system_views")).isNull();
    assertThat(metadata.keyspace("meta_ks")).isNotNull();
  }

  @Test
  void should_parse_without_virtual_rows_as_an_older_server_gives_them() {
    MetadataUpdater updater = MetadataUpdater.create();
    updater.rebuildSchema(SchemaJson.capturedRows());

    assertThat(updater.metadata().keyspaces()).doesNotContainKeys("system_views", "system_virtual_schema");
  }
}
