package io.loomcql.cluster.internal;

import io.loomcql.AuthenticationFailedException;
import io.loomcql.DriverException;
import io.loomcql.InvalidRequestException;
import io.loomcql.NoHostAvailableException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.request.DirectRequests;
import io.loomcql.metadata.Metadata;
import io.loomcql.metadata.SchemaRows;
import io.loomcql.metadata.internal.MetadataUpdater;
import io.loomcql.node.Host;
import io.loomcql.policies.ReconnectionSchedule;
import io.loomcql.protocol.internal.Event;
import io.loomcql.protocol.internal.Ready;
import io.loomcql.protocol.internal.Register;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.query.Row;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ProtocolVersionRejectedException;
import io.loomcql.wire.Frame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's own connection to one node: it reads {@code system.local} and
 * {@code system.peers_v2} (or {@code system.peers}) to learn the nodes, receives the server's
 * TOPOLOGY_CHANGE, STATUS_CHANGE and SCHEMA_CHANGE events, and moves to another node when its own
 * goes away. It keeps the cluster's {@link Metadata} current: nodes and token ring from the same
 * rows, the schema from {@code system_schema} (read whole on connect, then element by element
 * after each change). Its queries are bounded by {@code controlConnectionTimeout}.
 *
 * <p>It knows of its cluster only what it is given: the configuration, the node registry, the
 * metadata's updater, and {@link ClusterSide} (the cluster's runtime, and where server events go).
 *
 * <p>All methods except {@link #onEvent} run on the cluster's admin thread (or, for the first
 * connect, on the thread calling {@code Cluster.connect}).
 */
public final class ControlConnection implements ControlChannel {

  private static final Logger LOG = LoggerFactory.getLogger(ControlConnection.class);

  /** What the control connection needs of its cluster beyond its configuration and registries. */
  public interface ClusterSide {

    /**
     * {@return the cluster's runtime: its admin thread, connector, negotiated version and whether
     * it is shut down}
     */
    ClusterRuntime runtime();

    /** A server-pushed event, on the admin thread. */
    void onServerEvent(Event event);
  }

  private final ClusterConfig config;
  private final ClusterHosts hosts;
  private final MetadataUpdater metadata;
  private final ClusterSide cluster;
  private volatile Connection connection;
  private volatile boolean peersV2 = true;
  private volatile String clusterName;
  private volatile String partitioner;

  public ControlConnection(
      ClusterConfig config, ClusterHosts hosts, MetadataUpdater metadata, ClusterSide cluster) {
    this.config = config;
    this.hosts = hosts;
    this.metadata = metadata;
    this.cluster = cluster;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  /** The node the control connection is on, or null. */
  @Override
  public InetSocketAddress endpoint() {
    Connection current = connection;
    return current == null ? null : current.endpoint();
  }

  @Override
  public String clusterName() {
    return clusterName;
  }

  /**
   * Connects through {@code candidates} in order, negotiating the protocol version on the first
   * that answers, then reads the node list and registers for events.
   *
   * @throws NoHostAvailableException naming every candidate and its error if none worked
   */
  @Override
  public void connect(List<InetSocketAddress> candidates, ProtocolVersion highest, boolean explicit) {
    Map<InetSocketAddress, Throwable> errors = new LinkedHashMap<>();
    for (InetSocketAddress endpoint : candidates) {
      if (cluster.runtime().isShutdown()) {
        break;
      }
      Connection opened = null;
      try {
        Connector connector = cluster.runtime().connector();
        opened = connector.openNegotiating(endpoint, highest, explicit, this::onEvent);
        setUp(opened);
        return;
      } catch (RuntimeException e) {
        LOG.debug("Control connection to {} failed", endpoint, e);
        errors.put(endpoint, e);
        if (opened != null) {
          opened.close();
        }
        if (explicit && e instanceof ProtocolVersionRejectedException) {
          continue;
        }
      }
    }
    throw new NoHostAvailableException("Unable to connect to any servers", errors);
  }

  private void setUp(Connection opened) {
    Duration timeout = config.controlConnectionTimeout();
    refreshNodeList(opened, false);
    Object answer =
        DirectRequests.send(
            opened,
            new Register(List.of("TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE")),
            timeout);
    if (!(answer instanceof Ready)) {
      throw new ProtocolException("Expected READY to REGISTER, got " + answer);
    }
    if (config.schemaMetadataEnabled()) {
      // Registered first, so no change made while reading goes unnoticed.
      refreshSchema(opened);
    }
    connection = opened;
    opened.closeFuture().whenComplete((cause, error) -> onClosed(opened, cause));
    LOG.debug("Control connection is on {}", opened.endpoint());
  }

  private void onClosed(Connection closed, Throwable cause) {
    if (cluster.runtime().isShutdown() || connection != closed) {
      return;
    }
    LOG.info("Control connection to {} was lost ({}); reconnecting", closed.endpoint(), cause == null ? "closed" : cause.getMessage());
    cluster.runtime().admin().execute(this::reconnect);
  }

  /** Tries every known node, those believed up first; on failure, retries on the reconnection schedule. */
  void reconnect() {
    reconnect(config.reconnectionPolicy().newSchedule());
  }

  private void reconnect(ReconnectionSchedule schedule) {
    if (cluster.runtime().isShutdown()) {
      return;
    }
    List<InetSocketAddress> candidates = new ArrayList<>();
    InetSocketAddress previous = endpoint();
    for (Host host : hosts.all()) {
      if (host.isKnownUp() && !host.endpoint().equals(previous)) {
        candidates.add(host.endpoint());
      }
    }
    for (Host host : hosts.all()) {
      if (!candidates.contains(host.endpoint())) {
        candidates.add(host.endpoint());
      }
    }
    try {
      ProtocolVersion negotiated = cluster.runtime().negotiatedVersion();
      connect(candidates, negotiated != null ? negotiated : config.highestProtocolVersion(), true);
    } catch (NoHostAvailableException e) {
      if (!e.errors().isEmpty()
          && e.errors().values().stream()
              .allMatch(AuthenticationFailedException.class::isInstance)) {
        // As the Python driver: refused credentials will not be accepted on a later attempt.
        LOG.error("Control connection: every node refused the credentials; giving up: {}", e.getMessage());
        return;
      }
      var delay = schedule.nextDelay();
      if (delay.isEmpty()) {
        LOG.error("Control connection: reconnection schedule exhausted; giving up: {}", e.getMessage());
        return;
      }
      LOG.warn("Control connection: no node reachable; retrying in {} ms", delay.get().toMillis());
      cluster.runtime().admin().schedule(() -> reconnect(schedule), delay.get());
    }
  }

  /** Reads system.local and the peers table and brings the cluster's host list up to date. */
  @Override
  public void refreshNodeList() {
    Connection current = connection;
    if (current != null) {
      refreshNodeList(current, false);
    }
  }

  /**
   * As {@link #refreshNodeList()}, rebuilding the token map even if no node's tokens changed when
   * {@code forceTokenRebuild}; failures are thrown.
   *
   * @throws DriverException if there is no control connection
   */
  @Override
  public void refreshNodeList(boolean forceTokenRebuild) {
    Connection current = connection;
    if (current == null) {
      throw new DriverException("No control connection: the node list was not refreshed");
    }
    refreshNodeList(current, forceTokenRebuild);
  }

  private void refreshNodeList(Connection on, boolean forceTokenRebuild) {
    Duration timeout = config.controlConnectionTimeout();
    Row local = DirectRequests.query(on, "SELECT * FROM system.local WHERE key='local'", timeout).get(0);
    List<Row> peers = readPeers(on, timeout);

    clusterName = local.getString("cluster_name");
    partitioner = local.getString("partitioner");
    Map<InetSocketAddress, NodeInfo> seen = new LinkedHashMap<>();
    seen.put(on.endpoint(), NodeInfo.fromLocal(local).withEndpoint(on.endpoint()));
    for (Row peer : peers) {
      NodeInfo info = NodeInfo.fromPeer(peer, peersV2, config.port(), config.addressTranslator()::translate);
      if (info == null) {
        LOG.warn("Ignoring an invalid row in the peers table: {}", peer);
        continue;
      }
      seen.put(info.endpoint(), info);
    }
    boolean ringChanged = hosts.update(seen, on.endpoint());
    updateMetadataHosts(ringChanged || forceTokenRebuild);
  }

  /**
   * Names the cluster in the metadata, and rebuilds the token ring if asked to (the nodes are in
   * the metadata already: it is the node registry).
   */
  private void updateMetadataHosts(boolean rebuildRing) {
    metadata.setClusterName(clusterName);
    if (config.tokenMetadataEnabled()
        && partitioner != null
        && (rebuildRing || metadata.metadata().tokenMap() == null)) {
      try {
        metadata.rebuildTokenMap(partitioner, hosts.tokens());
        LOG.debug("Token map rebuilt: {}", metadata.metadata().tokenMap());
      } catch (RuntimeException e) {
        LOG.error("Could not build the token map; token-aware routing is off until the next refresh", e);
      }
    }
  }

  // ------------------------------------------------------------------ schema metadata

  /** Reads every keyspace's schema into the metadata (on connect, and on explicit refresh). */
  @Override
  public void refreshSchema(Connection on) {
    SchemaRows rows = SchemaReader.readAll(on, config.controlConnectionTimeout());
    try {
      metadata.rebuildSchema(rows);
    } catch (RuntimeException e) {
      LOG.error("Could not parse the schema read from {}; schema metadata is stale", on.endpoint(), e);
    }
  }

  /**
   * Brings the metadata up to date after a schema change (a server event or a DDL answer),
   * reading only the changed element where the metadata already knows its keyspace. Failures are
   * logged: the next change or refresh corrects the metadata.
   */
  @Override
  public void onSchemaChange(SchemaChange change) {
    Connection on = connection;
    if (on == null) {
      return;
    }
    try {
      refreshSchema(on, change);
    } catch (RuntimeException e) {
      LOG.warn("Could not refresh the schema metadata after {}: {}", change, e.toString());
    }
  }

  /** {@link #onSchemaChange} with failures thrown, on {@code on}. */
  @Override
  public void refreshSchema(Connection on, SchemaChange change) {
    Duration timeout = config.controlConnectionTimeout();
    String keyspace = change.keyspace();
    String name = change.name();
    boolean refreshed =
        switch (change.target()) {
          // Created or dropped (perhaps both, coalesced): what exists now is read whole.
          case "KEYSPACE" ->
              "UPDATED".equals(change.changeType())
                  && metadata.refreshKeyspaceOptions(keyspace, SchemaReader.readKeyspaceRow(on, keyspace, timeout));
          case "TABLE" -> metadata.refreshTable(keyspace, name, SchemaReader.readTable(on, keyspace, name, timeout));
          case "TYPE" -> metadata.refreshUserType(keyspace, name, SchemaReader.readType(on, keyspace, name, timeout));
          case "FUNCTION" ->
              metadata.refreshFunction(keyspace, name, SchemaReader.readFunction(on, keyspace, name, timeout));
          case "AGGREGATE" ->
              metadata.refreshAggregate(keyspace, name, SchemaReader.readAggregate(on, keyspace, name, timeout));
          default -> false;
        };
    if (!refreshed) {
      // A keyspace the metadata does not know yet: read all of it.
      metadata.refreshKeyspace(keyspace, SchemaReader.readKeyspace(on, keyspace, timeout));
    }
    LOG.debug("Schema metadata refreshed after {} {} {}.{}", change.changeType(), change.target(), keyspace, name);
  }

  private List<Row> readPeers(Connection on, Duration timeout) {
    if (peersV2) {
      try {
        return DirectRequests.query(on, "SELECT * FROM system.peers_v2", timeout);
      } catch (InvalidRequestException e) {
        LOG.debug("system.peers_v2 is not available on {}; using system.peers", on.endpoint());
        peersV2 = false;
      }
    }
    return DirectRequests.query(on, "SELECT * FROM system.peers", timeout);
  }

  /**
   * Waits until all nodes believed up report the same schema version, polling every 200 ms up
   * to {@code maxWait}. Returns whether they agreed.
   */
  @Override
  public boolean waitForSchemaAgreement(Connection on, Duration maxWait) {
    if (maxWait.isZero() || maxWait.isNegative()) {
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    Duration timeout = config.controlConnectionTimeout();
    while (true) {
      Set<UUID> versions = new LinkedHashSet<>();
      try {
        versions.add(
            DirectRequests.query(on, "SELECT schema_version FROM system.local WHERE key='local'", timeout)
                .get(0)
                .getUuid("schema_version"));
        for (Row peer : readPeers(on, timeout)) {
          InetAddress address = peer.get(peersV2 ? "native_address" : "rpc_address", InetAddress.class);
          Host host = address == null ? null : hosts.byAddress(address);
          if (host == null || !Boolean.FALSE.equals(host.isUp())) {
            UUID version = peer.getUuid("schema_version");
            if (version != null) {
              versions.add(version);
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.debug("Schema agreement check failed on {}", on.endpoint(), e);
      }
      if (versions.size() == 1) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        LOG.warn("No schema agreement after {} ms: versions {}", maxWait.toMillis(), versions);
        return false;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Called on an I/O thread with a server-pushed EVENT frame: hand it to the admin thread. */
  private void onEvent(Frame frame) {
    cluster
        .runtime()
        .admin()
        .execute(
            () -> {
              try {
                if (ResponseDecoder.decode(frame).response() instanceof Event event) {
                  cluster.onServerEvent(event);
                }
              } catch (RuntimeException e) {
                LOG.warn("Could not handle a server event", e);
              }
            });
  }

  @Override
  public void close() {
    Connection current = connection;
    connection = null;
    if (current != null) {
      current.close();
    }
  }

  /** One node's row of system.local or system.peers(_v2), reduced to what the driver uses. */
  public record NodeInfo(
      InetSocketAddress endpoint,
      String datacenter,
      String rack,
      String releaseVersion,
      UUID hostId,
      Set<String> tokens,
      UUID schemaVersion,
      Host.Addresses addresses) {

    static NodeInfo fromLocal(Row local) {
      return new NodeInfo(
          null,
          local.getString("data_center"),
          local.getString("rack"),
          local.getString("release_version"),
          local.getUuid("host_id"),
          tokensOf(local),
          local.getUuid("schema_version"),
          new Host.Addresses(
              local.get("broadcast_address", InetAddress.class),
              intOrNull(local, "broadcast_port"),
              intOrNull(local, "rpc_port"),
              inetOrNull(local, "listen_address"),
              intOrNull(local, "listen_port")));
    }

    /** Null when the row lacks what a usable node needs (as the Python driver checks). */
    static NodeInfo fromPeer(
        Row peer, boolean v2, int defaultPort, UnaryOperator<InetAddress> translator) {
      InetAddress rpc = peer.get(v2 ? "native_address" : "rpc_address", InetAddress.class);
      InetAddress broadcast = peer.get("peer", InetAddress.class);
      if (rpc == null || peer.getUuid("host_id") == null || peer.getString("data_center") == null
          || peer.getString("rack") == null) {
        return null;
      }
      if (rpc.isAnyLocalAddress()) {
        rpc = broadcast;
      }
      int port = v2 && !peer.isNull("native_port") ? peer.getInt("native_port") : defaultPort;
      return new NodeInfo(
          new InetSocketAddress(translator.apply(rpc), port),
          peer.getString("data_center"),
          peer.getString("rack"),
          peer.getString("release_version"),
          peer.getUuid("host_id"),
          tokensOf(peer),
          peer.getUuid("schema_version"),
          // The peers tables know no listen address or port of other nodes.
          new Host.Addresses(
              broadcast, intOrNull(peer, "peer_port"), intOrNull(peer, "native_port"), null, null));
    }

    /** The int column's value, or null when the row has no such column (older servers) or no value. */
    private static Integer intOrNull(Row row, String column) {
      int index = row.columnDefinitions().indexOf(column);
      return index < 0 || row.isNull(index) ? null : row.getInt(index);
    }

    private static InetAddress inetOrNull(Row row, String column) {
      int index = row.columnDefinitions().indexOf(column);
      return index < 0 ? null : row.get(index, InetAddress.class);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> tokensOf(Row row) {
      Set<String> tokens = row.get("tokens", Set.class);
      return tokens == null ? Set.of() : tokens;
    }

    NodeInfo withEndpoint(InetSocketAddress endpoint) {
      return new NodeInfo(
          endpoint, datacenter, rack, releaseVersion, hostId, tokens, schemaVersion, addresses);
    }
  }
}
