/**
 * The driver's write access to its node model: {@link io.loomcql.node.internal.HostUpdater}.
 * Exported to the driver's core only.
 */
package io.loomcql.node.internal;
