package io.loomcql.metrics;

/**
 * The JMX view of a cluster's {@link Metrics}, registered under {@code
 * io.loomcql:type=Metrics,cluster=<cluster name>,id=<n>} while the cluster is open and metrics are
 * enabled. Latencies in microseconds, counters since the cluster was built.
 */
public interface MetricsMXBean {

  /** Requests (and pages) completed. */
  long getRequestCount();

  long getRequestMeanMicros();

  long getRequestMedianMicros();

  long getRequest95thPercentileMicros();

  long getRequest99thPercentileMicros();

  long getRequest999thPercentileMicros();

  long getRequestMaxMicros();

  long getConnectionErrors();

  long getWriteTimeouts();

  long getReadTimeouts();

  long getUnavailables();

  long getOtherErrors();

  long getClientTimeouts();

  long getRetries();

  long getIgnores();

  long getSpeculativeExecutions();

  int getKnownHosts();

  int getConnectedTo();

  int getOpenConnections();

  /** The whole snapshot as JSON, as {@link Metrics#toJson()}. */
  String getJson();
}
