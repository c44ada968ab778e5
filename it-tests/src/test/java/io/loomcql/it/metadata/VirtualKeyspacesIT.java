package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.metadata.ColumnMetadata;
import io.loomcql.metadata.KeyspaceMetadata;
import io.loomcql.metadata.TableMetadata;
import io.loomcql.query.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The virtual keyspaces of a real node ({@code system_views}, {@code system_virtual_schema}) in
 * the metadata the control connection reads: marked virtual, with the tables and columns the
 * server lists, exported as the server's DESCRIBE prints them, and kept by targeted refreshes.
 */
@RealCassandra
class VirtualKeyspacesIT {

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void connect(TestCluster cassandra) {
    cluster = Clusters.builder(cassandra).build();
    session = cluster.connect();
  }

  @AfterAll
  static void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The table names the server lists for a virtual keyspace. */
  private static Set<String> serverTables(String keyspace) {
    Set<String> names = new TreeSet<>();
    for (Row row :
        session.execute(
            "SELECT table_name FROM system_virtual_schema.tables WHERE keyspace_name = %s", keyspace)) {
      names.add(row.getString("table_name"));
    }
    return names;
  }

  @Test
  void should_hold_the_virtual_keyspaces_marked_virtual_with_the_servers_tables() {
    KeyspaceMetadata views = cluster.metadata().keyspace("system_views");
    KeyspaceMetadata schema = cluster.metadata().keyspace("system_virtual_schema");

    assertThat(views).isNotNull();
    assertThat(schema).isNotNull();
    assertThat(views.isVirtual()).isTrue();
    assertThat(schema.isVirtual()).isTrue();
    assertThat(cluster.metadata().keyspace("system").isVirtual()).isFalse();
    assertThat(cluster.metadata().keyspace("system").table("local").isVirtual()).isFalse();
    assertThat(new TreeSet<>(views.tables().keySet())).isEqualTo(serverTables("system_views")).contains("settings");
    assertThat(schema.tables().keySet()).containsExactlyInAnyOrder("keyspaces", "tables", "columns");
    assertThat(views.tables().values()).allMatch(TableMetadata::isVirtual);
  }

  @Test
  void should_model_the_columns_and_keys_of_virtual_tables() {
    TableMetadata settings = cluster.metadata().keyspace("system_views").table("settings");
    assertThat(settings.partitionKey()).extracting(ColumnMetadata::name).containsExactly("name");
    assertThat(settings.column("value").cqlType()).isEqualTo("text");
    assertThat(settings.isCompactStorage()).isFalse();
    List<String> serverColumns = new ArrayList<>();
    for (Row row :
        session.execute(
            "SELECT column_name FROM system_virtual_schema.columns"
                + " WHERE keyspace_name = 'system_views' AND table_name = 'settings'")) {
      serverColumns.add(row.getString("column_name"));
    }
    assertThat(settings.columns().keySet()).containsExactlyInAnyOrderElementsOf(serverColumns);

    TableMetadata columns = cluster.metadata().keyspace("system_virtual_schema").table("columns");
    assertThat(columns.partitionKey()).extracting(ColumnMetadata::name).containsExactly("keyspace_name");
    assertThat(columns.clusteringKey()).extracting(ColumnMetadata::name).containsExactly("table_name", "column_name");
    assertThat(columns.column("position").cqlType()).isEqualTo("int");
  }

  @Test
  void should_export_virtual_keyspaces_as_the_server_describes_them() {
    for (String keyspace : List.of("system_views", "system_virtual_schema")) {
      List<String> described = new ArrayList<>();
      for (Row row : session.execute("DESCRIBE KEYSPACE " + keyspace)) {
        described.add(row.getString("create_statement"));
      }
      String exported = cluster.metadata().keyspace(keyspace).exportAsString();

      assertThat(exported).startsWith(
          "/*\nWarning: Keyspace " + keyspace + " is a virtual keyspace and cannot be recreated with CQL.");
      assertThat(SchemaMetadataIT.normalized(exported))
          .isEqualTo(SchemaMetadataIT.normalized(String.join("\n\n", described)));
    }
  }

  @Test
  void should_keep_virtual_keyspaces_through_every_kind_of_refresh() {
    KeyspaceMetadata before = cluster.metadata().keyspace("system_views");

    cluster.refreshKeyspaceMetadata("system_views");
    assertThat(cluster.metadata().keyspace("system_views")).isEqualTo(before);
    cluster.refreshTableMetadata("system_views", "settings");
    assertThat(cluster.metadata().keyspace("system_views").table("settings")).isEqualTo(before.table("settings"));
    assertThat(cluster.metadata().keyspace("system_views")).isEqualTo(before);
    cluster.refreshSchemaMetadata();
    assertThat(cluster.metadata().keyspace("system_views")).isEqualTo(before);
    assertThat(cluster.metadata().keyspace("system_views").isVirtual()).isTrue();
  }
}
