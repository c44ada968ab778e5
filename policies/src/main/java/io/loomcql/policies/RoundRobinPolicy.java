package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spreads requests evenly over every live node of the cluster, whatever its datacenter (the Python
 * driver's {@code cassandra.policies.RoundRobinPolicy()}). Every node is {@link
 * HostDistance#LOCAL}.
 *
 * <p>Each plan holds every live node once, starting one position further than the previous plan
 * (the first start is random, as Python's {@code randint} at {@code populate}) and wrapping around.
 * A node is live from {@code populate} (unless known down), {@code onUp} or {@code onAdd} until
 * {@code onDown} or {@code onRemove}.
 *
 * <p>Thread-safe. A plan costs one atomic increment and one small iterator: the live nodes are an
 * immutable array, replaced on each state change (writers serialize on a lock; readers never lock),
 * and a plan walks the array it saw when it was created.
 */
public final class RoundRobinPolicy implements LoadBalancingPolicy {

  /** Serializes writers of {@link #live}; never taken on the request path. */
  private final ReentrantLock writeLock = new ReentrantLock();

  /** The live nodes, never modified once published; replaced under {@link #writeLock}. */
  private volatile Host[] live = HostArrays.EMPTY;

  /** The start of the next plan; lost races only skew the rotation, never break it. */
  private final AtomicInteger position = new AtomicInteger();

  /** A policy with no node until {@link #populate} (Python: {@code RoundRobinPolicy()}). */
  public RoundRobinPolicy() {}

  /**
   * Takes {@code hosts} as the live nodes, except those known down, and starts the rotation at a
   * random position.
   */
  @Override
  public void populate(ClusterView cluster, Collection<Host> hosts) {
    Objects.requireNonNull(cluster, "cluster");
    Host[] populated = HostArrays.liveOf(hosts);
    writeLock.lock();
    try {
      live = populated;
    } finally {
      writeLock.unlock();
    }
    position.set(populated.length > 1 ? ThreadLocalRandom.current().nextInt(populated.length) : 0);
  }

  /** Always {@link HostDistance#LOCAL} (as in Python). */
  @Override
  public HostDistance distance(Host host) {
    return HostDistance.LOCAL;
  }

  /** Every live node once, starting one position further than the previous plan. */
  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    Host[] hosts = live;
    if (hosts.length == 0) {
      return Collections.emptyIterator();
    }
    return new ArrayPlan(hosts, Math.floorMod(position.getAndIncrement(), hosts.length),
        HostArrays.EMPTY);
  }

  /** Makes the node live. */
  @Override
  public void onUp(Host host) {
    add(host);
  }

  /** Makes the node not live. */
  @Override
  public void onDown(Host host) {
    remove(host);
  }

  /** Makes the node live. */
  @Override
  public void onAdd(Host host) {
    add(host);
  }

  /** Makes the node not live. */
  @Override
  public void onRemove(Host host) {
    remove(host);
  }

  /** The live nodes, in the order plans rotate over them. Visible for testing. */
  Host[] liveHosts() {
    return live.clone();
  }

  private void add(Host host) {
    Objects.requireNonNull(host, "host");
    writeLock.lock();
    try {
      live = HostArrays.with(live, host);
    } finally {
      writeLock.unlock();
    }
  }

  private void remove(Host host) {
    Objects.requireNonNull(host, "host");
    writeLock.lock();
    try {
      live = HostArrays.without(live, host);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "RoundRobinPolicy()";
  }
}
