package io.loomcql.cluster;

import io.loomcql.DriverException;
import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.cluster.internal.SchemaRefresh;
import java.time.Duration;

/**
 * The explicit metadata refreshes of a {@link Cluster} (the Python driver's {@code
 * refresh_*_metadata} and {@code refresh_nodes}): public methods of {@link Cluster}, its only
 * subclass, carried out by its {@link SchemaRefresh} part. Each blocks the caller until the
 * admin thread has read what was asked.
 */
abstract sealed class MetadataRefreshes extends ClusterOptions permits Cluster {

  MetadataRefreshes(ClusterConfig config) {
    super(config);
  }

  /** {@return the part that waits for schema agreement and reads the schema} */
  abstract SchemaRefresh schemaRefresh();

  /**
   * Reads the whole schema again, after waiting up to the cluster's {@code maxSchemaAgreementWait}
   * for the nodes to agree on it (Python: {@code refresh_schema_metadata}). Works when schema
   * metadata is disabled too. Blocks the caller.
   *
   * @throws DriverException if not connected, the nodes did not agree in time, or the read failed
   */
  public void refreshSchemaMetadata() {
    refreshSchemaMetadata(maxSchemaAgreementWait());
  }

  /** As {@link #refreshSchemaMetadata()}, waiting up to {@code maxSchemaAgreementWait} (zero: no wait). */
  public void refreshSchemaMetadata(Duration maxSchemaAgreementWait) {
    schemaRefresh().refreshAll(maxSchemaAgreementWait);
  }

  /**
   * Reads a keyspace's own options (replication, durable writes) again, keeping its tables and
   * other elements; a keyspace unknown so far is read whole, one that no longer exists is removed
   * (Python: {@code refresh_keyspace_metadata}). Waits for schema agreement first, as {@link
   * #refreshSchemaMetadata()}.
   */
  public void refreshKeyspaceMetadata(String keyspace) {
    refreshKeyspaceMetadata(keyspace, maxSchemaAgreementWait());
  }

  /** As {@link #refreshKeyspaceMetadata(String)}, with its own agreement wait. */
  public void refreshKeyspaceMetadata(String keyspace, Duration maxSchemaAgreementWait) {
    schemaRefresh().refreshElement("Keyspace", "KEYSPACE", keyspace, "", maxSchemaAgreementWait);
  }

  /** Reads one table again, with its indexes and triggers (Python: {@code refresh_table_metadata}). */
  public void refreshTableMetadata(String keyspace, String table) {
    refreshTableMetadata(keyspace, table, maxSchemaAgreementWait());
  }

  /** As {@link #refreshTableMetadata(String, String)}, with its own agreement wait. */
  public void refreshTableMetadata(String keyspace, String table, Duration maxSchemaAgreementWait) {
    schemaRefresh().refreshElement("Table", "TABLE", keyspace, table, maxSchemaAgreementWait);
  }

  /** Reads one materialized view again (Python: {@code refresh_materialized_view_metadata}). */
  public void refreshMaterializedViewMetadata(String keyspace, String view) {
    schemaRefresh().refreshElement("View", "TABLE", keyspace, view, maxSchemaAgreementWait());
  }

  /** Reads one user type again (Python: {@code refresh_user_type_metadata}). */
  public void refreshUserTypeMetadata(String keyspace, String type) {
    refreshUserTypeMetadata(keyspace, type, maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserTypeMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserTypeMetadata(String keyspace, String type, Duration maxSchemaAgreementWait) {
    schemaRefresh().refreshElement("User type", "TYPE", keyspace, type, maxSchemaAgreementWait);
  }

  /**
   * Reads a user function again, every overload of the name (Python: {@code
   * refresh_user_function_metadata}, which names one signature).
   */
  public void refreshUserFunctionMetadata(String keyspace, String function) {
    refreshUserFunctionMetadata(keyspace, function, maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserFunctionMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserFunctionMetadata(String keyspace, String function, Duration maxSchemaAgreementWait) {
    schemaRefresh().refreshElement("User function", "FUNCTION", keyspace, function, maxSchemaAgreementWait);
  }

  /** Reads a user aggregate again, every overload of the name (Python: {@code refresh_user_aggregate_metadata}). */
  public void refreshUserAggregateMetadata(String keyspace, String aggregate) {
    refreshUserAggregateMetadata(keyspace, aggregate, maxSchemaAgreementWait());
  }

  /** As {@link #refreshUserAggregateMetadata(String, String)}, with its own agreement wait. */
  public void refreshUserAggregateMetadata(String keyspace, String aggregate, Duration maxSchemaAgreementWait) {
    schemaRefresh().refreshElement("User aggregate", "AGGREGATE", keyspace, aggregate, maxSchemaAgreementWait);
  }

  /** Reads the node list again (Python: {@code refresh_nodes}); rebuilds the ring if a node's tokens changed. */
  public void refreshNodes() {
    refreshNodes(false);
  }

  /**
   * Reads the node list again from system.local and the peers table; the token ring is rebuilt
   * when a node's tokens, data center or rack changed, or always with {@code forceTokenRebuild}.
   *
   * @throws DriverException if not connected or the read failed
   */
  public void refreshNodes(boolean forceTokenRebuild) {
    schemaRefresh().refreshNodes(forceTokenRebuild);
  }
}
