package io.loomcql.cluster.internal;

import io.loomcql.DriverException;
import io.loomcql.ProtocolVersion;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.transport.spi.Connection;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's running machinery and its lifecycle: the admin thread, the callback executor, the
 * transport and connector, the negotiated protocol version. Started once by the first {@code
 * connect} and stopped once by {@code close}, both under {@link #lifecycle}; the state they set is
 * volatile, read lock-free by every part.
 */
public final class ClusterRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterRuntime.class);

  private final String name;
  private final ClusterConfig config;
  private final ControlChannel control;
  private final MetricsRecorder metrics;
  private final AdminExecutor admin;
  /** The callback executor when the cluster made it (then it stops it), else null. */
  private final CallbackRunners ownedExecutor;
  private final Executor callbackExecutor;

  /** Guards starting and stopping; the fields below are written under it. */
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile boolean shutdown;
  private volatile boolean started;
  private volatile TransportFactory transport;
  private volatile Connector connector;
  private volatile List<InetSocketAddress> contactEndpoints;
  private volatile ProtocolVersion negotiatedVersion;
  private volatile ObjectName metricsName;

  /** @param metrics the cluster's metrics, or null when disabled */
  public ClusterRuntime(String name, ClusterConfig config, ControlChannel control, MetricsRecorder metrics) {
    this.name = name;
    this.config = config;
    this.control = control;
    this.metrics = metrics;
    this.admin = new AdminExecutor(name + "-admin");
    if (config.callbackExecutor() == null) {
      this.ownedExecutor = new CallbackRunners(name + "-callback");
      this.callbackExecutor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.callbackExecutor = config.callbackExecutor();
    }
  }

  /**
   * Connects to the cluster unless done already: resolves the contact points, opens the control
   * connection (negotiating the protocol version), then runs {@code whenConnected}.
   *
   * @param nodeCount the known nodes, for the log line
   * @throws DriverException if the cluster is shut down
   */
  public void start(Runnable whenConnected, IntSupplier nodeCount) {
    checkOpen();
    if (started) {
      return;
    }
    lifecycle.lock();
    try {
      checkOpen();
      if (started) {
        return;
      }
      contactEndpoints = ContactPoints.resolve(config, name);
      if (transport == null) {
        transport = config.transport() != null ? config.transport() : Transports.nio(name);
        connector = new Connector(transport, config.connectionOptions());
      }
      control.connect(contactEndpoints, config.highestProtocolVersion(), config.protocolVersion() != null);
      negotiatedVersion = control.connection().protocolVersion();
      whenConnected.run();
      started = true;
      registerMetrics();
      LOG.info(
          "{} connected to cluster '{}' through {} with protocol {}; {} nodes",
          name, control.clusterName(), control.endpoint(), negotiatedVersion, nodeCount.getAsInt());
    } finally {
      lifecycle.unlock();
    }
  }

  private void checkOpen() {
    if (shutdown) {
      throw new DriverException("Cluster is already shut down");
    }
  }

  private void registerMetrics() {
    if (metrics != null) {
      try {
        metricsName = metrics.register(control.clusterName());
      } catch (IllegalStateException e) {
        LOG.warn("{}: metrics are not visible over JMX", name, e);
      }
    }
  }

  /**
   * Stops everything, once: runs {@code closeSessions} first, then stops the admin thread, the
   * control connection, the transport (unless the user gave it) and the callback executor (unless
   * the user gave it).
   */
  public void stop(Runnable closeSessions) {
    lifecycle.lock();
    try {
      if (shutdown) {
        return;
      }
      shutdown = true;
    } finally {
      lifecycle.unlock();
    }
    closeSessions.run();
    admin.shutdown();
    control.close();
    TransportFactory group = transport;
    if (group != null && config.transport() == null) {
      group.close();
    }
    if (ownedExecutor != null) {
      ownedExecutor.stop();
    }
    if (metricsName != null) {
      MetricsRecorder.unregister(metricsName);
    }
    LOG.debug("{} shut down", name);
  }

  /** {@return a new connection to {@code endpoint} at the negotiated version} */
  public CompletableFuture<Connection> open(InetSocketAddress endpoint) {
    return connector.open(endpoint, negotiatedVersion);
  }

  public boolean isShutdown() {
    return shutdown;
  }

  /** {@return whether the first connect succeeded} */
  public boolean isStarted() {
    return started;
  }

  /** {@return the contact points' addresses once started, else an empty list} */
  public List<InetSocketAddress> contactEndpoints() {
    List<InetSocketAddress> resolved = contactEndpoints;
    return resolved == null ? List.of() : resolved;
  }

  /** {@return the protocol version negotiated by the first connect, or null before} */
  public ProtocolVersion negotiatedVersion() {
    return negotiatedVersion;
  }

  /** {@return the connector, or null before the first connect} */
  public Connector connector() {
    return connector;
  }

  public Executor callbackExecutor() {
    return callbackExecutor;
  }

  public AdminExecutor admin() {
    return admin;
  }

  public ClusterConfig config() {
    return config;
  }

  /** {@return the cluster's name ({@code loomcql-N}), for logs and thread names} */
  public String name() {
    return name;
  }
}
