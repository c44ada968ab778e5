/**
 * The parts behind the {@code Cluster} and {@code Session} facades: the cluster's immutable
 * configuration ({@code ClusterConfig}), its admin thread ({@code AdminExecutor}), the connector
 * that opens connections with the cluster's options, a session's pool of connections to one
 * node ({@code NodePool}) and the JFR events. Not exported.
 */
package io.loomcql.cluster.internal;
