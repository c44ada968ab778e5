package io.loomcql.metrics;

/**
 * The JMX view of a cluster's {@link Metrics}, registered under {@code
 * io.loomcql:type=Metrics,cluster=<cluster name>,id=<n>} while the cluster is open and metrics are
 * enabled. Latencies in microseconds, counters since the cluster was built.
 */
public interface MetricsMXBean {

  /** {@return requests (and pages) completed} */
  long getRequestCount();

  /** Mean request latency, in microseconds. */
  long getRequestMeanMicros();

  /** Median request latency, in microseconds. */
  long getRequestMedianMicros();

  /** 95th percentile of request latency, in microseconds. */
  long getRequest95thPercentileMicros();

  /** 99th percentile of request latency, in microseconds. */
  long getRequest99thPercentileMicros();

  /** 99.9th percentile of request latency, in microseconds. */
  long getRequest999thPercentileMicros();

  /** Highest request latency, in microseconds. */
  long getRequestMaxMicros();

  /** Connection errors. */
  long getConnectionErrors();

  /** Write timeouts reported by servers. */
  long getWriteTimeouts();

  /** Read timeouts reported by servers. */
  long getReadTimeouts();

  /** Unavailable errors reported by servers. */
  long getUnavailables();

  /** Other server errors (overloaded, bootstrapping, truncate, server error). */
  long getOtherErrors();

  /** Client-side timeouts. */
  long getClientTimeouts();

  /** Retries decided by the retry policy. */
  long getRetries();

  /** Errors the retry policy ignored. */
  long getIgnores();

  /** Speculative executions started. */
  long getSpeculativeExecutions();

  /** {@return nodes the driver knows of} */
  int getKnownHosts();

  /** {@return nodes the driver holds at least one connection to} */
  int getConnectedTo();

  /** Open connections, over all nodes and sessions. */
  int getOpenConnections();

  /** {@return the whole snapshot as JSON, as {@link Metrics#toJson()}} */
  String getJson();
}
