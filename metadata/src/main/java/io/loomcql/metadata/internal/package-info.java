/**
 * The driver's write access to its cluster metadata: {@link
 * io.loomcql.metadata.internal.MetadataUpdater}. Exported to the driver's core only.
 */
package io.loomcql.metadata.internal;
