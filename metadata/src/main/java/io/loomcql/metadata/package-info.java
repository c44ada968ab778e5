/**
 * Cluster metadata, the Java form of the Python driver's {@code cassandra.metadata}.
 *
 * <ul>
 *   <li>The facade {@link io.loomcql.metadata.Metadata}: cluster name, nodes, keyspaces, token map,
 *       replicas of a routing key, schema export; updated by core through immutable snapshots.
 *   <li>The schema model parsed from {@link io.loomcql.metadata.SchemaRows} ({@code system_schema}
 *       rows): {@link io.loomcql.metadata.KeyspaceMetadata}, {@link
 *       io.loomcql.metadata.TableMetadata}, {@link io.loomcql.metadata.ColumnMetadata}, {@link
 *       io.loomcql.metadata.IndexMetadata}, {@link io.loomcql.metadata.MaterializedViewMetadata},
 *       {@link io.loomcql.metadata.UserType}, {@link io.loomcql.metadata.FunctionMetadata}, {@link
 *       io.loomcql.metadata.AggregateMetadata}, {@link io.loomcql.metadata.TriggerMetadata}; each
 *       exports itself as the CQL of Cassandra 5.0's {@code DESCRIBE}.
 *   <li>CQL type strings to {@link io.loomcql.cqltypes.DataType}s: {@link
 *       io.loomcql.metadata.CqlTypeParser}; identifier quoting: {@link
 *       io.loomcql.metadata.CqlNames}.
 *   <li>Tokens ({@link io.loomcql.metadata.Token}), partitioners ({@link
 *       io.loomcql.metadata.Partitioner}), routing keys ({@link io.loomcql.metadata.RoutingKey}),
 *       replication strategies ({@link io.loomcql.metadata.ReplicationStrategy}) and the ring
 *       ({@link io.loomcql.metadata.TokenMap}).
 * </ul>
 */
package io.loomcql.metadata;
