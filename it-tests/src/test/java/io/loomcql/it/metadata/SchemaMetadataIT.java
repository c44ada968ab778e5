package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.metadata.ColumnMetadata;
import io.loomcql.metadata.IndexMetadata;
import io.loomcql.metadata.KeyspaceMetadata;
import io.loomcql.metadata.MaterializedViewMetadata;
import io.loomcql.metadata.TableMetadata;
import io.loomcql.query.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema model the control connection reads from system_schema on a real node: every feature
 * of a keyspace, its export compared with the server's own DESCRIBE KEYSPACE, and an export that
 * recreates the same schema.
 */
@RealCassandra
class SchemaMetadataIT {

  private static final String KS = "it_meta_model";

  static final List<String> SCHEMA =
      List.of(
          "CREATE KEYSPACE " + KS + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
          "CREATE TYPE " + KS + ".address (street text, zip int, tags frozen<set<text>>)",
          "CREATE TYPE " + KS + ".\"Person\" (name text, home frozen<address>, previous list<frozen<address>>)",
          "CREATE TABLE " + KS + ".events (tenant text, day date, ts timeuuid, seq int, payload text,"
              + " owner text static, tags set<text>, attrs map<text, int>, history list<int>,"
              + " who frozen<\"Person\">, pos tuple<double, double>,"
              + " PRIMARY KEY ((tenant, day), ts, seq))"
              + " WITH CLUSTERING ORDER BY (ts DESC, seq ASC) AND comment = 'it''s events'"
              + " AND gc_grace_seconds = 3600",
          "CREATE INDEX events_payload_idx ON " + KS + ".events (payload)",
          "CREATE INDEX ON " + KS + ".events (keys(attrs))",
          "CREATE TABLE " + KS + ".docs (id int, part int, title text, body text, emb vector<float, 3>,"
              + " PRIMARY KEY (id, part))",
          "CREATE INDEX docs_title_sai ON " + KS + ".docs (title) USING 'sai'",
          "CREATE CUSTOM INDEX docs_emb_ann ON " + KS + ".docs (emb) USING 'StorageAttachedIndex'"
              + " WITH OPTIONS = {'similarity_function': 'COSINE'}",
          "CREATE TABLE " + KS + ".users (id int PRIMARY KEY, email text, name text)",
          "CREATE MATERIALIZED VIEW " + KS + ".users_by_email AS SELECT * FROM " + KS + ".users"
              + " WHERE email IS NOT NULL AND id IS NOT NULL PRIMARY KEY (email, id)",
          "CREATE FUNCTION " + KS + ".plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int"
              + " LANGUAGE java AS 'return a + b;'",
          "CREATE AGGREGATE " + KS + ".total(int) SFUNC plus STYPE int INITCOND 0");

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void createSchema(TestCluster cassandra) {
    cluster = Clusters.builder(cassandra).build();
    session = cluster.connect();
    session.execute("DROP KEYSPACE IF EXISTS " + KS);
    for (String statement : SCHEMA) {
      session.execute(statement);
    }
    cluster.refreshSchemaMetadata();
  }

  @AfterAll
  static void dropSchema() {
    if (session != null) {
      session.execute("DROP KEYSPACE IF EXISTS " + KS);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void should_know_the_cluster_its_partitioner_and_its_node() {
    assertThat(cluster.metadata().clusterName()).isEqualTo(cluster.clusterName()).isNotBlank();
    assertThat(cluster.metadata().partitioner()).isEqualTo("org.apache.cassandra.dht.Murmur3Partitioner");
    assertThat(cluster.metadata().allHosts()).containsExactlyInAnyOrderElementsOf(cluster.hosts());
    assertThat(cluster.metadata().tokenMap().ring()).hasSize(16 * cluster.hosts().size());
    assertThat(cluster.metadata().keyspaces()).containsKeys("system", "system_schema", KS);
  }

  @Test
  void should_model_keys_clustering_order_static_and_collection_columns() {
    TableMetadata events = cluster.metadata().keyspace(KS).table("events");

    assertThat(events.partitionKey()).extracting(ColumnMetadata::name).containsExactly("tenant", "day");
    assertThat(events.clusteringKey()).extracting(ColumnMetadata::name).containsExactly("ts", "seq");
    assertThat(events.clusteringKey()).extracting(ColumnMetadata::isReversed).containsExactly(true, false);
    assertThat(events.column("owner").isStatic()).isTrue();
    assertThat(events.column("tags").cqlType()).isEqualTo("set<text>");
    assertThat(events.column("tags").isMultiCell()).isTrue();
    assertThat(events.column("attrs").cqlType()).isEqualTo("map<text, int>");
    assertThat(events.column("who").cqlType()).isEqualTo("frozen<\"Person\">");
    assertThat(events.column("pos").cqlType()).isEqualTo("frozen<tuple<double, double>>");
    assertThat(events.options()).containsEntry("comment", "it's events").containsEntry("gc_grace_seconds", 3600);
  }

  @Test
  void should_model_user_types_in_dependency_order() {
    KeyspaceMetadata ks = cluster.metadata().keyspace(KS);

    assertThat(ks.userTypes().keySet()).containsExactly("address", "Person");
    assertThat(ks.userTypes().get("Person").fieldNames()).containsExactly("name", "home", "previous");
  }

  @Test
  void should_model_secondary_and_storage_attached_indexes() {
    KeyspaceMetadata ks = cluster.metadata().keyspace(KS);

    IndexMetadata payload = ks.indexes().get("events_payload_idx");
    assertThat(payload.isCustom()).isFalse();
    assertThat(payload.target()).isEqualTo("payload");
    assertThat(ks.indexes().get("events_attrs_idx").target()).isEqualTo("keys(attrs)");
    IndexMetadata title = ks.table("docs").indexes().get("docs_title_sai");
    assertThat(title.isStorageAttached()).isTrue();
    assertThat(title.asCqlQuery()).isEqualTo("CREATE CUSTOM INDEX docs_title_sai ON " + KS + ".docs (title) USING 'sai'");
    assertThat(ks.indexes().get("docs_emb_ann").options()).containsEntry("similarity_function", "COSINE");
  }

  @Test
  void should_model_views_functions_and_aggregates() {
    KeyspaceMetadata ks = cluster.metadata().keyspace(KS);

    MaterializedViewMetadata view = ks.views().get("users_by_email");
    assertThat(view.baseTableName()).isEqualTo("users");
    assertThat(view.includeAllColumns()).isTrue();
    assertThat(view.partitionKey()).extracting(ColumnMetadata::name).containsExactly("email");
    assertThat(ks.table("users").views()).containsKey("users_by_email");
    assertThat(ks.functions()).containsKey("plus(int,int)");
    assertThat(ks.functions().get("plus(int,int)").body()).isEqualTo("return a + b;");
    assertThat(ks.aggregates()).containsKey("total(int)");
    assertThat(ks.aggregates().get("total(int)").stateFunc()).isEqualTo("plus");
  }

  @Test
  void should_export_the_statements_the_server_describes() {
    List<String> described = new ArrayList<>();
    for (Row row : session.execute("DESCRIBE KEYSPACE " + KS)) {
      described.add(normalized(row.getString("create_statement")));
    }
    List<String> exported = statements(cluster.metadata().keyspace(KS).exportAsString());

    assertThat(described).hasSizeGreaterThan(SCHEMA.size() - 1);
    assertThat(exported).containsExactlyElementsOf(described);
  }

  @Test
  void should_recreate_an_identical_schema_from_its_export() {
    KeyspaceMetadata original = cluster.metadata().keyspace(KS);
    String copy = KS + "_copy";
    String export = original.exportAsString().replace(KS + ".", copy + ".").replace("KEYSPACE " + KS + " ", "KEYSPACE " + copy + " ");
    session.execute("DROP KEYSPACE IF EXISTS " + copy);
    try {
      for (String statement : statements(export)) {
        session.execute(statement);
      }
      cluster.refreshKeyspaceMetadata(copy);
      cluster.refreshSchemaMetadata();
      KeyspaceMetadata recreated = cluster.metadata().keyspace(copy);

      assertThat(recreated.exportAsString().replace(copy + ".", KS + ".").replace("KEYSPACE " + copy + " ", "KEYSPACE " + KS + " "))
          .isEqualTo(original.exportAsString());
      assertThat(recreated.tables().keySet()).isEqualTo(original.tables().keySet());
      assertThat(recreated.userTypes().keySet()).isEqualTo(original.userTypes().keySet());
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + copy);
    }
  }

  /** The statements of an export (each ends with a semicolon, blank lines between), normalised. */
  static List<String> statements(String export) {
    return Arrays.stream(export.split("(?<=;)\\n\\n")).map(SchemaMetadataIT::normalized).toList();
  }

  static String normalized(String cql) {
    return cql.strip().replaceAll("\\s+", " ");
  }
}
