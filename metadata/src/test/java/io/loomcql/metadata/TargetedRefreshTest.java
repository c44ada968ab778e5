package io.loomcql.metadata;

import io.loomcql.metadata.internal.MetadataUpdater;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Refreshes of one table, type, function, aggregate or keyspace's options, from captured rows. */
class TargetedRefreshTest {

  private static final SchemaRows ALL = SchemaJson.capturedRows();

  /** The captured rows with those {@code selected} moved out: (rest, selected). */
  private static SchemaRows[] split(BiPredicate<String, Map<String, Object>> selected) {
    SchemaRows rest = ALL.replacing(selected, SchemaRows.empty());
    SchemaRows picked = ALL.replacing(selected.negate(), SchemaRows.empty());
    return new SchemaRows[] {rest, picked};
  }

  private static BiPredicate<String, Map<String, Object>> tableRows(String table) {
    return (list, row) ->
        "meta_ks".equals(row.get("keyspace_name"))
            && (table.equals(row.get("table_name")) && !list.equals("views")
                || list.equals("views") && table.equals(row.get("view_name")));
  }

  @Test
  void should_add_replace_and_drop_one_table_leaving_the_rest_of_the_keyspace_as_it_was() {
    MetadataUpdater completeUpdater = MetadataUpdater.create();
    Metadata complete = completeUpdater.metadata();
    completeUpdater.rebuildSchema(ALL);
    SchemaRows[] parts = split(tableRows("events"));
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(parts[0]);
    assertThat(metadata.keyspace("meta_ks").table("events")).isNull();

    assertThat(metadataUpdater.refreshTable("meta_ks", "events", parts[1])).isTrue();
    assertThat(metadata.keyspace("meta_ks").table("events")).isEqualTo(complete.keyspace("meta_ks").table("events"));
    assertThat(metadata.keyspace("meta_ks").indexes()).containsKey("events_payload_idx");

    assertThat(metadataUpdater.refreshTable("meta_ks", "events", SchemaRows.empty())).isTrue();
    assertThat(metadata.keyspace("meta_ks").table("events")).isNull();
    assertThat(metadata.keyspace("meta_ks").table("users")).isEqualTo(complete.keyspace("meta_ks").table("users"));
  }

  @Test
  void should_refresh_a_view_by_its_name() {
    SchemaRows[] parts = split(tableRows("users_by_email"));
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(parts[0]);
    assertThat(metadata.keyspace("meta_ks").views()).doesNotContainKey("users_by_email");

    metadataUpdater.refreshTable("meta_ks", "users_by_email", parts[1]);

    MetadataUpdater completeUpdater = MetadataUpdater.create();

    Metadata complete = completeUpdater.metadata();
    completeUpdater.rebuildSchema(ALL);
    assertThat(metadata.keyspace("meta_ks")).isEqualTo(complete.keyspace("meta_ks"));
  }

  @Test
  void should_refresh_types_functions_and_aggregates_by_name() {
    MetadataUpdater completeUpdater = MetadataUpdater.create();
    Metadata complete = completeUpdater.metadata();
    completeUpdater.rebuildSchema(ALL);
    BiPredicate<String, Map<String, Object>> moved =
        (list, row) ->
            list.equals("types") && "aaa_dep".equals(row.get("type_name"))
                || list.equals("functions") && "plus".equals(row.get("function_name"))
                || list.equals("aggregates") && "sum2".equals(row.get("aggregate_name"));
    SchemaRows[] parts = split(moved);
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(parts[0]);
    assertThat(metadata.keyspace("meta_ks").userTypes()).doesNotContainKey("aaa_dep");

    assertThat(metadataUpdater.refreshUserType("meta_ks", "aaa_dep", parts[1])).isTrue();
    assertThat(metadataUpdater.refreshFunction("meta_ks", "plus", parts[1])).isTrue();
    assertThat(metadataUpdater.refreshAggregate("meta_ks", "sum2", parts[1])).isTrue();

    assertThat(metadata.keyspace("meta_ks")).isEqualTo(complete.keyspace("meta_ks"));
    assertThat(metadata.keyspace("meta_ks").exportAsString())
        .isEqualTo(complete.keyspace("meta_ks").exportAsString());
  }

  @Test
  void should_answer_false_for_an_unknown_keyspace_and_change_nothing() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(SchemaRows.empty());

    assertThat(metadataUpdater.refreshTable("meta_ks", "events", ALL)).isFalse();
    assertThat(metadataUpdater.refreshKeyspaceOptions("meta_ks", ALL)).isFalse();
    assertThat(metadata.keyspaces()).isEmpty();
  }

  @Test
  void should_change_replication_and_replicas_but_keep_tables_on_a_keyspace_options_refresh() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    Host a = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    Host b = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.2", 9042)));
    metadataUpdater.rebuildTokenMap("Murmur3Partitioner", Map.of(a, List.of("-100"), b, List.of("100")));
    metadataUpdater.rebuildSchema(ALL);
    ByteBuffer key = ByteBuffer.wrap(new byte[] {0, 0, 0, 1});
    assertThat(metadata.getReplicas("meta_ks", key)).hasSize(1);
    int tables = metadata.keyspace("meta_ks").tables().size();

    Map<String, Object> rf2 =
        Map.of(
            "keyspace_name", "meta_ks",
            "durable_writes", true,
            "replication", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"));
    assertThat(metadataUpdater.refreshKeyspaceOptions("meta_ks", SchemaRows.of(Map.of("keyspaces", List.of(rf2))))).isTrue();

    assertThat(metadata.getReplicas("meta_ks", key)).hasSize(2);
    assertThat(metadata.keyspace("meta_ks").tables()).hasSize(tables);

    assertThat(metadataUpdater.refreshKeyspaceOptions("meta_ks", SchemaRows.empty())).isTrue();
    assertThat(metadata.keyspace("meta_ks")).isNull();
    assertThat(metadata.getReplicas("meta_ks", key)).isEmpty();
  }

  @Test
  void should_give_the_token_of_a_key_once_the_partitioner_is_known() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    assertThat(metadata.tokenOf(ByteBuffer.wrap(new byte[] {0, 0, 0, 1}))).isNull();
    Host a = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    metadataUpdater.rebuildTokenMap("org.apache.cassandra.dht.Murmur3Partitioner", Map.of(a, List.of("0")));

    assertThat(metadata.tokenOf(ByteBuffer.wrap(new byte[] {0, 0, 0, 1})))
        .isEqualTo(new Murmur3Token(-4069959284402364209L));
  }
}
