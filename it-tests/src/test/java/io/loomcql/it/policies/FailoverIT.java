package io.loomcql.it.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.harness.TestNode;
import io.loomcql.it.support.Clusters;
import io.loomcql.it.support.FixedOrderPolicy;
import io.loomcql.it.support.Waits;
import io.loomcql.node.Host;
import io.loomcql.policies.ConstantReconnectionPolicy;
import io.loomcql.policies.HostStateListener;
import io.loomcql.policies.RoundRobinPolicy;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.TransportFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests in flight to a node that crashes are retried on the others when idempotent. */
@RealCassandra(nodes = 3)
class FailoverIT {

  @Test
  void a_request_in_flight_to_a_crashed_node_is_retried_elsewhere_only_if_idempotent(
      TestCluster cassandra) {
    TestNode victim = cassandra.node(2);
    FixedOrderPolicy victimFirst =
        new FixedOrderPolicy(
            List.of(victim.address(), cassandra.node(1).address(), cassandra.node(3).address()));
    try (TransportFactory transport = Transports.nio("it-failover");
        Cluster cluster =
            Clusters.builder(cassandra)
                .transport(transport)
                .loadBalancingPolicy(victimFirst)
                .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(500), null))
                .metricsEnabled(true)
                .build();
        Session session = cluster.connect(null, true)) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_failover WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("CREATE TABLE IF NOT EXISTS it_failover.t (k int PRIMARY KEY, v int)");
      victim.pause();
      ResponseFuture idempotent;
      ResponseFuture notIdempotent;
      try {
        long written = transport.counters().framesWritten();
        idempotent =
            session.executeAsync(
                new SimpleStatement("INSERT INTO it_failover.t (k, v) VALUES (-1, 1)").setIdempotent(true));
        notIdempotent =
            session.executeAsync(new SimpleStatement("UPDATE it_failover.t SET v = 2 WHERE k = -2"));
        // Both frames written to the socket: the frozen node's kernel still buffers what it
        // receives, so both are in flight to it when it dies.
        Waits.until(Duration.ofSeconds(30), "both requests written to the frozen node",
            () -> transport.counters().framesWritten() - written >= 2);
        assertThat(idempotent.isDone() || notIdempotent.isDone()).isFalse();
      } finally {
        victim.kill();
      }
      try {
        ResultSet retried = idempotent.result();
        assertThat(retried.attemptedHosts())
            .containsExactly(victim.contactPoint(), cassandra.node(1).contactPoint());
        assertThatThrownBy(notIdempotent::result).isInstanceOf(ConnectionException.class);
        assertThat((Long) cluster.metrics().snapshot().get("retries")).isEqualTo(1L);
      } finally {
        victim.restart();
      }
    }
  }

  @Test
  void idempotent_requests_move_to_the_other_nodes_when_one_is_killed(TestCluster cassandra)
      throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    TestNode victim = cassandra.node(3);
    String victimAddress = victim.address();
    HostStateListener listener =
        new HostStateListener() {
          @Override
          public void onDown(Host host) {
            events.add("down " + host.address().getHostAddress());
          }

          @Override
          public void onUp(Host host) {
            events.add("up " + host.address().getHostAddress());
          }
        };
    try (Cluster cluster =
            Clusters.builder(cassandra)
                .loadBalancingPolicy(new RoundRobinPolicy())
                .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(500), null))
                .statusEventRefreshWindow(Duration.ZERO)
                .metricsEnabled(true)
                .build();
        Session session = cluster.connect(null, true)) {
      cluster.registerListener(listener);
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_failover WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("CREATE TABLE IF NOT EXISTS it_failover.t (k int PRIMARY KEY, v int)");
      PreparedStatement insert = session.prepare("INSERT INTO it_failover.t (k, v) VALUES (?, ?)");
      Host victimHost =
          cluster.hosts().stream().filter(h -> h.endpoint().equals(victim.contactPoint())).findFirst().orElseThrow();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger succeeded = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        int writer = w;
        writers.add(
            Thread.ofVirtual().start(() -> {
              for (int i = 0; !stop.get() && i < 100_000; i++) {
                try {
                  session.execute(insert.bind(writer * 100_000 + i, i).setIdempotent(true));
                  succeeded.incrementAndGet();
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              }
            }));
      }
      try {
        Waits.until(Duration.ofSeconds(10), "writes flowing", () -> succeeded.get() > 500);
        victim.kill();
        Waits.until(Duration.ofSeconds(30), "victim marked down", () -> Boolean.FALSE.equals(victimHost.isUp()));
        int atDown = succeeded.get();
        Waits.until(Duration.ofSeconds(10), "writes flowing without the victim", () -> succeeded.get() > atDown + 500);
      } finally {
        stop.set(true);
        for (Thread writer : writers) {
          writer.join();
        }
      }

      assertThat(failures).isEmpty();
      assertThat(events).contains("down " + victimAddress);
      assertThat((Long) cluster.metrics().snapshot().get("connection_errors")).isPositive();

      victim.restart();
      Waits.until(Duration.ofSeconds(60), "victim marked up", victimHost::isKnownUp);
      Waits.until(Duration.ofSeconds(10), "listener told", () -> events.contains("up " + victimAddress));
    } finally {
      if (!victim.isRunning()) {
        victim.restart();
      }
    }
  }
}
