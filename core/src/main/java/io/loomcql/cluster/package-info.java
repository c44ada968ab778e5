/**
 * The entry point of loomcql (the Python driver's {@code cassandra.cluster}):
 * {@link io.loomcql.cluster.Cluster} and its builder, {@link io.loomcql.cluster.Session},
 * the asynchronous {@link io.loomcql.cluster.ResponseFuture}, the paging
 * {@link io.loomcql.cluster.ResultSet}, {@link io.loomcql.cluster.ExecutionProfile}s and the
 * slow-query {@link io.loomcql.cluster.RequestLogger}.
 */
package io.loomcql.cluster;
