/**
 * Policies that decide how the driver treats nodes: how far a node is ({@link
 * io.loomcql.policies.HostDistance}), when to try reconnecting to a node that went down ({@link
 * io.loomcql.policies.ReconnectionPolicy}) and when a failure marks a node down ({@link
 * io.loomcql.policies.ConvictionPolicy}) — the Python driver's {@code cassandra.policies}.
 */
package io.loomcql.policies;
