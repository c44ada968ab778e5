package io.loomcql.metadata;

import io.loomcql.node.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes, for every token of a ring, the replicas a replication strategy places there: the table
 * {@link TokenMap} looks replicas up in. Runs when the token map or a keyspace's replication
 * changes, never per request.
 */
final class ReplicaPlacement {

  private ReplicaPlacement() {}

  /** The replicas of each ring position (index i = the range ending at ring token i). */
  static List<List<Host>> compute(ReplicationStrategy strategy, Host[] owners) {
    int size = owners.length;
    List<List<Host>> table = new ArrayList<>(size);
    switch (strategy) {
      case ReplicationStrategy.SimpleStrategy simple -> {
        int distinct = new HashSet<>(List.of(owners)).size();
        int rf = Math.min(simple.replicationFactor().allReplicas(), distinct);
        for (int i = 0; i < size; i++) {
          table.add(simple(owners, i, rf));
        }
      }
      case ReplicationStrategy.EverywhereStrategy everywhere -> {
        int distinct = new HashSet<>(List.of(owners)).size();
        for (int i = 0; i < size; i++) {
          table.add(simple(owners, i, distinct));
        }
      }
      case ReplicationStrategy.NetworkTopologyStrategy nts -> {
        Topology topology = new Topology(owners);
        for (int i = 0; i < size; i++) {
          table.add(networkTopology(nts, owners, topology, i));
        }
      }
      case ReplicationStrategy.LocalStrategy local -> fillEmpty(table, size);
      case ReplicationStrategy.UnknownStrategy unknown -> fillEmpty(table, size);
    }
    return List.copyOf(table);
  }

  private static void fillEmpty(List<List<Host>> table, int size) {
    for (int i = 0; i < size; i++) {
      table.add(List.of());
    }
  }

  /** The first {@code rf} distinct owners clockwise from position {@code start}. */
  private static List<Host> simple(Host[] owners, int start, int rf) {
    Set<Host> replicas = new LinkedHashSet<>();
    for (int step = 0; step < owners.length && replicas.size() < rf; step++) {
      replicas.add(owners[(start + step) % owners.length]);
    }
    return List.copyOf(replicas);
  }

  /** Node and rack counts per data center, as the server's {@code Topology} gives them. */
  private static final class Topology {
    final Map<String, Integer> nodesPerDc = new HashMap<>();
    final Map<String, Integer> racksPerDc = new HashMap<>();

    Topology(Host[] owners) {
      Map<String, Set<Host>> nodes = new HashMap<>();
      Map<String, Set<String>> racks = new HashMap<>();
      for (Host host : owners) {
        String dc = host.datacenter();
        if (dc == null) {
          continue;
        }
        nodes.computeIfAbsent(dc, k -> new HashSet<>()).add(host);
        racks.computeIfAbsent(dc, k -> new HashSet<>()).add(rackOf(host));
      }
      nodes.forEach((dc, set) -> nodesPerDc.put(dc, set.size()));
      racks.forEach((dc, set) -> racksPerDc.put(dc, set.size()));
    }
  }

  private static String rackOf(Host host) {
    return host.rack() == null ? "" : host.rack();
  }

  /**
   * Cassandra 4.0+'s {@code NetworkTopologyStrategy.calculateNaturalReplicas}: walk the ring from
   * the token; in each data center take a node of a rack not used yet, or a node of a used rack
   * while the data center may still repeat racks (replication factor minus its rack count),
   * until the data center has {@code min(rf, its node count)} replicas.
   */
  private static List<Host> networkTopology(
      ReplicationStrategy.NetworkTopologyStrategy strategy,
      Host[] owners,
      Topology topology,
      int start) {
    Map<String, int[]> dcs = new HashMap<>(); // dc -> {rfLeft, acceptableRackRepeats}
    for (Map.Entry<String, ReplicationFactor> entry : strategy.dcReplicationFactors().entrySet()) {
      int rf = entry.getValue().allReplicas();
      int nodes = topology.nodesPerDc.getOrDefault(entry.getKey(), 0);
      if (rf <= 0 || nodes <= 0) {
        continue;
      }
      int racks = topology.racksPerDc.getOrDefault(entry.getKey(), 0);
      dcs.put(entry.getKey(), new int[] {Math.min(rf, nodes), rf - racks});
    }
    int dcsToFill = dcs.size();
    Set<Host> replicas = new LinkedHashSet<>();
    Set<String> seenRacks = new HashSet<>(); // "dc\0rack"
    for (int step = 0; step < owners.length && dcsToFill > 0; step++) {
      Host host = owners[(start + step) % owners.length];
      String dc = host.datacenter();
      int[] state = dc == null ? null : dcs.get(dc);
      if (state == null || state[0] == 0 || replicas.contains(host)) {
        continue;
      }
      if (seenRacks.add(dc + '\0' + rackOf(host))) {
        state[0]--;
        replicas.add(host);
      } else if (state[1] > 0) {
        state[1]--;
        state[0]--;
        replicas.add(host);
      } else {
        continue;
      }
      if (state[0] == 0) {
        dcsToFill--;
      }
    }
    return List.copyOf(replicas);
  }
}
