package io.loomcql.cluster.internal;

import io.loomcql.metadata.internal.MetadataUpdater;
import java.util.ArrayList;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import io.loomcql.protocol.internal.SchemaChange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How schema events coalesce, how names are quoted in schema reads, when the ring is rebuilt. */
class SchemaChangeRefreshTest {

  private static SchemaChange change(String type, String target, String keyspace, String name) {
    return new SchemaChange(type, target, keyspace, name, List.of());
  }

  @Test
  void should_coalesce_every_change_of_one_element_but_not_of_two() {
    String created = SchemaRefresh.refreshKey(change("CREATED", "TABLE", "ks", "t"));
    assertThat(SchemaRefresh.refreshKey(change("UPDATED", "TABLE", "ks", "t"))).isEqualTo(created);
    assertThat(SchemaRefresh.refreshKey(change("DROPPED", "TABLE", "ks", "t"))).isEqualTo(created);
    assertThat(SchemaRefresh.refreshKey(change("CREATED", "TABLE", "ks", "u"))).isNotEqualTo(created);
    assertThat(SchemaRefresh.refreshKey(change("CREATED", "TYPE", "ks", "t"))).isNotEqualTo(created);
    assertThat(SchemaRefresh.refreshKey(change("CREATED", "TABLE", "ks2", "t"))).isNotEqualTo(created);
  }

  @Test
  void should_keep_a_keyspace_drop_and_re_creation_apart_from_option_updates() {
    String dropped = SchemaRefresh.refreshKey(change("DROPPED", "KEYSPACE", "ks", ""));
    assertThat(SchemaRefresh.refreshKey(change("CREATED", "KEYSPACE", "ks", ""))).isEqualTo(dropped);
    assertThat(SchemaRefresh.refreshKey(change("UPDATED", "KEYSPACE", "ks", ""))).isNotEqualTo(dropped);
  }

  @Test
  void should_quote_names_in_schema_queries() {
    assertThat(SchemaReader.literal("it's")).isEqualTo("'it''s'");
    assertThat(SchemaReader.literal("Quoted\"Name")).isEqualTo("'Quoted\"Name'");
  }

  private static ControlConnection.NodeInfo node(int n, String dc, String rack, String... tokens) {
    try {
      InetAddress address = InetAddress.getByName("127.0.0." + n);
      return new ControlConnection.NodeInfo(
          new InetSocketAddress(address, 9042), dc, rack, "5.0.6", new UUID(0, n), Set.of(tokens), null,
          new Host.Addresses(address, 7000, 9042, null, null));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<InetSocketAddress, ControlConnection.NodeInfo> seen(ControlConnection.NodeInfo... nodes) {
    Map<InetSocketAddress, ControlConnection.NodeInfo> seen = new LinkedHashMap<>();
    for (ControlConnection.NodeInfo node : nodes) {
      seen.put(node.endpoint(), node);
    }
    return seen;
  }

  @Test
  void should_report_a_ring_change_only_when_tokens_nodes_or_their_placement_change() {
    List<String> events = new ArrayList<>();
    MetadataUpdater metadata = MetadataUpdater.create();
    ClusterHosts hosts =
        new ClusterHosts(
            metadata,
            new ClusterHosts.Changes() {
              @Override
              public void added(Host host) {
                events.add("added " + host.address().getHostAddress());
              }

              @Override
              public void removed(Host host) {
                events.add("removed " + host.address().getHostAddress());
              }
            });
    InetSocketAddress control = node(1, "dc1", "r1").endpoint();

    assertThat(hosts.update(seen(node(1, "dc1", "r1", "1"), node(2, "dc1", "r1", "2")), control)).isTrue();
    assertThat(hosts.update(seen(node(1, "dc1", "r1", "1"), node(2, "dc1", "r1", "2")), control)).isFalse();
    assertThat(hosts.update(seen(node(1, "dc1", "r1", "1"), node(2, "dc1", "r2", "2")), control)).isTrue();
    assertThat(hosts.update(seen(node(1, "dc1", "r1", "1"), node(2, "dc1", "r2", "3")), control)).isTrue();
    assertThat(hosts.update(seen(node(1, "dc1", "r1", "1")), control)).isTrue();
    assertThat(hosts.tokens()).hasSize(1);
    // One registry: the metadata's nodes are the registry's, the same instances.
    assertThat(metadata.metadata().allHosts()).containsExactlyElementsOf(hosts.all());
    assertThat(metadata.metadata().getHost(control)).isSameAs(hosts.get(control));
    assertThat(events).containsExactly("added 127.0.0.1", "added 127.0.0.2", "removed 127.0.0.2");
  }
}
