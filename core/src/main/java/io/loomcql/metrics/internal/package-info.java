/**
 * The driver's recording side of {@link io.loomcql.metrics.Metrics}: lock-free counters, the
 * request latency histogram and the JMX registration. Not exported.
 */
package io.loomcql.metrics.internal;
