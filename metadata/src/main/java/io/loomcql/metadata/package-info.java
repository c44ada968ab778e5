/**
 * Tokens ({@link io.loomcql.metadata.Token}), the partitioners that compute them from routing keys
 * ({@link io.loomcql.metadata.Partitioner}) and the composite routing key ({@link
 * io.loomcql.metadata.RoutingKey}) — the token half of the Python driver's {@code
 * cassandra.metadata}.
 */
package io.loomcql.metadata;
