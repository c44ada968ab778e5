package io.loomcql.bench.jmh;

import io.loomcql.node.Host;
import io.loomcql.node.internal.HostUpdater;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.DCAwareRoundRobinPolicy;
import io.loomcql.policies.RoundRobinPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.policies.TokenAwarePolicy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: one query plan per request, walked to its end, over 3 nodes of the local datacenter and 3
 * of a remote one: the default policy (token aware over DC-aware round robin, with a routing key
 * whose 3 replicas are local), DC-aware round robin alone, and round robin.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryPlanBenchmark {

  private DCAwareRoundRobinPolicy dcAware;
  private RoundRobinPolicy roundRobin;
  private TokenAwarePolicy tokenAware;
  private RoutingInfo statement;

  @Setup
  public void setUp() {
    List<Host> hosts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Host h = new Host(new InetSocketAddress("127.0.0." + i, 9042));
      HostUpdater.setLocation(h, i <= 3 ? "dc1" : "dc2", "rack1");
      HostUpdater.markUp(h);
      hosts.add(h);
    }
    ClusterView view = new ClusterView() {
      @Override
      public Collection<Host> hosts() {
        return hosts;
      }

      @Override
      public Collection<InetSocketAddress> contactPoints() {
        return List.of(hosts.get(0).endpoint());
      }

      @Override
      public List<Host> replicas(String keyspace, ByteBuffer routingKey) {
        return List.of(hosts.get(1), hosts.get(2), hosts.get(0));
      }
    };
    ByteBuffer key = ByteBuffer.allocate(8).putLong(0, 42L);
    statement = new RoutingInfo() {
      @Override
      public String keyspace() {
        return "b";
      }

      @Override
      public ByteBuffer routingKey() {
        return key.duplicate();
      }

      @Override
      public boolean isIdempotent() {
        return true;
      }
    };
    tokenAware = new TokenAwarePolicy(new DCAwareRoundRobinPolicy("dc1", 1));
    tokenAware.populate(view, hosts);
    dcAware = new DCAwareRoundRobinPolicy("dc1", 1);
    dcAware.populate(view, hosts);
    roundRobin = new RoundRobinPolicy();
    roundRobin.populate(view, hosts);
  }

  /** Consumes every node of {@code plan}; returns how many there were (JMH consumes it too). */
  private static int walk(Iterator<Host> plan, Blackhole bh) {
    int nodes = 0;
    while (plan.hasNext()) {
      bh.consume(plan.next());
      nodes++;
    }
    return nodes;
  }

  /** The default policy: TokenAwarePolicy(DCAwareRoundRobinPolicy), a statement with a routing key. */
  @Benchmark
  public int defaultTokenAware(Blackhole bh) {
    return walk(tokenAware.newQueryPlan("b", statement), bh);
  }

  /** DC-aware round robin (3 local nodes, 1 remote): a new plan, every node of it. */
  @Benchmark
  public int dcAwareRoundRobin(Blackhole bh) {
    return walk(dcAware.newQueryPlan(null, null), bh);
  }

  /** Round robin over the 6 nodes. */
  @Benchmark
  public int roundRobin(Blackhole bh) {
    return walk(roundRobin.newQueryPlan(null, null), bh);
  }
}
