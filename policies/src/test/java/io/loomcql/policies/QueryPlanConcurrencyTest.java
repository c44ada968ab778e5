package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.node.Host;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans built and walked on several threads while other threads flap hosts up, down, in and out:
 * no exception, no duplicate within one plan, only hosts that were ever known.
 */
class QueryPlanConcurrencyTest {

  private static final Host[] DC1 = TestHosts.dc(1, 6);
  private static final Host[] DC2 = TestHosts.dc(2, 4);
  private static final Host[] DC3 = TestHosts.dc(3, 3);

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("RoundRobin", (Supplier<LoadBalancingPolicy>) RoundRobinPolicy::new),
        Arguments.of("DCAware", (Supplier<LoadBalancingPolicy>)
            () -> new DCAwareRoundRobinPolicy("dc1", 2)),
        Arguments.of("TokenAware", (Supplier<LoadBalancingPolicy>)
            () -> new TokenAwarePolicy(new DCAwareRoundRobinPolicy("dc1", 1))),
        Arguments.of("TokenAware shuffled", (Supplier<LoadBalancingPolicy>)
            () -> new TokenAwarePolicy(new DCAwareRoundRobinPolicy(null, 1), true)),
        Arguments.of("HostFilter", (Supplier<LoadBalancingPolicy>)
            () -> new HostFilterPolicy(new RoundRobinPolicy(), h -> h != DC1[0])),
        Arguments.of("WhiteList", (Supplier<LoadBalancingPolicy>)
            () -> WhiteListRoundRobinPolicy.ofEndpoints(
                List.of(DC1[1].endpoint(), DC2[1].endpoint(), DC3[1].endpoint()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void should_build_plans_without_duplicates_while_hosts_flap(
      String name, Supplier<LoadBalancingPolicy> factory) throws Exception {
    List<Host> all = new ArrayList<>();
    all.addAll(List.of(DC1));
    all.addAll(List.of(DC2));
    all.addAll(List.of(DC3));
    FakeClusterView view = new FakeClusterView().hosts(all.toArray(Host[]::new))
        .contactPoints(DC1[2])
        .replicas("ks", "a", DC1[0], DC2[0], DC1[3])
        .replicas("ks", "b", DC3[0], DC1[5], DC1[4], DC2[3]);
    LoadBalancingPolicy policy = factory.get();
    policy.populate(view, all);
    Set<Host> known = Set.copyOf(all);

    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong plansChecked = new AtomicLong();
    AtomicLong flaps = new AtomicLong();
    CountDownLatch done = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();

    for (int t = 0; t < 2; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (!stop.get()) {
            Host host = all.get(random.nextInt(all.size()));
            switch (random.nextInt(4)) {
              case 0 -> policy.onUp(host);
              case 1 -> policy.onDown(host);
              case 2 -> policy.onAdd(host);
              default -> policy.onRemove(host);
            }
            flaps.incrementAndGet();
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      }));
    }
    RoutingInfo[] statements = {null, Stmt.routed("ks", "a"), Stmt.routed("ks", "b")};
    for (int t = 0; t < 2; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          int i = 0;
          while (!stop.get()) {
            Iterator<Host> plan = policy.newQueryPlan("ks", statements[i++ % statements.length]);
            Set<Host> seen = new HashSet<>();
            while (plan.hasNext()) {
              Host host = plan.next();
              assertThat(seen.add(host)).as("%s listed twice by %s", host, name).isTrue();
              assertThat(known).contains(host);
              policy.distance(host);
            }
            plansChecked.incrementAndGet();
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      }));
    }

    // Run for an amount of work, not of time: plans built while the hosts flap, many times over.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((plansChecked.get() < 20_000 || flaps.get() < 20_000) && failures.isEmpty()) {
      assertThat(System.nanoTime() - deadline).as("20000 plans and flaps within 60 s").isNegative();
      Thread.sleep(1);
    }
    stop.set(true);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).isEmpty();
    assertThat(plansChecked.get()).isPositive();
  }
}
