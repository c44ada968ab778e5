/**
 * Client-side write timestamps (the Python driver's {@code cassandra.timestamps}):
 * {@link io.loomcql.timestamps.MonotonicTimestampGenerator}, the cluster's default generator.
 */
package io.loomcql.timestamps;
