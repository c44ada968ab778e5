/**
 * The driver's view of one Cassandra node: {@link io.loomcql.node.Host} (the Python driver's
 * {@code cassandra.pool.Host}), its address, data center, rack, version, host id and up/down
 * state, shared by the driver core, the load-balancing policies and the metadata.
 */
package io.loomcql.node;
