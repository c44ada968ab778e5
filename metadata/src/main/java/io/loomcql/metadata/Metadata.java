package io.loomcql.metadata;

import io.loomcql.metadata.internal.MetadataUpdater;
import io.loomcql.node.Host;
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
import java.util.function.BiPredicate;
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
 * <p>Read-only to users: the driver's core changes it through {@link MetadataUpdater}, whose
 * package this module exports to the core alone.
 */
public final class Metadata {

  /** One consistent view; never mutated. */
  private record Snapshot(
      String clusterName,
      String partitioner,
      Map<InetSocketAddress, Host> hosts,
      Map<String, KeyspaceMetadata> keyspaces,
      Map<String, SchemaRows> rows,
      Map<Host, List<String>> tokens,
      TokenMap tokenMap) {}

  private final AtomicReference<Snapshot> snapshot =
      new AtomicReference<>(new Snapshot(null, null, Map.of(), Map.of(), Map.of(), Map.of(), null));

  static {
    MetadataUpdater.install(() -> new Metadata().new Updater());
  }

  /** Empty metadata (no nodes, no keyspaces, no token map); made by {@link MetadataUpdater#create()}. */
  private Metadata() {}

  /** {@return the cluster's name from {@code system.local.cluster_name}, or null until known} */
  public String clusterName() {
    return snapshot.get().clusterName();
  }

  /**
   * The partitioner's class name from {@code system.local.partitioner}, or null until the token map
   * is first built (Python: {@code partitioner}).
   */
  public String partitioner() {
    return snapshot.get().partitioner();
  }

  /** {@return every keyspace by name, sorted by name (Python: {@code keyspaces})} */
  public Map<String, KeyspaceMetadata> keyspaces() {
    return snapshot.get().keyspaces();
  }

  /** {@return a keyspace by its (case-sensitive, unquoted) name, or null if unknown} */
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

  /** {@return every known node (Python: {@code all_hosts})} */
  public Collection<Host> allHosts() {
    return snapshot.get().hosts().values();
  }

  /** {@return the node reached at this address and port, or null (Python: {@code get_host})} */
  public Host getHost(InetSocketAddress endpoint) {
    return snapshot.get().hosts().get(endpoint);
  }

  /** {@return the first node whose connect or broadcast address is this one, or null} */
  public Host getHost(InetAddress address) {
    for (Host host : allHosts()) {
      if (address.equals(host.address()) || address.equals(host.broadcastAddress())) {
        return host;
      }
    }
    return null;
  }

  /**
   * The keyspace rebuilt from its stored rows minus those {@code drop} selects plus {@code rows}
   * (of this keyspace). The keyspace is parsed again as a whole, so whatever depends on the
   * replaced element (a table on a type, an index on a table) follows it.
   */
  private boolean refreshPart(
      String keyspace,
      SchemaRows rows,
      BiPredicate<String, Map<String, Object>> drop) {
    Objects.requireNonNull(keyspace, "keyspace");
    SchemaRows own = rows.forKeyspace(keyspace);
    boolean[] known = new boolean[1];
    update(
        s -> {
          SchemaRows stored = s.rows().get(keyspace);
          known[0] = stored != null;
          if (stored == null) {
            return s;
          }
          SchemaRows merged = stored.replacing(drop, own);
          KeyspaceMetadata parsed = merged.hasKeyspace() ? SchemaParser.keyspace(merged) : null;
          return withKeyspace(s, keyspace, parsed, merged);
        });
    return known[0];
  }

  /**
   * {@return the token of a routing key under the cluster's partitioner (Python: {@code
   * token_map.token_class.from_key(key)}), equal to the server's {@code token(...)} of the same
   * partition key; null while the partitioner is unknown or not supported}
   */
  public Token tokenOf(ByteBuffer routingKey) {
    String name = partitioner();
    return name == null ? null : Partitioner.forName(name).map(p -> p.tokenOf(routingKey)).orElse(null);
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

  /** The driver's write access to this metadata, handed out by {@link MetadataUpdater#create()}. */
  private final class Updater implements MetadataUpdater {

    @Override
    public Metadata metadata() {
      return Metadata.this;
    }

    @Override
    public void setClusterName(String clusterName) {
      update(s -> new Snapshot(clusterName, s.partitioner(), s.hosts(), s.keyspaces(), s.rows(), s.tokens(), s.tokenMap()));
    }

    @Override
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
                    s.keyspaces(), s.rows(), s.tokens(), s.tokenMap());
              });
      return updated.hosts().get(host.endpoint());
    }

    @Override
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
                s.keyspaces(), s.rows(), s.tokens(), s.tokenMap());
          });
      return before.hosts().containsKey(host.endpoint());
    }

    @Override
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
                s.clusterName(), partitionerClassName, s.hosts(), s.keyspaces(), s.rows(), frozenTokens,
                map);
          });
    }

    @Override
    public void rebuildSchema(SchemaRows rows) {
      Map<String, KeyspaceMetadata> keyspaces = SchemaParser.parse(rows);
      Map<String, SchemaRows> rowsByKeyspace = new TreeMap<>();
      for (String name : keyspaces.keySet()) {
        rowsByKeyspace.put(name, rows.forKeyspace(name));
      }
      Map<String, SchemaRows> frozenRows = Collections.unmodifiableMap(rowsByKeyspace);
      update(s -> withKeyspaces(s, keyspaces, frozenRows));
    }

    @Override
    public void refreshKeyspace(String keyspace, SchemaRows rows) {
      SchemaRows own = rows.forKeyspace(keyspace);
      KeyspaceMetadata parsed = own.hasKeyspace() ? SchemaParser.keyspace(own) : null;
      update(s -> withKeyspace(s, keyspace, parsed, own));
    }

    @Override
    public boolean refreshKeyspaceOptions(String keyspace, SchemaRows rows) {
      return refreshPart(
          keyspace,
          rows,
          (list, row) -> list.equals("keyspaces") || list.equals("system_virtual_schema.keyspaces"));
    }

    @Override
    public boolean refreshTable(String keyspace, String table, SchemaRows rows) {
      return refreshPart(
          keyspace,
          rows,
          (list, row) ->
              switch (list) {
                case "tables", "columns", "indexes", "triggers", "dropped_columns",
                    "system_virtual_schema.tables", "system_virtual_schema.columns" ->
                    table.equals(row.get("table_name"));
                case "views" -> table.equals(row.get("view_name"));
                default -> false;
              });
    }

    @Override
    public boolean refreshUserType(String keyspace, String type, SchemaRows rows) {
      return refreshPart(
          keyspace, rows, (list, row) -> list.equals("types") && type.equals(row.get("type_name")));
    }

    @Override
    public boolean refreshFunction(String keyspace, String function, SchemaRows rows) {
      return refreshPart(
          keyspace,
          rows,
          (list, row) -> list.equals("functions") && function.equals(row.get("function_name")));
    }

    @Override
    public boolean refreshAggregate(String keyspace, String aggregate, SchemaRows rows) {
      return refreshPart(
          keyspace,
          rows,
          (list, row) -> list.equals("aggregates") && aggregate.equals(row.get("aggregate_name")));
    }

    @Override
    public void removeKeyspace(String keyspace) {
      update(s -> s.keyspaces().containsKey(keyspace) ? withKeyspace(s, keyspace, null, null) : s);
    }
  }

  private static Snapshot withKeyspaces(
      Snapshot s, Map<String, KeyspaceMetadata> keyspaces, Map<String, SchemaRows> rows) {
    TokenMap map = s.tokenMap() == null ? null : s.tokenMap().withKeyspaces(strategies(keyspaces));
    return new Snapshot(s.clusterName(), s.partitioner(), s.hosts(), keyspaces, rows, s.tokens(), map);
  }

  /** {@code s} with one keyspace replaced ({@code parsed} non-null) or removed. */
  private static Snapshot withKeyspace(
      Snapshot s, String keyspace, KeyspaceMetadata parsed, SchemaRows rows) {
    Map<String, KeyspaceMetadata> keyspaces = new TreeMap<>(s.keyspaces());
    Map<String, SchemaRows> rowsByKeyspace = new TreeMap<>(s.rows());
    if (parsed == null) {
      keyspaces.remove(keyspace);
      rowsByKeyspace.remove(keyspace);
    } else {
      keyspaces.put(keyspace, parsed);
      rowsByKeyspace.put(keyspace, rows);
    }
    // Keep the previous token map when the replication of no keyspace changed.
    KeyspaceMetadata before = s.keyspaces().get(keyspace);
    boolean sameReplication =
        before != null && parsed != null && before.replication().equals(parsed.replication());
    Map<String, KeyspaceMetadata> frozen = Collections.unmodifiableMap(keyspaces);
    Map<String, SchemaRows> frozenRows = Collections.unmodifiableMap(rowsByKeyspace);
    if (sameReplication) {
      return new Snapshot(
          s.clusterName(), s.partitioner(), s.hosts(), frozen, frozenRows, s.tokens(), s.tokenMap());
    }
    return withKeyspaces(s, frozen, frozenRows);
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
