package io.loomcql.it.support;

import io.loomcql.node.Host;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.RoutingInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Plans the nodes always in the same order (by address), so a test knows which is tried first; a
 * node marked down is left out of the plan, and nodes not named are ignored.
 */
public final class FixedOrderPolicy implements LoadBalancingPolicy {

  private final List<String> order;
  private volatile ClusterView cluster;

  /** @param order node addresses, first tried first; other nodes are ignored */
  public FixedOrderPolicy(List<String> order) {
    this.order = List.copyOf(order);
  }

  @Override
  public void populate(ClusterView cluster, Collection<Host> hosts) {
    this.cluster = cluster;
  }

  @Override
  public HostDistance distance(Host host) {
    return order.contains(host.address().getHostAddress()) ? HostDistance.LOCAL : HostDistance.IGNORED;
  }

  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    List<Host> plan = new ArrayList<>();
    for (String address : order) {
      for (Host host : cluster.hosts()) {
        if (host.address().getHostAddress().equals(address) && !Boolean.FALSE.equals(host.isUp())) {
          plan.add(host);
        }
      }
    }
    return plan.iterator();
  }
}
