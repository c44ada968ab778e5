package io.loomcql.cluster.internal;

import io.loomcql.AuthenticationFailedException;
import io.loomcql.ConnectionException;
import io.loomcql.policies.ConvictionPolicy;
import io.loomcql.policies.HostStateListener;
import io.loomcql.policies.ReconnectionSchedule;
import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import io.loomcql.protocol.internal.Event;
import io.loomcql.transport.spi.Connection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether each node is up: marks nodes down on convicted connection failures and server events,
 * reconnects to down nodes on the reconnection policy's schedule, and tells the load-balancing
 * policies, the sessions' pools and the registered listeners, in that order. Every state change
 * runs on the cluster's admin thread; the maps are concurrent because request and event threads
 * read them.
 */
public final class NodeStateMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(NodeStateMonitor.class);

  /** What the monitor needs of its cluster. */
  public interface ClusterSide {
    /** {@return the registered node at {@code endpoint}, or null} */
    Host host(InetSocketAddress endpoint);

    /** {@return the registered node at the (translated) {@code address}, or null} */
    Host hostAt(InetAddress address);

    /** {@return the pools of every open session} */
    Iterable<SessionPools> sessions();
  }

  private final ClusterRuntime runtime;
  private final String name;
  private final ClusterConfig config;
  private final AdminExecutor admin;
  private final ExecutionProfiles profiles;
  private final RefreshWindows windows;
  private final ControlChannel control;
  private final ClusterSide cluster;
  private final Map<Host, Future<?>> reconnections = new ConcurrentHashMap<>();
  private final Map<Host, ConvictionPolicy> convictions = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<HostStateListener> listeners = new CopyOnWriteArrayList<>();

  public NodeStateMonitor(
      ClusterRuntime runtime, ExecutionProfiles profiles, RefreshWindows windows, ControlChannel control,
      ClusterSide cluster) {
    this.runtime = runtime;
    this.name = runtime.name();
    this.config = runtime.config();
    this.admin = runtime.admin();
    this.profiles = profiles;
    this.windows = windows;
    this.control = control;
    this.cluster = cluster;
  }

  /** Adds a listener of node events (once). */
  public void register(HostStateListener listener) {
    listeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
  }

  public void unregister(HostStateListener listener) {
    listeners.remove(listener);
  }

  // ------------------------------------------------------------------ the registry's changes

  /** A node joined the registry. */
  public void added(Host host) {
    LOG.info("{}: new node {}", name, host);
    nodeEvent(host, "ADDED", null);
    profiles.forEachPolicy(policy -> policy.onAdd(host));
    cluster.sessions().forEach(pools -> pools.onHostUp(host));
    forEachListener(listener -> listener.onAdd(host));
  }

  /** A node left the registry. */
  public void removed(Host host) {
    LOG.info("{}: node {} left the cluster", name, host);
    nodeEvent(host, "REMOVED", null);
    cancelReconnection(host);
    profiles.forEachPolicy(policy -> policy.onRemove(host));
    cluster.sessions().forEach(pools -> pools.onHostGone(host));
    forEachListener(listener -> listener.onRemove(host));
    convictions.remove(host);
  }

  // ------------------------------------------------------------------ up and down

  /** A session lost its last connection to {@code host}: consider it down if convicted. */
  public void connectionFailed(Host host, Throwable cause) {
    if (runtime.isShutdown() || (cause != null && !conviction(host).addFailure(cause))) {
      return;
    }
    admin.execute(() -> onHostDown(host, cause));
  }

  private void onHostDown(Host host, Throwable cause) {
    if (runtime.isShutdown() || cluster.host(host.endpoint()) != host || Boolean.FALSE.equals(host.isUp())) {
      return;
    }
    HostUpdater.markDown(host);
    LOG.warn("{}: node {} is down ({})", name, host, cause == null ? "server event" : cause.getMessage());
    nodeEvent(host, "DOWN", cause == null ? "server event" : cause.getMessage());
    profiles.forEachPolicy(policy -> policy.onDown(host));
    cluster.sessions().forEach(pools -> pools.onHostGone(host));
    forEachListener(listener -> listener.onDown(host));
    Connection controlConnection = control.connection();
    if (controlConnection != null && host.endpoint().equals(controlConnection.endpoint())) {
      controlConnection.closeWith(new ConnectionException("node " + host + " is down", host.endpoint()));
    }
    startReconnection(host);
  }

  private void onHostUp(Host host) {
    if (runtime.isShutdown() || cluster.host(host.endpoint()) != host) {
      return;
    }
    cancelReconnection(host);
    if (host.isKnownUp()) {
      return;
    }
    HostUpdater.markUp(host);
    LOG.info("{}: node {} is up", name, host);
    nodeEvent(host, "UP", null);
    conviction(host).reset();
    profiles.forEachPolicy(policy -> policy.onUp(host));
    cluster.sessions().forEach(pools -> pools.onHostUp(host));
    forEachListener(listener -> listener.onUp(host));
  }

  private static void nodeEvent(Host host, String state, String reason) {
    NodeStateEvent.emit(String.valueOf(host.endpoint()), host.datacenter(), host.rack(), state, reason);
  }

  // ------------------------------------------------------------------ reconnection

  private void startReconnection(Host host) {
    if (reconnections.containsKey(host)) {
      return;
    }
    ReconnectionSchedule schedule = config.reconnectionPolicy().newSchedule();
    scheduleReconnectionAttempt(host, schedule);
  }

  private void scheduleReconnectionAttempt(Host host, ReconnectionSchedule schedule) {
    Optional<Duration> delay = schedule.nextDelay();
    if (delay.isEmpty()) {
      reconnections.remove(host);
      LOG.warn("{}: will not continue to retry reconnecting to {}: the schedule is exhausted", name, host);
      return;
    }
    LOG.debug("{}: reconnecting to {} in {} ms", name, host, delay.get().toMillis());
    reconnections.put(host, admin.schedule(() -> tryReconnect(host, schedule), delay.get()));
  }

  private void tryReconnect(Host host, ReconnectionSchedule schedule) {
    if (runtime.isShutdown() || cluster.host(host.endpoint()) != host) {
      reconnections.remove(host);
      return;
    }
    try {
      Connection probe = runtime.open(host.endpoint()).join();
      probe.close();
      reconnections.remove(host);
      onHostUp(host);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof AuthenticationFailedException) {
        // As the Python driver: refused credentials will not be accepted on a later attempt.
        reconnections.remove(host);
        LOG.warn("{}: not reconnecting to {}: {}", name, host, cause.getMessage());
        return;
      }
      LOG.debug("{}: reconnection to {} failed: {}", name, host, e.getMessage());
      scheduleReconnectionAttempt(host, schedule);
    }
  }

  private void cancelReconnection(Host host) {
    Future<?> pending = reconnections.remove(host);
    if (pending != null) {
      pending.cancel(false);
    }
  }

  // ------------------------------------------------------------------ server events

  /** A STATUS_CHANGE or TOPOLOGY_CHANGE event from the control connection (admin thread). */
  public void onNodeEvent(Event event) {
    InetSocketAddress address = event.address();
    if ("TOPOLOGY_CHANGE".equals(event.type())) {
      if ("REMOVED_NODE".equals(event.change())) {
        control.refreshNodeList();
      } else {
        windows.refreshLater("nodes", config.topologyEventRefreshWindow(), control::refreshNodeList);
      }
      return;
    }
    Host host = address == null ? null : cluster.hostAt(config.addressTranslator().translate(address.getAddress()));
    if (host == null) {
      windows.refreshLater("nodes", config.topologyEventRefreshWindow(), control::refreshNodeList);
    } else if ("UP".equals(event.change())) {
      windows.refreshLater("up:" + host.endpoint(), config.statusEventRefreshWindow(), () -> {
        if (!host.isKnownUp()) {
          tryReconnect(host, config.reconnectionPolicy().newSchedule());
        }
      });
    } else if ("DOWN".equals(event.change())) {
      // Our own connections are believed first: a DOWN for a node we still talk to is ignored,
      // and a real failure will close those connections.
      if (!anySessionConnectedTo(host)) {
        windows.refreshLater("down:" + host.endpoint(), config.statusEventRefreshWindow(), () -> onHostDown(host, null));
      }
    }
  }

  /** {@return how many of {@code hosts} some session has an open connection to} */
  public int connectedHostCount(Collection<Host> hosts) {
    int connected = 0;
    for (Host host : hosts) {
      if (anySessionConnectedTo(host)) {
        connected++;
      }
    }
    return connected;
  }

  private boolean anySessionConnectedTo(Host host) {
    for (SessionPools pools : cluster.sessions()) {
      if (pools.hasOpenConnection(host)) {
        return true;
      }
    }
    return false;
  }

  private void forEachListener(Consumer<HostStateListener> event) {
    for (HostStateListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("{}: host state listener {} failed", name, listener, e);
      }
    }
  }

  private ConvictionPolicy conviction(Host host) {
    return convictions.computeIfAbsent(host, config.convictionPolicyFactory());
  }
}
