package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TokenMapTest {

  private static Host host(int n, String dc, String rack) {
    Host host = new Host(new InetSocketAddress("127.0.1." + n, 9042));
    HostUpdater.setLocation(host, dc, rack);
    return host;
  }

  private static ReplicationStrategy simple(int rf) {
    return new ReplicationStrategy.SimpleStrategy(new ReplicationFactor(rf, 0));
  }

  private static ReplicationStrategy nts(Object... dcAndRf) {
    Map<String, ReplicationFactor> dcs = new HashMap<>();
    for (int i = 0; i < dcAndRf.length; i += 2) {
      dcs.put((String) dcAndRf[i], new ReplicationFactor((Integer) dcAndRf[i + 1], 0));
    }
    return new ReplicationStrategy.NetworkTopologyStrategy(dcs);
  }

  private static Murmur3Token token(long value) {
    return new Murmur3Token(value);
  }

  @Test
  void should_walk_the_ring_clockwise_for_simple_strategy_and_wrap_around() {
    Host a = host(1, "dc1", "r1");
    Host b = host(2, "dc1", "r1");
    Host c = host(3, "dc1", "r1");
    TokenMap map =
        TokenMap.build(
            Murmur3Partitioner.INSTANCE,
            Map.of(a, List.of("0"), b, List.of("100"), c, List.of("200")),
            Map.of("ks", simple(2)));

    assertThat(map.getReplicas("ks", token(50))).containsExactly(b, c);
    assertThat(map.getReplicas("ks", token(100))).containsExactly(b, c);
    assertThat(map.getReplicas("ks", token(150))).containsExactly(c, a);
    assertThat(map.getReplicas("ks", token(250))).containsExactly(a, b);
    assertThat(map.getReplicas("ks", token(Long.MIN_VALUE))).containsExactly(a, b);
    assertThat(map.getReplicas("unknown", token(50))).isEmpty();
  }

  @Test
  void should_cap_the_replication_factor_at_the_number_of_nodes() {
    Host a = host(1, "dc1", "r1");
    Host b = host(2, "dc1", "r1");
    TokenMap map =
        TokenMap.build(
            Murmur3Partitioner.INSTANCE,
            Map.of(a, List.of("0", "300"), b, List.of("100")),
            Map.of("ks", simple(5), "everywhere", new ReplicationStrategy.EverywhereStrategy()));

    assertThat(map.getReplicas("ks", token(50))).containsExactly(b, a);
    assertThat(map.getReplicas("everywhere", token(150))).containsExactly(a, b);
  }

  @Test
  void should_not_repeat_a_rack_while_the_data_center_has_unused_racks() {
    Host a = host(1, "dc1", "r1");
    Host b = host(2, "dc1", "r1");
    Host c = host(3, "dc1", "r2");
    Host d = host(4, "dc1", "r2");
    Map<Host, List<String>> tokens =
        Map.of(a, List.of("0"), b, List.of("100"), c, List.of("200"), d, List.of("300"));
    TokenMap map =
        TokenMap.build(
            Murmur3Partitioner.INSTANCE, tokens, Map.of("rf2", nts("dc1", 2), "rf3", nts("dc1", 3)));

    // RF 2 over 2 racks: no rack may repeat, so b (rack r1 again) is skipped.
    assertThat(map.getReplicas("rf2", token(0))).containsExactly(a, c);
    // RF 3 over 2 racks: one repeat allowed, taken by the first node met (Cassandra 4.0+).
    assertThat(map.getReplicas("rf3", token(0))).containsExactly(a, b, c);
    assertThat(map.getReplicas("rf3", token(150))).containsExactly(c, d, a);
  }

  @Test
  void should_place_replicas_in_every_data_center_and_ignore_unknown_ones() {
    Host a = host(1, "dc1", "r1");
    Host b = host(2, "dc2", "r1");
    Host c = host(3, "dc1", "r1");
    Host d = host(4, "dc2", "r1");
    Map<Host, List<String>> tokens =
        Map.of(a, List.of("0"), b, List.of("100"), c, List.of("200"), d, List.of("300"));
    TokenMap map =
        TokenMap.build(
            Murmur3Partitioner.INSTANCE,
            tokens,
            Map.of(
                "both", nts("dc1", 1, "dc2", 2),
                "ghost", nts("dc3", 3),
                "local", new ReplicationStrategy.LocalStrategy()));

    assertThat(map.getReplicas("both", token(50))).containsExactly(b, c, d);
    assertThat(map.getReplicas("ghost", token(50))).isEmpty();
    assertThat(map.getReplicas("local", token(50))).isEmpty();
  }

  @Test
  void should_share_one_replica_table_between_keyspaces_with_equal_replication() {
    Host a = host(1, "dc1", "r1");
    Host b = host(2, "dc1", "r2");
    TokenMap map =
        TokenMap.build(
            Murmur3Partitioner.INSTANCE,
            Map.of(a, List.of("0"), b, List.of("100")),
            Map.of("one", nts("dc1", 2), "two", nts("dc1", 2)));

    assertThat(map.getReplicas("one", token(10))).isSameAs(map.getReplicas("two", token(10)));
    TokenMap updated = map.withKeyspaces(Map.of("three", nts("dc1", 2)));
    assertThat(updated.getReplicas("three", token(10))).isSameAs(map.getReplicas("one", token(10)));
    assertThat(updated.getReplicas("one", token(10))).isEmpty();
  }

  @Test
  void should_find_the_replicas_of_a_routing_key_through_its_murmur3_token() {
    Random random = new Random(7);
    Map<Host, List<String>> tokens = new LinkedHashMap<>();
    for (int n = 1; n <= 5; n++) {
      List<String> own = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        own.add(Long.toString(random.nextLong()));
      }
      tokens.put(host(n, "dc1", "r" + (n % 2)), own);
    }
    TokenMap map = TokenMap.build(Murmur3Partitioner.INSTANCE, tokens, Map.of("ks", simple(3)));
    for (int i = 0; i < 200; i++) {
      ByteBuffer key = ByteBuffer.allocate(4).putInt(0, i);
      Token token = Murmur3Partitioner.INSTANCE.tokenOf(key);
      assertThat(map.getReplicas("ks", key)).isEqualTo(map.getReplicas("ks", token));
      assertThat(key.position()).isZero();
    }
    // Python test vector: token of b'key' is -6847573755651342660.
    ByteBuffer key = ByteBuffer.wrap("key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(map.getReplicas("ks", key))
        .isEqualTo(map.getReplicas("ks", token(-6847573755651342660L)));
  }

  @Test
  void should_match_a_straightforward_reference_on_random_racked_rings() {
    Random random = new Random(42);
    for (int round = 0; round < 40; round++) {
      int nodes = 1 + random.nextInt(9);
      Map<Host, List<String>> tokens = new LinkedHashMap<>();
      for (int n = 1; n <= nodes; n++) {
        Host host = host(n, "dc" + random.nextInt(3), "rack" + random.nextInt(3));
        List<String> own = new ArrayList<>();
        for (int t = 0, count = 1 + random.nextInt(8); t < count; t++) {
          own.add(Long.toString(random.nextLong()));
        }
        tokens.put(host, own);
      }
      Map<String, ReplicationStrategy> keyspaces =
          Map.of(
              "simple", simple(1 + random.nextInt(4)),
              "nts", nts("dc0", random.nextInt(4), "dc1", random.nextInt(4), "dc2", 1 + random.nextInt(3)));
      TokenMap map = TokenMap.build(Murmur3Partitioner.INSTANCE, tokens, keyspaces);
      TreeMap<Long, Host> ring = new TreeMap<>();
      tokens.forEach((host, list) -> list.forEach(t -> ring.put(Long.parseLong(t), host)));
      for (int probe = 0; probe < 50; probe++) {
        long value = random.nextLong();
        for (Map.Entry<String, ReplicationStrategy> keyspace : keyspaces.entrySet()) {
          assertThat(map.getReplicas(keyspace.getKey(), token(value)))
              .as("round %d, %s, token %d", round, keyspace.getKey(), value)
              .isEqualTo(reference(ring, keyspace.getValue(), value));
        }
      }
    }
  }

  /** Replicas computed from scratch for one token, literally as Cassandra 5.0 does. */
  private static List<Host> reference(TreeMap<Long, Host> ring, ReplicationStrategy strategy, long value) {
    List<Host> walk = new ArrayList<>(ring.tailMap(value, true).values());
    walk.addAll(ring.headMap(value, false).values());
    if (strategy instanceof ReplicationStrategy.SimpleStrategy simple) {
      Set<Host> replicas = new LinkedHashSet<>();
      for (Host host : walk) {
        if (replicas.size() < simple.replicationFactor().allReplicas()) {
          replicas.add(host);
        }
      }
      return List.copyOf(replicas);
    }
    ReplicationStrategy.NetworkTopologyStrategy nts = (ReplicationStrategy.NetworkTopologyStrategy) strategy;
    Map<String, Set<Host>> dcNodes = new HashMap<>();
    Map<String, Set<String>> dcRacks = new HashMap<>();
    for (Host host : ring.values()) {
      dcNodes.computeIfAbsent(host.datacenter(), k -> new HashSet<>()).add(host);
      dcRacks.computeIfAbsent(host.datacenter(), k -> new HashSet<>()).add(host.rack());
    }
    record Dc(int[] rfLeft, int[] repeats) {}
    Map<String, Dc> dcs = new HashMap<>();
    nts.dcReplicationFactors().forEach((dc, rf) -> {
      int nodeCount = dcNodes.getOrDefault(dc, Set.of()).size();
      if (rf.allReplicas() > 0 && nodeCount > 0) {
        dcs.put(dc, new Dc(new int[] {Math.min(rf.allReplicas(), nodeCount)},
            new int[] {rf.allReplicas() - dcRacks.get(dc).size()}));
      }
    });
    List<Host> replicas = new ArrayList<>();
    Set<String> seenRacks = new HashSet<>();
    int toFill = dcs.size();
    for (Host host : walk) {
      if (toFill == 0) {
        break;
      }
      Dc dc = dcs.get(host.datacenter());
      if (dc == null || dc.rfLeft()[0] == 0 || replicas.contains(host)) {
        continue;
      }
      if (seenRacks.add(host.datacenter() + "/" + host.rack())) {
        replicas.add(host);
      } else if (dc.repeats()[0] > 0) {
        dc.repeats()[0]--;
        replicas.add(host);
      } else {
        continue;
      }
      if (--dc.rfLeft()[0] == 0) {
        toFill--;
      }
    }
    return replicas;
  }

  @Test
  void should_parse_replication_maps_into_strategies() {
    assertThat(ReplicationStrategy.create(Map.of(
            "class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "3/1")))
        .isEqualTo(new ReplicationStrategy.SimpleStrategy(new ReplicationFactor(3, 1)));
    ReplicationStrategy dcs = ReplicationStrategy.create(Map.of(
        "class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3", "dc2", "2"));
    assertThat(dcs).isEqualTo(nts("dc1", 3, "dc2", 2));
    assertThat(dcs.exportForSchema())
        .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': '3', 'dc2': '2'}");
    assertThat(ReplicationStrategy.create(Map.of("class", "org.apache.cassandra.locator.LocalStrategy")))
        .isInstanceOf(ReplicationStrategy.LocalStrategy.class);
    assertThat(ReplicationStrategy.create(Map.of("class", "com.example.Custom", "x", "1")))
        .isEqualTo(new ReplicationStrategy.UnknownStrategy("com.example.Custom", Map.of("x", "1")));
    assertThat(ReplicationStrategy.create(Map.of("class", "SimpleStrategy", "replication_factor", "x")))
        .isInstanceOf(ReplicationStrategy.UnknownStrategy.class);
  }
}
