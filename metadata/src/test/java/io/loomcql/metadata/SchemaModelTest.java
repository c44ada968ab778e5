package io.loomcql.metadata;

import io.loomcql.metadata.internal.MetadataUpdater;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model built from real Cassandra 5.0.6 rows (see schema/create-schema.cql). */
class SchemaModelTest {

  private static KeyspaceMetadata ks;

  @BeforeAll
  static void parse() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(SchemaJson.capturedRows());
    ks = metadata.keyspace("meta_ks");
  }

  @Test
  void should_read_keyspace_replication_and_durability() {
    assertThat(ks.durableWrites()).isTrue();
    assertThat(ks.replicationStrategy())
        .isEqualTo(new ReplicationStrategy.SimpleStrategy(new ReplicationFactor(1, 0)));
    assertThat(ks.asCqlQuery())
        .isEqualTo(
            "CREATE KEYSPACE meta_ks WITH replication = {'class': 'SimpleStrategy',"
                + " 'replication_factor': '1'}  AND durable_writes = true");
  }

  @Test
  void should_list_user_types_in_dependency_order_with_nested_types_resolved() {
    assertThat(ks.userTypes().keySet()).containsExactly("zzz_base", "Person", "aaa_dep");
    UserType person = ks.userTypes().get("Person").dataType();
    UserType base = ks.userTypes().get("zzz_base").dataType();
    assertThat(person.fieldTypes()).containsExactly(DataType.TEXT, base, new ListType(base), DataType.TEXT);
    assertThat(ks.userTypes().get("aaa_dep").dataType().fieldTypes())
        .containsExactly(person, new VectorType(DataType.FLOAT, 2));
  }

  @Test
  void should_order_keys_and_columns_as_the_server_creates_them() {
    TableMetadata events = ks.table("events");
    assertThat(events.partitionKey()).extracting(ColumnMetadata::name).containsExactly("tenant", "day");
    assertThat(events.clusteringKey()).extracting(ColumnMetadata::name).containsExactly("ts", "seq");
    assertThat(events.clusteringKey()).extracting(ColumnMetadata::isReversed).containsExactly(true, false);
    assertThat(events.columns().keySet())
        .containsExactly("tenant", "day", "ts", "seq", "owner", "payload", "score");
    assertThat(events.staticColumns()).extracting(ColumnMetadata::name).containsExactly("owner");
    assertThat(events.column("day").type()).isEqualTo(DataType.DATE);
  }

  @Test
  void should_read_options_with_server_defaults_for_omitted_ones() {
    TableMetadata events = ks.table("events");
    assertThat(events.options())
        .containsEntry("gc_grace_seconds", 3600)
        .containsEntry("allow_auto_snapshot", false)
        .containsEntry("incremental_backups", false)
        .containsEntry("memtable", "default")
        .containsEntry("cdc", false)
        .containsEntry("comment", "it's events");
    assertThat(ks.table("users").options()).containsEntry("allow_auto_snapshot", true);
    assertThat(events.isCompactStorage()).isFalse();
  }

  @Test
  void should_attach_indexes_views_and_dropped_columns_to_their_tables() {
    assertThat(ks.table("all_types").indexes().keySet())
        .containsExactly("all_types_l_idx", "all_types_m_idx", "fl_full", "m_entries", "st_idx");
    IndexMetadata ann = ks.table("sai_only").indexes().get("v_ann");
    assertThat(ann.isCustom()).isTrue();
    assertThat(ann.isStorageAttached()).isTrue();
    assertThat(ann.asCqlQuery())
        .isEqualTo(
            "CREATE CUSTOM INDEX v_ann ON meta_ks.sai_only (v) USING"
                + " 'org.apache.cassandra.index.sai.StorageAttachedIndex' WITH OPTIONS ="
                + " {'similarity_function': 'COSINE'}");
    assertThat(ks.indexes()).containsKeys("c_sai", "t_sai", "Quoted_Idx", "events_payload_idx");
    assertThat(ks.table("users").views().keySet()).containsExactly("users_by_email");
    assertThat(ks.views().get("users_by_email").includeAllColumns()).isTrue();
    assertThat(ks.table("users").droppedColumns().get("tmp").cqlType()).isEqualTo("text");
  }

  @Test
  void should_key_functions_and_aggregates_by_signature_without_spaces_between_arguments() {
    assertThat(ks.functions())
        .containsKeys("plus(int,int)", "avg_state(frozen<tuple<int, bigint>>,int)", "noargs()");
    assertThat(ks.aggregates()).containsKeys("average(int)", "sum2(int)", "sum_nocond(int)");
    assertThat(ks.aggregates().get("average(int)").finalFunc()).isEqualTo("avg_final");
    assertThat(ks.functions().get("plus(int,int)").calledOnNullInput()).isFalse();
  }

  @Test
  void should_build_equal_metadata_from_equal_rows() {
    MetadataUpdater otherUpdater = MetadataUpdater.create();
    Metadata other = otherUpdater.metadata();
    otherUpdater.rebuildSchema(SchemaJson.capturedRows());
    assertThat(other.keyspace("meta_ks")).isEqualTo(ks);
    assertThat(other.keyspace("meta_ks").table("events")).isEqualTo(ks.table("events"));
  }
}
