package io.loomcql.policies;

import io.loomcql.node.Host;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Round-robin over the nodes of the local datacenter, with at most {@code usedHostsPerRemoteDc}
 * nodes of each remote datacenter as a last resort (the Python driver's {@code
 * cassandra.policies.DCAwareRoundRobinPolicy(local_dc='', used_hosts_per_remote_dc=0)}).
 *
 * <h2>Distances</h2>
 *
 * <ul>
 *   <li>{@link HostDistance#LOCAL}: a node of the local datacenter, up or down, and any node whose
 *       datacenter is not known yet ("hosts with no DC count as local", Python's {@code
 *       host.datacenter or self.local_dc}).
 *   <li>{@link HostDistance#REMOTE}: one of the first {@code usedHostsPerRemoteDc} live nodes of a
 *       remote datacenter, in the order the policy learnt them.
 *   <li>{@link HostDistance#IGNORED}: every other node. With the default {@code
 *       usedHostsPerRemoteDc = 0}, every node of a remote datacenter.
 * </ul>
 *
 * <h2>Plans</h2>
 *
 * The live local nodes, each once, starting one position further than the previous plan (the first
 * start is random) and wrapping around; then, for each remote datacenter in the order the policy
 * first saw it, its {@code REMOTE} nodes in order (not rotated, as in Python).
 *
 * <h2>The local datacenter</h2>
 *
 * Given to the constructor, or, if null or empty (the default), inferred: it is the datacenter of
 * the first node whose {@link Host#endpoint()} is one of the {@linkplain ClusterView#contactPoints()
 * resolved contact points} and whose datacenter is known — preferring, at {@code populate}, a node
 * known to be up; later, the first such node reported by {@code onUp} or {@code onAdd}. The choice
 * is logged at INFO, with Python's message ("Using datacenter '...' for DCAwareRoundRobinPolicy (via
 * host '...'); if incorrect, please specify a local_dc to the constructor, or limit contact points
 * to local cluster nodes"); when the contact points span several datacenters a WARN says which and
 * which one was picked. Once chosen it never changes. Until it is known, only nodes without a
 * datacenter are local.
 *
 * <p>Unlike Python 3.25 ({@code groupby} over unsorted hosts, so a later group of a
 * datacenter overwrote an earlier one at {@code populate}), nodes are grouped by datacenter
 * properly, whatever their order.
 *
 * <p>Thread-safe. The grouping is an immutable snapshot recomputed on every state change (writers
 * serialize on a lock; changes are rare) and read lock-free by plans and {@code distance}; a plan
 * costs one atomic increment and one small iterator. A node's datacenter is read when the snapshot
 * is computed: after changing it, the driver reports the node again through {@code onUp} (or {@code
 * onDown}), see {@link LoadBalancingPolicy}.
 */
public final class DCAwareRoundRobinPolicy implements LoadBalancingPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(DCAwareRoundRobinPolicy.class);

  private final int usedHostsPerRemoteDc;

  /** Serializes writers of {@link #state}, {@link #cluster} and {@link #contactPoints}. */
  private final ReentrantLock writeLock = new ReentrantLock();

  /** The current grouping; replaced under {@link #writeLock}, read lock-free. */
  private volatile State state;

  /** The view given to {@code populate}, or null before; written under {@link #writeLock}. */
  private volatile ClusterView cluster;

  /** The resolved contact points, as of {@code populate}; written under {@link #writeLock}. */
  private volatile Set<InetSocketAddress> contactPoints = Set.of();

  /** The start of the next plan among local nodes; lost races only skew the rotation. */
  private final AtomicInteger position = new AtomicInteger();

  /** The last warning about the inference of the local datacenter, or null. Visible for testing. */
  private volatile String inferenceWarning;

  /**
   * A policy inferring the local datacenter from the contact points and ignoring every remote node
   * (Python: {@code DCAwareRoundRobinPolicy()}).
   */
  public DCAwareRoundRobinPolicy() {
    this(null, 0);
  }

  /**
   * A policy with the given local datacenter, ignoring every remote node (Python: {@code
   * DCAwareRoundRobinPolicy(local_dc)}).
   *
   * @param localDc the local datacenter as the nodes report it ({@code nodetool status}); null or
   *     empty to infer it from the contact points
   */
  public DCAwareRoundRobinPolicy(String localDc) {
    this(localDc, 0);
  }

  /**
   * A policy with the given local datacenter, using up to {@code usedHostsPerRemoteDc} nodes of
   * each remote datacenter (Python: {@code DCAwareRoundRobinPolicy(local_dc,
   * used_hosts_per_remote_dc)}).
   *
   * @param localDc the local datacenter; null or empty (Python's default {@code ''}) to infer it
   *     from the contact points
   * @param usedHostsPerRemoteDc how many nodes of each remote datacenter are {@link
   *     HostDistance#REMOTE} and tried after all local ones; the rest are ignored. Python's default
   *     is 0.
   * @throws IllegalArgumentException if {@code usedHostsPerRemoteDc} is negative
   */
  public DCAwareRoundRobinPolicy(String localDc, int usedHostsPerRemoteDc) {
    if (usedHostsPerRemoteDc < 0) {
      throw new IllegalArgumentException(
          "usedHostsPerRemoteDc must not be negative, got " + usedHostsPerRemoteDc);
    }
    this.usedHostsPerRemoteDc = usedHostsPerRemoteDc;
    this.state =
        State.of(localDc == null || localDc.isEmpty() ? null : localDc, HostArrays.EMPTY,
            usedHostsPerRemoteDc);
  }

  /**
   * The local datacenter: the one given to the constructor, or the inferred one, or null while not
   * known yet (Python: {@code local_dc}).
   */
  public String localDc() {
    return state.localDc();
  }

  /**
   * How many nodes of each remote datacenter are used (Python: {@code used_hosts_per_remote_dc},
   * default 0).
   */
  public int usedHostsPerRemoteDc() {
    return usedHostsPerRemoteDc;
  }

  /**
   * Takes {@code hosts} as the live nodes (except those known down), infers the local datacenter if
   * needed, and starts the local rotation at a random position.
   */
  @Override
  public void populate(ClusterView cluster, Collection<Host> hosts) {
    Objects.requireNonNull(cluster, "cluster");
    Host[] live = HostArrays.liveOf(hosts);
    Set<InetSocketAddress> points = Set.copyOf(cluster.contactPoints());
    Inference inference = null;
    State next;
    writeLock.lock();
    try {
      this.cluster = cluster;
      this.contactPoints = points;
      String localDc = state.localDc();
      if (localDc == null) {
        inference = infer(hosts, points);
        if (inference != null) {
          localDc = inference.datacenter();
        }
      }
      next = State.of(localDc, live, usedHostsPerRemoteDc);
      state = next;
    } finally {
      writeLock.unlock();
    }
    int locals = next.local().length;
    position.set(locals > 1 ? ThreadLocalRandom.current().nextInt(locals) : 0);
    if (inference != null) {
      report(inference);
    } else if (next.localDc() == null && anyHasDatacenter(live)) {
      warn("DCAwareRoundRobinPolicy could not infer the local datacenter: no contact point ("
          + points + ") is a known node with a datacenter; until one comes up only nodes without "
          + "a datacenter are used. Specify localDc to the constructor.");
    }
  }

  /**
   * {@link HostDistance#LOCAL} for a node of the local datacenter or of no known datacenter,
   * {@link HostDistance#REMOTE} for one of the first {@code usedHostsPerRemoteDc} live nodes of a
   * remote datacenter, {@link HostDistance#IGNORED} otherwise.
   */
  @Override
  public HostDistance distance(Host host) {
    State current = state;
    String dc = host.datacenter();
    if (dc == null || dc.equals(current.localDc())) {
      return HostDistance.LOCAL;
    }
    return current.remoteSet().contains(host) ? HostDistance.REMOTE : HostDistance.IGNORED;
  }

  /**
   * The live local nodes in rotation, then the {@link HostDistance#REMOTE} nodes of each remote
   * datacenter.
   */
  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    State current = state;
    Host[] local = current.local();
    if (local.length == 0) {
      return current.remote().length == 0
          ? Collections.emptyIterator()
          : new ArrayPlan(local, 0, current.remote());
    }
    return new ArrayPlan(local, Math.floorMod(position.getAndIncrement(), local.length),
        current.remote());
  }

  /**
   * Makes the node live (and regroups it if its datacenter changed); infers the local datacenter
   * from it if needed and it is a contact point with a known datacenter.
   */
  @Override
  public void onUp(Host host) {
    up(host);
  }

  /** Makes the node not live. */
  @Override
  public void onDown(Host host) {
    down(host);
  }

  /** As {@link #onUp(Host)} (as in Python). */
  @Override
  public void onAdd(Host host) {
    up(host);
  }

  /** As {@link #onDown(Host)} (as in Python). */
  @Override
  public void onRemove(Host host) {
    down(host);
  }

  /** The last warning about the local datacenter's inference, or null. Visible for testing. */
  String inferenceWarning() {
    return inferenceWarning;
  }

  private void up(Host host) {
    Objects.requireNonNull(host, "host");
    Inference inference = null;
    writeLock.lock();
    try {
      State current = state;
      String localDc = current.localDc();
      String dc = host.datacenter();
      if (localDc == null && dc != null && contactPoints.contains(host.endpoint())) {
        ClusterView view = cluster;
        List<Host> known = new ArrayList<>();
        known.add(host);
        if (view != null) {
          known.addAll(view.hosts());
        }
        inference = new Inference(dc, host, contactPointDatacenters(known, contactPoints));
        localDc = dc;
      }
      state = State.of(localDc, HostArrays.with(current.live(), host), usedHostsPerRemoteDc);
    } finally {
      writeLock.unlock();
    }
    if (inference != null) {
      report(inference);
    }
  }

  private void down(Host host) {
    Objects.requireNonNull(host, "host");
    writeLock.lock();
    try {
      State current = state;
      // Regroup even if the node was not live: its datacenter may have changed.
      state = State.of(current.localDc(), HostArrays.without(current.live(), host),
          usedHostsPerRemoteDc);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The local datacenter by the Python driver's rule, from the nodes known at {@code populate}: the first
   * contact point known up with a datacenter, else the first contact point with a datacenter; null
   * if none.
   */
  private static Inference infer(Collection<Host> hosts, Set<InetSocketAddress> contactPoints) {
    Host chosen = null;
    for (Host host : hosts) {
      if (host.datacenter() != null && contactPoints.contains(host.endpoint())) {
        if (host.isKnownUp()) {
          chosen = host;
          break;
        }
        if (chosen == null) {
          chosen = host;
        }
      }
    }
    if (chosen == null) {
      return null;
    }
    return new Inference(chosen.datacenter(), chosen, contactPointDatacenters(hosts, contactPoints));
  }

  /** The datacenters of the contact points among {@code hosts}, in order of first appearance. */
  static Set<String> contactPointDatacenters(
      Collection<Host> hosts, Collection<InetSocketAddress> contactPoints) {
    Set<String> dcs = new LinkedHashSet<>();
    for (Host host : hosts) {
      if (host.datacenter() != null && contactPoints.contains(host.endpoint())) {
        dcs.add(host.datacenter());
      }
    }
    return dcs;
  }

  private void report(Inference inference) {
    LOG.info("Using datacenter '{}' for DCAwareRoundRobinPolicy (via host '{}'); if incorrect, "
            + "please specify a local_dc to the constructor, or limit contact points to local "
            + "cluster nodes", inference.datacenter(), inference.via().endpoint());
    if (inference.contactPointDatacenters().size() > 1) {
      warn("The contact points span several datacenters " + inference.contactPointDatacenters()
          + "; DCAwareRoundRobinPolicy uses '" + inference.datacenter() + "' as the local one and "
          + "ignores the others' nodes unless usedHostsPerRemoteDc > 0. Specify localDc to the "
          + "constructor, or limit contact points to nodes of the local datacenter.");
    }
  }

  private void warn(String message) {
    inferenceWarning = message;
    LOG.warn(message);
  }

  private static boolean anyHasDatacenter(Host[] hosts) {
    for (Host host : hosts) {
      if (host.datacenter() != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "DCAwareRoundRobinPolicy(localDc=" + state.localDc() + ", usedHostsPerRemoteDc="
        + usedHostsPerRemoteDc + ")";
  }

  /** How the local datacenter was inferred, for the log. */
  private record Inference(String datacenter, Host via, Set<String> contactPointDatacenters) {}

  /**
   * An immutable grouping of the live nodes. The arrays are never modified once built.
   *
   * @param localDc the local datacenter, or null while unknown
   * @param live every live node, in the order the policy learnt them
   * @param local the live nodes of the local datacenter or of no known datacenter, in that order
   * @param remote the first {@code usedHostsPerRemoteDc} live nodes of each remote datacenter,
   *     datacenters in order of first appearance
   * @param remoteSet the nodes of {@code remote}, for {@code distance}
   */
  private record State(
      String localDc, Host[] live, Host[] local, Host[] remote, Set<Host> remoteSet) {

    static State of(String localDc, Host[] live, int usedHostsPerRemoteDc) {
      List<Host> local = new ArrayList<>(live.length);
      Map<String, List<Host>> remoteByDc = new LinkedHashMap<>();
      for (Host host : live) {
        String dc = host.datacenter();
        if (dc == null || dc.equals(localDc)) {
          local.add(host);
        } else if (usedHostsPerRemoteDc > 0) {
          List<Host> used = remoteByDc.computeIfAbsent(dc, unused -> new ArrayList<>());
          if (used.size() < usedHostsPerRemoteDc) {
            used.add(host);
          }
        }
      }
      List<Host> remote = new ArrayList<>();
      remoteByDc.values().forEach(remote::addAll);
      return new State(localDc, live, local.toArray(HostArrays.EMPTY),
          remote.toArray(HostArrays.EMPTY), Set.copyOf(remote));
    }
  }
}
