package io.loomcql.metadata;

import io.loomcql.metadata.internal.MetadataUpdater;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

  private static Map<String, Object> keyspaceRow(String name, String rf) {
    return Map.of(
        "keyspace_name", name,
        "durable_writes", true,
        "replication", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", rf));
  }

  @SafeVarargs
  private static SchemaRows keyspaces(Map<String, Object>... rows) {
    return SchemaRows.of(Map.of("keyspaces", List.of(rows)));
  }

  @Test
  void should_route_by_keyspace_replication_once_the_token_map_is_built() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    Host a = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    Host b = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.2", 9042)));
    metadataUpdater.rebuildSchema(keyspaces(keyspaceRow("one", "1"), keyspaceRow("two", "2")));
    ByteBuffer key = ByteBuffer.wrap(new byte[] {0, 0, 0, 1});

    assertThat(metadata.getReplicas("one", key)).isEmpty();
    metadataUpdater.rebuildTokenMap(
        "org.apache.cassandra.dht.Murmur3Partitioner",
        Map.of(a, List.of("-5000000000000000000"), b, List.of("0")));

    assertThat(metadata.partitioner()).isEqualTo(Murmur3Partitioner.NAME);
    // int 1 hashes to -4069959284402364209 (Python test vector), owned by b at token 0.
    assertThat(metadata.getReplicas("one", key)).containsExactly(b);
    assertThat(metadata.getReplicas("two", key)).containsExactly(b, a);
    assertThat(metadata.getReplicas("missing", key)).isEmpty();
  }

  @Test
  void should_follow_keyspace_refreshes_and_drops_in_schema_and_ring() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    Host a = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    Host b = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.2", 9042)));
    metadataUpdater.rebuildTokenMap("Murmur3Partitioner", Map.of(a, List.of("-100"), b, List.of("100")));
    metadataUpdater.rebuildSchema(keyspaces(keyspaceRow("ks", "1")));
    KeyspaceMetadata before = metadata.keyspace("ks");

    metadataUpdater.refreshKeyspace("ks", keyspaces(keyspaceRow("ks", "2"), keyspaceRow("other", "1")));

    assertThat(metadata.keyspaces()).containsOnlyKeys("ks");
    assertThat(metadata.keyspace("ks")).isNotEqualTo(before);
    assertThat(metadata.tokenMap().getReplicas("ks", new Murmur3Token(0))).containsExactly(b, a);

    metadataUpdater.refreshKeyspace("ks", SchemaRows.empty());
    assertThat(metadata.keyspace("ks")).isNull();
    assertThat(metadata.tokenMap().getReplicas("ks", new Murmur3Token(0))).isEmpty();

    metadataUpdater.rebuildSchema(keyspaces(keyspaceRow("ks", "1")));
    metadataUpdater.removeKeyspace("ks");
    assertThat(metadata.keyspaces()).isEmpty();
  }

  @Test
  void should_keep_one_host_per_endpoint_and_find_it_by_address() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    InetSocketAddress endpoint = new InetSocketAddress("127.0.0.1", 9042);
    Host first = metadataUpdater.addHost(new Host(endpoint));

    assertThat(metadataUpdater.addHost(new Host(endpoint))).isSameAs(first);
    assertThat(metadata.allHosts()).containsExactly(first);
    assertThat(metadata.getHost(endpoint)).isSameAs(first);
    assertThat(metadata.getHost(endpoint.getAddress())).isSameAs(first);
    assertThat(metadataUpdater.removeHost(first)).isTrue();
    assertThat(metadataUpdater.removeHost(first)).isFalse();
    assertThat(metadata.getHost(endpoint)).isNull();
  }

  @Test
  void should_have_no_token_map_for_an_unsupported_partitioner() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    Host a = metadataUpdater.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    metadataUpdater.rebuildTokenMap("org.apache.cassandra.dht.OrderPreservingPartitioner", Map.of(a, List.of("x")));

    assertThat(metadata.tokenMap()).isNull();
    assertThat(metadata.getReplicas("ks", ByteBuffer.allocate(1))).isEmpty();
  }

  @Test
  void should_export_all_keyspaces_separated_by_blank_lines() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.setClusterName("test");
    metadataUpdater.rebuildSchema(SchemaJson.capturedRows());

    assertThat(metadata.clusterName()).isEqualTo("test");
    assertThat(metadata.exportSchemaAsString())
        .isEqualTo(metadata.keyspace("meta_ks").exportAsString() + "\n\n"
            + metadata.keyspace("meta_nts").exportAsString());
  }
}
