/**
 * Driver metrics (the Python driver's {@code cassandra.metrics}): {@link io.loomcql.metrics.Metrics},
 * a request timer and error, retry and connection counters of one cluster, readable as a map, as
 * JSON, or over JMX as a {@link io.loomcql.metrics.MetricsMXBean}.
 */
package io.loomcql.metrics;
