package io.loomcql.metadata.internal;

import io.loomcql.metadata.Metadata;
import io.loomcql.metadata.SchemaRows;
import io.loomcql.node.Host;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The driver's write access to one {@link Metadata}: the only way to change it. This package is
 * exported to the driver's core only, so users read metadata they cannot change.
 *
 * <p>Input contract for core: {@link #rebuildSchema(SchemaRows)} after a full {@code
 * system_schema} and {@code system_virtual_schema} read; after a schema change, the targeted refreshes {@link #refreshTable}, {@link
 * #refreshUserType}, {@link #refreshFunction}, {@link #refreshAggregate} and {@link
 * #refreshKeyspaceOptions} with the rows of the changed element only (each answers false when the
 * keyspace is not known yet: then read the keyspace's rows with {@code WHERE keyspace_name = ?}
 * and call {@link #refreshKeyspace(String, SchemaRows)}); {@link #removeKeyspace(String)} on a DROP
 * KEYSPACE; {@link #addHost}/{@link #removeHost} as nodes come and go, and {@link
 * #rebuildTokenMap(String, Map)} after reading {@code system.local} and {@code system.peers_v2}
 * (and again when a node's tokens, data center or rack change). The rows of each keyspace are kept,
 * so a targeted refresh re-parses its keyspace from them without reading anything else.
 *
 * <p>Updates are meant to come from one thread (core's admin thread); concurrent updates are safe
 * but may each recompute their snapshot. Readers of {@link #metadata()} never block.
 */
public interface MetadataUpdater {

  /** {@return new, empty metadata (no nodes, no keyspaces, no token map) and its updater} */
  static MetadataUpdater create() {
    return Factory.get().get();
  }

  /** Called once by {@link Metadata}'s static initializer; later calls are refused. */
  static void install(Supplier<MetadataUpdater> factory) {
    Factory.install(factory);
  }

  /** {@return the metadata this updater changes, as users see it} */
  Metadata metadata();

  /** Sets the cluster's name (core, on connecting the control connection). */
  void setClusterName(String clusterName);

  /**
   * Adds a node, or returns the one already known at its endpoint (Python: {@code
   * add_or_return_host}).
   *
   * @return the node now known at that endpoint
   */
  Host addHost(Host host);

  /**
   * Forgets a node (Python: {@code remove_host}). Its tokens stay in the ring until the next
   * {@link #rebuildTokenMap}.
   *
   * @return whether the node was known
   */
  boolean removeHost(Host host);

  /**
   * Rebuilds the token ring (Python: {@code rebuild_token_map}). An unsupported partitioner leaves
   * no token map, as in Python.
   *
   * @param partitionerClassName {@code system.local.partitioner}
   * @param tokensByHost each node's tokens as the server prints them
   * @throws IllegalArgumentException if a token does not parse for the partitioner
   */
  void rebuildTokenMap(
      String partitionerClassName, Map<Host, ? extends Collection<String>> tokensByHost);

  /**
   * Replaces the whole schema with the keyspaces of these rows (Python: a full {@code refresh}).
   * The token map keeps its ring and follows the keyspaces' replication.
   */
  void rebuildSchema(SchemaRows rows);

  /**
   * Replaces one keyspace with its state in these rows, or removes it if they hold no {@code
   * system_schema.keyspaces} row for it (nor a {@code system_virtual_schema.keyspaces} row) (Python: {@code refresh(target_type=KEYSPACE)} with every
   * element of the keyspace read again).
   *
   * @param keyspace the keyspace's name
   * @param rows the keyspace's rows ({@code WHERE keyspace_name = ?}); rows of other keyspaces are
   *     ignored
   */
  void refreshKeyspace(String keyspace, SchemaRows rows);

  /**
   * Replaces the keyspace's own options (replication, durable writes) with its {@code
   * system_schema.keyspaces} row in {@code rows} (or its {@code system_virtual_schema.keyspaces}
   * row, for a virtual keyspace), keeping its tables, types, functions and
   * aggregates; removes the keyspace if there is no such row (Python: {@code
   * refresh_keyspace_metadata}). A replication change re-places the keyspace's replicas.
   *
   * @return false if the keyspace was not known (read all its rows and call {@link
   *     #refreshKeyspace} instead), true otherwise
   */
  boolean refreshKeyspaceOptions(String keyspace, SchemaRows rows);

  /**
   * Replaces one table or materialized view with its rows (Python: {@code refresh_table_metadata}
   * and {@code refresh_materialized_view_metadata}; a schema event does not tell them apart).
   *
   * @param rows the rows of {@code system_schema.tables}, {@code columns}, {@code indexes}, {@code
   *     triggers} and {@code dropped_columns} {@code WHERE keyspace_name = ? AND table_name = ?}
   *     and of {@code views WHERE keyspace_name = ? AND view_name = ?} (and, for a virtual table,
   *     of {@code system_virtual_schema.tables} and {@code columns WHERE keyspace_name = ? AND
   *     table_name = ?}); none if it was dropped
   * @return false if the keyspace is not known (nothing changed: refresh the whole keyspace)
   */
  boolean refreshTable(String keyspace, String table, SchemaRows rows);

  /**
   * Replaces one user type with its {@code system_schema.types} row (none if dropped); tables using
   * it are rebuilt with it (Python: {@code refresh_user_type_metadata}).
   *
   * @return false if the keyspace is not known
   */
  boolean refreshUserType(String keyspace, String type, SchemaRows rows);

  /**
   * Replaces every overload of a function with its {@code system_schema.functions} rows {@code
   * WHERE keyspace_name = ? AND function_name = ?} (Python: {@code refresh_user_function_metadata}).
   *
   * @return false if the keyspace is not known
   */
  boolean refreshFunction(String keyspace, String function, SchemaRows rows);

  /**
   * Replaces every overload of an aggregate with its {@code system_schema.aggregates} rows {@code
   * WHERE keyspace_name = ? AND aggregate_name = ?} (Python: {@code
   * refresh_user_aggregate_metadata}).
   *
   * @return false if the keyspace is not known
   */
  boolean refreshAggregate(String keyspace, String aggregate, SchemaRows rows);

  /** Forgets a dropped keyspace. */
  void removeKeyspace(String keyspace);
}
