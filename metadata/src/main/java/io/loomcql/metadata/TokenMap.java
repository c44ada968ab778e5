package io.loomcql.metadata;

import io.loomcql.node.Host;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The token ring and, per keyspace, the replicas of every token range (the Python driver's {@code
 * TokenMap}). Immutable and thread-safe.
 *
 * <p>Built from the partitioner, the tokens each node owns ({@code system.local.tokens} and {@code
 * system.peers_v2.tokens}) and the keyspaces' replication. The replicas of each ring position are
 * computed once per distinct replication strategy and shared between keyspaces with equal
 * replication, so {@link #getReplicas(String, ByteBuffer)} is a map lookup, a hash (for Murmur3,
 * allocation-free), a binary search and an array read, returning a precomputed immutable list.
 *
 * <p>The placement reads each node's data center and rack when the map is built: when they change,
 * build a new map.
 */
public final class TokenMap {

  private final Partitioner partitioner;
  private final Token[] ring;
  private final long[] murmur3Ring; // ring values when the partitioner is Murmur3, else null
  private final Host[] owners;
  private final Map<ReplicationStrategy, List<List<Host>>> replicasByStrategy;
  private final Map<String, List<List<Host>>> replicasByKeyspace;
  private final Map<String, ReplicationStrategy> strategies;

  private TokenMap(
      Partitioner partitioner,
      Token[] ring,
      Host[] owners,
      Map<String, ReplicationStrategy> strategies,
      Map<ReplicationStrategy, List<List<Host>>> previous) {
    this.partitioner = partitioner;
    this.ring = ring;
    this.owners = owners;
    if (partitioner instanceof Murmur3Partitioner) {
      murmur3Ring = new long[ring.length];
      for (int i = 0; i < ring.length; i++) {
        murmur3Ring[i] = ((Murmur3Token) ring[i]).value();
      }
    } else {
      murmur3Ring = null;
    }
    Map<ReplicationStrategy, List<List<Host>>> byStrategy = new HashMap<>();
    Map<String, List<List<Host>>> byKeyspace = new HashMap<>();
    for (Map.Entry<String, ReplicationStrategy> entry : strategies.entrySet()) {
      List<List<Host>> table =
          byStrategy.computeIfAbsent(
              entry.getValue(),
              strategy -> {
                List<List<Host>> known = previous.get(strategy);
                return known != null ? known : ReplicaPlacement.compute(strategy, owners);
              });
      byKeyspace.put(entry.getKey(), table);
    }
    this.replicasByStrategy = byStrategy;
    this.replicasByKeyspace = byKeyspace;
    this.strategies = Collections.unmodifiableMap(new TreeMap<>(strategies));
  }

  /**
   * Builds the ring (Python: {@code Metadata.rebuild_token_map}).
   *
   * @param partitioner the cluster's partitioner
   * @param tokensByHost the tokens each node owns, as the server prints them; a token claimed by
   *     two nodes goes to the one seen last
   * @param keyspaces each keyspace's replication strategy, by keyspace name
   * @throws IllegalArgumentException if a token does not parse for the partitioner
   */
  public static TokenMap build(
      Partitioner partitioner,
      Map<Host, ? extends Collection<String>> tokensByHost,
      Map<String, ReplicationStrategy> keyspaces) {
    Objects.requireNonNull(partitioner, "partitioner");
    TreeMap<Token, Host> sorted = new TreeMap<>();
    for (Map.Entry<Host, ? extends Collection<String>> entry : tokensByHost.entrySet()) {
      for (String token : entry.getValue()) {
        sorted.put(partitioner.parse(token.strip()), entry.getKey());
      }
    }
    Token[] ring = sorted.keySet().toArray(new Token[0]);
    Host[] owners = sorted.values().toArray(new Host[0]);
    return new TokenMap(partitioner, ring, owners, keyspaces, Map.of());
  }

  /**
   * A map with the same ring and the given keyspaces' replication, reusing the replica tables of
   * strategies this map already computed (Python: {@code rebuild_keyspace} / {@code
   * remove_keyspace}).
   */
  public TokenMap withKeyspaces(Map<String, ReplicationStrategy> keyspaces) {
    return new TokenMap(partitioner, ring, owners, keyspaces, replicasByStrategy);
  }

  /** {@return the partitioner the ring's tokens belong to (Python: {@code token_class})} */
  public Partitioner partitioner() {
    return partitioner;
  }

  /** {@return the ring's tokens in ascending order (Python: {@code ring})} */
  public List<Token> ring() {
    return List.of(ring);
  }

  /** {@return the node owning each token, in ring order (Python: {@code token_to_host_owner})} */
  public Map<Token, Host> tokenToHostOwner() {
    Map<Token, Host> map = new LinkedHashMap<>();
    for (int i = 0; i < ring.length; i++) {
      map.put(ring[i], owners[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** {@return the replication strategies the map knows, by keyspace name} */
  public Map<String, ReplicationStrategy> keyspaces() {
    return strategies;
  }

  /**
   * The replicas of a token in a keyspace: those of the first ring token at or after it, wrapping
   * around (Python: {@code TokenMap.get_replicas}). Empty when the keyspace is unknown, the ring is
   * empty or the strategy places no replicas.
   */
  public List<Host> getReplicas(String keyspace, Token token) {
    List<List<Host>> table = replicasByKeyspace.get(keyspace);
    if (table == null || ring.length == 0) {
      return List.of();
    }
    int index = Arrays.binarySearch(ring, token);
    return table.get(position(index));
  }

  /**
   * The replicas of a routing key in a keyspace (the key's token computed with the partitioner).
   * Leaves the buffer's position and limit unchanged.
   */
  public List<Host> getReplicas(String keyspace, ByteBuffer routingKey) {
    List<List<Host>> table = replicasByKeyspace.get(keyspace);
    if (table == null || ring.length == 0) {
      return List.of();
    }
    int index;
    if (murmur3Ring != null) {
      long hash = Murmur3Hash.firstHalf(routingKey);
      index = Arrays.binarySearch(murmur3Ring, hash == Long.MIN_VALUE ? Long.MAX_VALUE : hash);
    } else {
      index = Arrays.binarySearch(ring, partitioner.tokenOf(routingKey));
    }
    return table.get(position(index));
  }

  /** The ring position owning a binary-search result: exact hit, or insertion point wrapped. */
  private int position(int searchResult) {
    if (searchResult >= 0) {
      return searchResult;
    }
    int insertion = -searchResult - 1;
    return insertion == ring.length ? 0 : insertion;
  }

  /** {@code TokenMap[partitioner, n tokens, m keyspaces]}. */
  @Override
  public String toString() {
    return "TokenMap[" + partitioner.name() + ", " + ring.length + " tokens, "
        + strategies.size() + " keyspaces]";
  }
}
