package io.loomcql.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConsistencyLevel;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.harness.TestNode;
import io.loomcql.pool.Host;
import io.loomcql.policies.ConstantReconnectionPolicy;
import io.loomcql.policies.ConstantSpeculativeExecutionPolicy;
import io.loomcql.query.PreparedStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A hung node under write load: node 3's JVM is frozen with SIGSTOP (it keeps its sockets open and
 * answers nothing, as in a long GC pause), then resumed.
 *
 * <p>32 virtual threads write idempotent prepared inserts at QUORUM (RF 3) through a profile with
 * a 2 s request timeout and constant speculative execution, while 4 more write non-idempotent
 * lightweight transactions ({@code IF NOT EXISTS}, each key once). Heartbeats run every 1 s with a
 * 2 s timeout. Checked: no idempotent write fails (speculation and retries move them off the frozen
 * node); node 3's connections are found defunct by the heartbeats and the node marked down within
 * about interval + timeout; it is used again once resumed; every acknowledged write reads back at
 * QUORUM; and the driver sends no LWT twice (none acknowledged as "not applied", and the rows
 * applied are the acknowledged ones plus at most the failed ones). The short form (the default)
 * freezes the node for 10 s; {@code -Dloomcql.it.long=true} for 20 s.
 */
@RealCassandra(nodes = 3)
class HungNodeIT {

  private static final boolean LONG = Boolean.getBoolean("loomcql.it.long");
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final Duration FROZEN = Duration.ofSeconds(LONG ? 20 : 10);
  private static final Duration AFTER_RESUME = Duration.ofSeconds(LONG ? 10 : 3);
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final int WRITERS = 32;
  private static final int LWT_WRITERS = 4;
  private static final String PROFILE = "hung";

  @Test
  void a_frozen_node_costs_no_idempotent_write_and_no_lwt_is_sent_twice(TestCluster cassandra)
      throws Exception {
    ExecutionProfile profile =
        ExecutionProfile.builder()
            .consistencyLevel(ConsistencyLevel.QUORUM)
            .requestTimeout(REQUEST_TIMEOUT)
            .speculativeExecutionPolicy(new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(300), 2))
            .build();
    try (Cluster cluster =
            Cluster.builder()
                .contactPoints(cassandra.node(1).address())
                .port(cassandra.port())
                .statusEventRefreshWindow(Duration.ZERO)
                .metricsEnabled(true)
                .idleHeartbeatInterval(HEARTBEAT_INTERVAL)
                .idleHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(500), null))
                .executionProfile(PROFILE, profile)
                .build();
        Session session = cluster.connect(null, true)) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_hung WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("DROP TABLE IF EXISTS it_hung.kv");
      session.execute("DROP TABLE IF EXISTS it_hung.lwt");
      session.execute("CREATE TABLE it_hung.kv (k bigint PRIMARY KEY, v bigint)");
      session.execute("CREATE TABLE it_hung.lwt (k bigint PRIMARY KEY, v bigint)");
      PreparedStatement insert = session.prepare("INSERT INTO it_hung.kv (k, v) VALUES (?, ?)");
      PreparedStatement lwt =
          session.prepare("INSERT INTO it_hung.lwt (k, v) VALUES (?, ?) IF NOT EXISTS");
      TestNode node3 = cassandra.node(3);
      InetSocketAddress thirdEndpoint = node3.contactPoint();
      Host third =
          cluster.hosts().stream()
              .filter(h -> h.endpoint().equals(thirdEndpoint))
              .findFirst()
              .orElseThrow();

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicBoolean resumed = new AtomicBoolean();
      AtomicLong nextKey = new AtomicLong();
      AtomicLong byThirdAfterResume = new AtomicLong();
      ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> lwtApplied = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> lwtNotApplied = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> lwtFailed = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (running.get()) {
                        long k = nextKey.getAndIncrement();
                        try {
                          ResultSet result =
                              session.execute(insert.bind(k, k * 7).setIdempotent(true), PROFILE);
                          acknowledged.add(k);
                          if (resumed.get() && thirdEndpoint.equals(result.coordinatorHost())) {
                            byThirdAfterResume.incrementAndGet();
                          }
                        } catch (RuntimeException e) {
                          failures.add(e);
                        }
                      }
                    }));
      }
      for (int i = 0; i < LWT_WRITERS; i++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (running.get()) {
                        long k = nextKey.getAndIncrement();
                        try {
                          // Not idempotent (the default): never speculated, never re-sent once sent.
                          if (session.execute(lwt.bind(k, k), PROFILE).wasApplied()) {
                            lwtApplied.add(k);
                          } else {
                            lwtNotApplied.add(k);
                          }
                        } catch (RuntimeException e) {
                          lwtFailed.add(k);
                        }
                      }
                    }));
      }

      Thread.sleep(WARM_UP);
      long paused = System.nanoTime();
      long noticedDown;
      node3.pause();
      try {
        waitUntil(FROZEN, () -> Boolean.FALSE.equals(third.isUp()), "node 3 marked down while frozen");
        noticedDown = System.nanoTime();
        sleepUntil(paused, FROZEN);
      } finally {
        node3.resume();
      }
      long resumedAt = System.nanoTime();
      resumed.set(true);
      waitUntil(Duration.ofSeconds(30), third::isKnownUp, "node 3 marked up after resuming");
      long noticedUp = System.nanoTime();
      sleepUntil(noticedUp, AFTER_RESUME);
      running.set(false);
      for (Thread thread : threads) {
        thread.join(Duration.ofSeconds(30));
      }

      // Node 3 coordinates again, on request and through the load balancer.
      ResultSet pinned =
          session.execute(insert.bind(-1L, -1L).setHost(third).setIdempotent(true), PROFILE);
      assertThat(pinned.coordinatorHost()).isEqualTo(thirdEndpoint);

      Set<Long> stored = ReadBack.keys(session, "it_hung.kv");
      Set<Long> lwtStored = ReadBack.keys(session, "it_hung.lwt");
      // A failed LWT may have been proposed without being committed: a SERIAL read settles it.
      long failedButApplied = 0;
      for (long k : lwtFailed) {
        if (ReadBack.serialRowExists(session, "it_hung.lwt", k)) {
          failedButApplied++;
          lwtStored.add(k);
        }
      }

      long downMillis = (noticedDown - paused) / 1_000_000;
      System.out.printf(
          "[hung-node] frozen %d s; writes acknowledged %d, failed %d; node 3 marked down %d ms"
              + " after SIGSTOP, up %d ms after SIGCONT, coordinated %d writes after resuming;"
              + " LWT applied %d, not applied %d, failed %d (of which applied %d), rows %d;"
              + " metrics %s%n",
          FROZEN.toSeconds(), acknowledged.size(), failures.size(), downMillis,
          (noticedUp - resumedAt) / 1_000_000, byThirdAfterResume.get(), lwtApplied.size(),
          lwtNotApplied.size(), lwtFailed.size(), failedButApplied, lwtStored.size(),
          cluster.metrics());

      assertThat(failures).as("idempotent writes that failed").isEmpty();
      assertThat(acknowledged).isNotEmpty();
      assertThat(acknowledged.stream().filter(k -> !stored.contains(k)).toList())
          .as("acknowledged writes missing afterwards")
          .isEmpty();
      assertThat(stored).contains(-1L);
      // Noticed by a heartbeat: the first unanswered one goes out at most one interval after the
      // freeze and gives up after the timeout; the rest is slack for a machine three nodes keep busy.
      assertThat(downMillis)
          .as("ms until node 3 was marked down")
          .isLessThanOrEqualTo(HEARTBEAT_INTERVAL.plus(HEARTBEAT_TIMEOUT).plusSeconds(3).toMillis());
      assertThat(byThirdAfterResume.get()).as("writes node 3 coordinated after resuming").isPositive();

      assertThat(lwtApplied).isNotEmpty();
      assertThat(lwtNotApplied).as("LWTs answered 'not applied': sent twice").isEmpty();
      assertThat(lwtApplied.stream().filter(k -> !lwtStored.contains(k)).toList())
          .as("acknowledged LWTs missing afterwards")
          .isEmpty();
      assertThat((long) lwtStored.size())
          .isGreaterThanOrEqualTo(lwtApplied.size())
          .isLessThanOrEqualTo((long) lwtApplied.size() + lwtFailed.size());
    }
  }


  private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
    long wait = startNanos + offset.toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  private static void waitUntil(Duration atMost, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + atMost.toSeconds() + " s: " + what);
      }
      Thread.sleep(20);
    }
  }
}
