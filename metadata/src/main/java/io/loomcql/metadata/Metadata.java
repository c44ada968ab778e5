package io.loomcql.metadata;

import io.loomcql.pool.Host;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * What the driver knows about the cluster (the Python driver's {@code cassandra.metadata.Metadata}):
 * its name and partitioner, its nodes, the schema of every keyspace and the token ring.
 *
 * <p>Readers see one immutable snapshot at a time; every update builds a new snapshot and swaps it
 * in atomically (compare-and-set, no locks), so reads never block and never see half an update.
 * Updates are meant to come from one thread (core's control connection); concurrent updates are
 * safe but may each recompute their snapshot.
 *
 * <p>Input contract for core: {@link #rebuildSchema(SchemaRows)} after a full {@code
 * system_schema} read, {@link #refreshKeyspace(String, SchemaRows)} after a schema change event
 * on anything in a keyspace (read the keyspace's rows with {@code WHERE keyspace_name = ?}),
 * {@link #removeKeyspace(String)} on a DROP KEYSPACE, {@link #addHost}/{@link #removeHost} as
 * nodes come and go, and {@link #rebuildTokenMap(String, Map)} after reading {@code system.local}
 * and {@code system.peers_v2} (and again when a node's tokens, data center or rack change).
 */
public final class Metadata {

  /** One consistent view; never mutated. */
  private record Snapshot(
      String clusterName,
      String partitioner,
      Map<InetSocketAddress, Host> hosts,
      Map<String, KeyspaceMetadata> keyspaces,
      Map<Host, List<String>> tokens,
      TokenMap tokenMap) {}

  private final AtomicReference<Snapshot> snapshot =
      new AtomicReference<>(new Snapshot(null, null, Map.of(), Map.of(), Map.of(), null));

  /** Empty metadata: no nodes, no keyspaces, no token map. */
  public Metadata() {}

  /** The cluster's name from {@code system.local.cluster_name}, or null until known. */
  public String clusterName() {
    return snapshot.get().clusterName();
  }

  /** Sets the cluster's name (core, on connecting the control connection). */
  public void setClusterName(String clusterName) {
    update(s -> new Snapshot(clusterName, s.partitioner(), s.hosts(), s.keyspaces(), s.tokens(), s.tokenMap()));
  }

  /**
   * The partitioner's class name from {@code system.local.partitioner}, or null until the token map
   * is first built (Python: {@code partitioner}).
   */
  public String partitioner() {
    return snapshot.get().partitioner();
  }

  /** Every keyspace by name, sorted by name (Python: {@code keyspaces}). */
  public Map<String, KeyspaceMetadata> keyspaces() {
    return snapshot.get().keyspaces();
  }

  /** A keyspace by its (case-sensitive, unquoted) name, or null if unknown. */
  public KeyspaceMetadata keyspace(String name) {
    return snapshot.get().keyspaces().get(name);
  }

  /**
   * The token ring, or null when token metadata is off, not read yet or the partitioner is not
   * supported (Python: {@code token_map}).
   */
  public TokenMap tokenMap() {
    return snapshot.get().tokenMap();
  }

  /**
   * The replicas of a routing key in a keyspace; empty when there is no token map or the keyspace
   * is unknown (Python: {@code get_replicas}). Cheap enough for every request.
   */
  public List<Host> getReplicas(String keyspace, ByteBuffer routingKey) {
    TokenMap map = snapshot.get().tokenMap();
    return map == null ? List.of() : map.getReplicas(keyspace, routingKey);
  }

  /** Every known node (Python: {@code all_hosts}). */
  public Collection<Host> allHosts() {
    return snapshot.get().hosts().values();
  }

  /** The node reached at this address and port, or null (Python: {@code get_host}). */
  public Host getHost(InetSocketAddress endpoint) {
    return snapshot.get().hosts().get(endpoint);
  }

  /** The first node whose connect or broadcast address is this one, or null. */
  public Host getHost(InetAddress address) {
    for (Host host : allHosts()) {
      if (address.equals(host.address()) || address.equals(host.broadcastAddress())) {
        return host;
      }
    }
    return null;
  }

  /**
   * Adds a node, or returns the one already known at its endpoint (Python: {@code
   * add_or_return_host}).
   *
   * @return the node now known at that endpoint
   */
  public Host addHost(Host host) {
    Objects.requireNonNull(host, "host");
    Snapshot updated =
        update(
            s -> {
              if (s.hosts().containsKey(host.endpoint())) {
                return s;
              }
              Map<InetSocketAddress, Host> hosts = new LinkedHashMap<>(s.hosts());
              hosts.put(host.endpoint(), host);
              return new Snapshot(
                  s.clusterName(), s.partitioner(), Collections.unmodifiableMap(hosts),
                  s.keyspaces(), s.tokens(), s.tokenMap());
            });
    return updated.hosts().get(host.endpoint());
  }

  /**
   * Forgets a node (Python: {@code remove_host}). Its tokens stay in the ring until the next
   * {@link #rebuildTokenMap}.
   *
   * @return whether the node was known
   */
  public boolean removeHost(Host host) {
    Snapshot before = snapshot.get();
    update(
        s -> {
          if (!s.hosts().containsKey(host.endpoint())) {
            return s;
          }
          Map<InetSocketAddress, Host> hosts = new LinkedHashMap<>(s.hosts());
          hosts.remove(host.endpoint());
          return new Snapshot(
              s.clusterName(), s.partitioner(), Collections.unmodifiableMap(hosts),
              s.keyspaces(), s.tokens(), s.tokenMap());
        });
    return before.hosts().containsKey(host.endpoint());
  }

  /**
   * Rebuilds the token ring (Python: {@code rebuild_token_map}). An unsupported partitioner leaves
   * no token map, as in Python.
   *
   * @param partitionerClassName {@code system.local.partitioner}
   * @param tokensByHost each node's tokens as the server prints them
   * @throws IllegalArgumentException if a token does not parse for the partitioner
   */
  public void rebuildTokenMap(
      String partitionerClassName, Map<Host, ? extends Collection<String>> tokensByHost) {
    Objects.requireNonNull(partitionerClassName, "partitionerClassName");
    Map<Host, List<String>> tokens = new LinkedHashMap<>();
    tokensByHost.forEach((host, list) -> tokens.put(host, List.copyOf(list)));
    Map<Host, List<String>> frozenTokens = Collections.unmodifiableMap(tokens);
    update(
        s -> {
          TokenMap map =
              Partitioner.forName(partitionerClassName)
                  .map(p -> TokenMap.build(p, frozenTokens, strategies(s.keyspaces())))
                  .orElse(null);
          return new Snapshot(
              s.clusterName(), partitionerClassName, s.hosts(), s.keyspaces(), frozenTokens, map);
        });
  }

  /**
   * Replaces the whole schema with the keyspaces of these rows (Python: a full {@code refresh}).
   * The token map keeps its ring and follows the keyspaces' replication.
   */
  public void rebuildSchema(SchemaRows rows) {
    Map<String, KeyspaceMetadata> keyspaces = SchemaParser.parse(rows);
    update(s -> withKeyspaces(s, keyspaces));
  }

  /**
   * Replaces one keyspace with its state in these rows, or removes it if they hold no {@code
   * system_schema.keyspaces} row for it (Python: {@code refresh(target_type=KEYSPACE)}, also used
   * for table, type, function and aggregate changes, which this rebuilds with the keyspace).
   *
   * @param keyspace the keyspace's name
   * @param rows the keyspace's rows ({@code WHERE keyspace_name = ?}); rows of other keyspaces are
   *     ignored
   */
  public void refreshKeyspace(String keyspace, SchemaRows rows) {
    SchemaRows own = rows.forKeyspace(keyspace);
    KeyspaceMetadata parsed = own.keyspaces().isEmpty() ? null : SchemaParser.keyspace(own);
    update(
        s -> {
          Map<String, KeyspaceMetadata> keyspaces = new TreeMap<>(s.keyspaces());
          if (parsed == null) {
            keyspaces.remove(keyspace);
          } else {
            keyspaces.put(keyspace, parsed);
          }
          return withKeyspaces(s, Collections.unmodifiableMap(keyspaces));
        });
  }

  /** Forgets a dropped keyspace. */
  public void removeKeyspace(String keyspace) {
    update(
        s -> {
          if (!s.keyspaces().containsKey(keyspace)) {
            return s;
          }
          Map<String, KeyspaceMetadata> keyspaces = new TreeMap<>(s.keyspaces());
          keyspaces.remove(keyspace);
          return withKeyspaces(s, Collections.unmodifiableMap(keyspaces));
        });
  }

  /**
   * The whole schema as CQL: every keyspace's {@link KeyspaceMetadata#exportAsString()}, by name,
   * separated by blank lines (Python: {@code export_schema_as_string}).
   */
  public String exportSchemaAsString() {
    StringBuilder out = new StringBuilder();
    for (KeyspaceMetadata keyspace : keyspaces().values()) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      out.append(keyspace.exportAsString());
    }
    return out.toString();
  }

  private static Snapshot withKeyspaces(Snapshot s, Map<String, KeyspaceMetadata> keyspaces) {
    TokenMap map = s.tokenMap() == null ? null : s.tokenMap().withKeyspaces(strategies(keyspaces));
    return new Snapshot(s.clusterName(), s.partitioner(), s.hosts(), keyspaces, s.tokens(), map);
  }

  private static Map<String, ReplicationStrategy> strategies(Map<String, KeyspaceMetadata> keyspaces) {
    Map<String, ReplicationStrategy> strategies = new LinkedHashMap<>();
    keyspaces.forEach((name, keyspace) -> strategies.put(name, keyspace.replicationStrategy()));
    return strategies;
  }

  private Snapshot update(UnaryOperator<Snapshot> change) {
    return snapshot.updateAndGet(change);
  }
}
