package io.loomcql.metrics.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loomcql.metrics.Metrics;
import io.loomcql.metrics.MetricsMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The driver's side of a cluster's {@link Metrics}: the request path records into it (lock-free
 * counters and a latency histogram), the cluster registers it over JMX, and users read it through
 * the {@link Metrics} interface only.
 */
public final class MetricsRecorder implements Metrics, MetricsMXBean {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger REGISTRATIONS = new AtomicInteger();

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

  /**
   * Metrics whose gauges are read from the given suppliers when a snapshot is taken.
   *
   * @param knownHosts the number of nodes the driver knows of
   * @param connectedTo the number of nodes the driver holds a connection to
   * @param openConnections the number of open connections
   */
  public MetricsRecorder(IntSupplier knownHosts, IntSupplier connectedTo, IntSupplier openConnections) {
    this.knownHosts = knownHosts;
    this.connectedTo = connectedTo;
    this.openConnections = openConnections;
  }

  /** Records one completed request (or page) and its latency in nanoseconds. */
  public void onRequest(long latencyNanos) {
    requestTimer.record(latencyNanos);
  }

  /** Counts a connection error. */
  public void onConnectionError() {
    connectionErrors.increment();
  }

  /** Counts a write timeout a server reported. */
  public void onWriteTimeout() {
    writeTimeouts.increment();
  }

  /** Counts a read timeout a server reported. */
  public void onReadTimeout() {
    readTimeouts.increment();
  }

  /** Counts an unavailable error a server reported. */
  public void onUnavailable() {
    unavailables.increment();
  }

  /** Overloaded, bootstrapping, truncate and server errors (counted as {@code other_errors}, the Python driver's name). */
  public void onOtherError() {
    otherErrors.increment();
  }

  /** Counts a client-side timeout (the request timeout expired). */
  public void onClientTimeout() {
    clientTimeouts.increment();
  }

  /** Counts a retry the retry policy decided. */
  public void onRetry() {
    retries.increment();
  }

  /** Counts an error the retry policy decided to ignore. */
  public void onIgnore() {
    ignores.increment();
  }

  /** Counts a speculative execution started. */
  public void onSpeculativeExecution() {
    speculativeExecutions.increment();
  }

  @Override
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
  public String toJson() {
    try {
      return JSON.writeValueAsString(snapshot());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Metrics snapshot is not serializable", e);
    }
  }

  /**
   * Registers this object with the platform MBean server under {@code
   * io.loomcql:type=Metrics,cluster=<clusterName>,id=<n>} ({@code n} tells apart clusters of the
   * same name in one JVM) and returns that name, for {@link #unregister(ObjectName)}.
   */
  public ObjectName register(String clusterName) {
    try {
      ObjectName name =
          new ObjectName(
              "io.loomcql:type=Metrics,cluster="
                  + ObjectName.quote(clusterName == null ? "" : clusterName)
                  + ",id="
                  + REGISTRATIONS.incrementAndGet());
      ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
      return name;
    } catch (JMException e) {
      throw new IllegalStateException("Could not register the metrics MBean", e);
    }
  }

  /** Removes a registration made by {@link #register(String)}; a no-op if it is gone already. */
  public static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // already gone
    } catch (JMException e) {
      throw new IllegalStateException("Could not unregister the metrics MBean " + name, e);
    }
  }

  // ------------------------------------------------------------------ MetricsMXBean

  @Override
  public long getRequestCount() {
    return requestTimer.count();
  }

  @Override
  public long getRequestMeanMicros() {
    return Math.round(requestTimer.meanMicros());
  }

  @Override
  public long getRequestMedianMicros() {
    return requestTimer.percentileMicros(50);
  }

  @Override
  public long getRequest95thPercentileMicros() {
    return requestTimer.percentileMicros(95);
  }

  @Override
  public long getRequest99thPercentileMicros() {
    return requestTimer.percentileMicros(99);
  }

  @Override
  public long getRequest999thPercentileMicros() {
    return requestTimer.percentileMicros(99.9);
  }

  @Override
  public long getRequestMaxMicros() {
    return requestTimer.maxMicros();
  }

  @Override
  public long getConnectionErrors() {
    return connectionErrors.sum();
  }

  @Override
  public long getWriteTimeouts() {
    return writeTimeouts.sum();
  }

  @Override
  public long getReadTimeouts() {
    return readTimeouts.sum();
  }

  @Override
  public long getUnavailables() {
    return unavailables.sum();
  }

  @Override
  public long getOtherErrors() {
    return otherErrors.sum();
  }

  @Override
  public long getClientTimeouts() {
    return clientTimeouts.sum();
  }

  @Override
  public long getRetries() {
    return retries.sum();
  }

  @Override
  public long getIgnores() {
    return ignores.sum();
  }

  @Override
  public long getSpeculativeExecutions() {
    return speculativeExecutions.sum();
  }

  @Override
  public int getKnownHosts() {
    return knownHosts.getAsInt();
  }

  @Override
  public int getConnectedTo() {
    return connectedTo.getAsInt();
  }

  @Override
  public int getOpenConnections() {
    return openConnections.getAsInt();
  }

  @Override
  public String getJson() {
    return toJson();
  }

  @Override
  public String toString() {
    return "Metrics" + snapshot();
  }
}
