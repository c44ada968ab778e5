package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Helpers to read query plans in tests. */
final class Plans {

  private Plans() {}

  static List<Host> drain(Iterator<Host> plan) {
    List<Host> hosts = new ArrayList<>();
    plan.forEachRemaining(hosts::add);
    return hosts;
  }

  static List<Host> plan(LoadBalancingPolicy policy) {
    return drain(policy.newQueryPlan(null, null));
  }

  static List<Host> plan(LoadBalancingPolicy policy, String workingKeyspace, RoutingInfo stmt) {
    return drain(policy.newQueryPlan(workingKeyspace, stmt));
  }
}
