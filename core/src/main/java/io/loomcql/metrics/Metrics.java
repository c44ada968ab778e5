package io.loomcql.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Driver metrics of one cluster, the Java form of the Python driver's
 * {@code cassandra.metrics.Metrics}: a request timer (one sample per completed request or page)
 * and counters of errors by kind, retries, ignores and speculative executions, plus gauges of
 * known hosts, hosts connected to and open connections. Enabled with
 * {@code Cluster.builder().metricsEnabled(true)}; recording is lock-free.
 */
public final class Metrics {

  private final LatencyHistogram requestTimer = new LatencyHistogram();
  private final LongAdder connectionErrors = new LongAdder();
  private final LongAdder writeTimeouts = new LongAdder();
  private final LongAdder readTimeouts = new LongAdder();
  private final LongAdder unavailables = new LongAdder();
  private final LongAdder otherErrors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder ignores = new LongAdder();
  private final LongAdder speculativeExecutions = new LongAdder();
  private final LongAdder clientTimeouts = new LongAdder();
  private final IntSupplier knownHosts;
  private final IntSupplier connectedTo;
  private final IntSupplier openConnections;

  /** @param knownHosts, connectedTo, openConnections read the gauges when a snapshot is taken */
  public Metrics(IntSupplier knownHosts, IntSupplier connectedTo, IntSupplier openConnections) {
    this.knownHosts = knownHosts;
    this.connectedTo = connectedTo;
    this.openConnections = openConnections;
  }

  public void onRequest(long latencyNanos) {
    requestTimer.record(latencyNanos);
  }

  public void onConnectionError() {
    connectionErrors.increment();
  }

  public void onWriteTimeout() {
    writeTimeouts.increment();
  }

  public void onReadTimeout() {
    readTimeouts.increment();
  }

  public void onUnavailable() {
    unavailables.increment();
  }

  /** Overloaded, bootstrapping, truncate and server errors (the seed's other_errors). */
  public void onOtherError() {
    otherErrors.increment();
  }

  public void onClientTimeout() {
    clientTimeouts.increment();
  }

  public void onRetry() {
    retries.increment();
  }

  public void onIgnore() {
    ignores.increment();
  }

  public void onSpeculativeExecution() {
    speculativeExecutions.increment();
  }

  /**
   * The figures now, by the seed's names: {@code request_timer} (count, mean, median, 75th, 95th,
   * 98th, 99th, 99.9th percentile and max, in µs), the counters and the gauges. The map's
   * values are numbers or nested maps, ready to serialize to JSON.
   */
  public Map<String, Object> snapshot() {
    Map<String, Object> timer = new LinkedHashMap<>();
    timer.put("count", requestTimer.count());
    timer.put("mean_us", Math.round(requestTimer.meanMicros()));
    timer.put("median_us", requestTimer.percentileMicros(50));
    timer.put("75percentile_us", requestTimer.percentileMicros(75));
    timer.put("95percentile_us", requestTimer.percentileMicros(95));
    timer.put("98percentile_us", requestTimer.percentileMicros(98));
    timer.put("99percentile_us", requestTimer.percentileMicros(99));
    timer.put("999percentile_us", requestTimer.percentileMicros(99.9));
    timer.put("max_us", requestTimer.maxMicros());
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("request_timer", timer);
    all.put("connection_errors", connectionErrors.sum());
    all.put("write_timeouts", writeTimeouts.sum());
    all.put("read_timeouts", readTimeouts.sum());
    all.put("unavailables", unavailables.sum());
    all.put("other_errors", otherErrors.sum());
    all.put("client_timeouts", clientTimeouts.sum());
    all.put("retries", retries.sum());
    all.put("ignores", ignores.sum());
    all.put("speculative_executions", speculativeExecutions.sum());
    all.put("known_hosts", knownHosts.getAsInt());
    all.put("connected_to", connectedTo.getAsInt());
    all.put("open_connections", openConnections.getAsInt());
    return all;
  }

  @Override
  public String toString() {
    return "Metrics" + snapshot();
  }
}
