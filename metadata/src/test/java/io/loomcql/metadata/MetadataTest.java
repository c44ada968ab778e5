package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.pool.Host;
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
    Metadata metadata = new Metadata();
    Host a = metadata.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    Host b = metadata.addHost(new Host(new InetSocketAddress("127.0.0.2", 9042)));
    metadata.rebuildSchema(keyspaces(keyspaceRow("one", "1"), keyspaceRow("two", "2")));
    ByteBuffer key = ByteBuffer.wrap(new byte[] {0, 0, 0, 1});

    assertThat(metadata.getReplicas("one", key)).isEmpty();
    metadata.rebuildTokenMap(
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
    Metadata metadata = new Metadata();
    Host a = metadata.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    Host b = metadata.addHost(new Host(new InetSocketAddress("127.0.0.2", 9042)));
    metadata.rebuildTokenMap("Murmur3Partitioner", Map.of(a, List.of("-100"), b, List.of("100")));
    metadata.rebuildSchema(keyspaces(keyspaceRow("ks", "1")));
    KeyspaceMetadata before = metadata.keyspace("ks");

    metadata.refreshKeyspace("ks", keyspaces(keyspaceRow("ks", "2"), keyspaceRow("other", "1")));

    assertThat(metadata.keyspaces()).containsOnlyKeys("ks");
    assertThat(metadata.keyspace("ks")).isNotEqualTo(before);
    assertThat(metadata.tokenMap().getReplicas("ks", new Murmur3Token(0))).containsExactly(b, a);

    metadata.refreshKeyspace("ks", SchemaRows.empty());
    assertThat(metadata.keyspace("ks")).isNull();
    assertThat(metadata.tokenMap().getReplicas("ks", new Murmur3Token(0))).isEmpty();

    metadata.rebuildSchema(keyspaces(keyspaceRow("ks", "1")));
    metadata.removeKeyspace("ks");
    assertThat(metadata.keyspaces()).isEmpty();
  }

  @Test
  void should_keep_one_host_per_endpoint_and_find_it_by_address() {
    Metadata metadata = new Metadata();
    InetSocketAddress endpoint = new InetSocketAddress("127.0.0.1", 9042);
    Host first = metadata.addHost(new Host(endpoint));

    assertThat(metadata.addHost(new Host(endpoint))).isSameAs(first);
    assertThat(metadata.allHosts()).containsExactly(first);
    assertThat(metadata.getHost(endpoint)).isSameAs(first);
    assertThat(metadata.getHost(endpoint.getAddress())).isSameAs(first);
    assertThat(metadata.removeHost(first)).isTrue();
    assertThat(metadata.removeHost(first)).isFalse();
    assertThat(metadata.getHost(endpoint)).isNull();
  }

  @Test
  void should_have_no_token_map_for_an_unsupported_partitioner() {
    Metadata metadata = new Metadata();
    Host a = metadata.addHost(new Host(new InetSocketAddress("127.0.0.1", 9042)));
    metadata.rebuildTokenMap("org.apache.cassandra.dht.OrderPreservingPartitioner", Map.of(a, List.of("x")));

    assertThat(metadata.tokenMap()).isNull();
    assertThat(metadata.getReplicas("ks", ByteBuffer.allocate(1))).isEmpty();
  }

  @Test
  void should_export_all_keyspaces_separated_by_blank_lines() {
    Metadata metadata = new Metadata();
    metadata.setClusterName("test");
    metadata.rebuildSchema(SchemaJson.capturedRows());

    assertThat(metadata.clusterName()).isEqualTo("test");
    assertThat(metadata.exportSchemaAsString())
        .isEqualTo(metadata.keyspace("meta_ks").exportAsString() + "\n\n"
            + metadata.keyspace("meta_nts").exportAsString());
  }
}
