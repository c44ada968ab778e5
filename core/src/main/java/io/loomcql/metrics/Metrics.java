package io.loomcql.metrics;

import java.util.Map;

/**
 * Driver metrics of one cluster, the Java form of the Python driver's
 * {@code cassandra.metrics.Metrics}: a request timer (one sample per completed request or page)
 * and counters of errors by kind, retries, ignores and speculative executions, plus gauges of
 * known hosts, hosts connected to and open connections. Enabled with
 * {@code Cluster.builder().metricsEnabled(true)} and read from {@code cluster.metrics()}; only the
 * driver records into it.
 *
 * <p>Read it as a map ({@link #snapshot()}), as JSON ({@link #toJson()}) or over JMX: an open
 * cluster with metrics enabled registers it as a {@link MetricsMXBean} under {@code
 * io.loomcql:type=Metrics,cluster=<clusterName>,id=<n>}.
 */
public interface Metrics extends MetricsMXBean {

  /**
   * The figures now, by the Python driver's names: {@code request_timer} (count, mean, median,
   * 75th, 95th, 98th, 99th, 99.9th percentile and max, in µs), the counters ({@code
   * connection_errors}, {@code write_timeouts}, {@code read_timeouts}, {@code unavailables},
   * {@code other_errors}, {@code client_timeouts}, {@code retries}, {@code ignores}, {@code
   * speculative_executions}) and the gauges ({@code known_hosts}, {@code connected_to}, {@code
   * open_connections}). The map's values are numbers or nested maps, ready to serialize to JSON.
   */
  Map<String, Object> snapshot();

  /** {@return {@link #snapshot()} as a JSON object} */
  String toJson();
}
