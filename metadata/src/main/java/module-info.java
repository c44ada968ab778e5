/**
 * Cluster metadata (the Python driver's {@code cassandra.metadata}): the schema model parsed from
 * {@code system_schema} rows and its export as CQL, tokens, partitioners, routing keys, replication
 * strategies and the token ring.
 *
 * <p>Depends on {@code io.loomcql.protocol} only: {@code core} fetches the rows and the node list
 * and hands them over as {@link io.loomcql.metadata.SchemaRows} and {@link io.loomcql.node.Host}s.
 */
module io.loomcql.metadata {
  requires transitive io.loomcql.protocol;

  exports io.loomcql.metadata;
  exports io.loomcql.metadata.internal to
      io.loomcql.core;
}
