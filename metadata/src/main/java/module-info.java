/**
 * Cluster metadata (the Python driver's {@code cassandra.metadata}): so far tokens, partitioners
 * and routing keys, the pieces token-aware routing needs.
 *
 * <p>Depends on nothing of loomcql yet; the module rule lets it depend on {@code io.loomcql.protocol}
 * only.
 */
module io.loomcql.metadata {
  exports io.loomcql.metadata;
}
