package io.loomcql.it.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.metadata.Murmur3Partitioner;
import io.loomcql.node.Host;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.RoundRobinPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.policies.TokenAwarePolicy;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BatchType;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Token-aware routing on a real 3-node cluster, RF=1: every request must reach the one node that
 * holds its partition. Which node that is comes from the server: {@code token(k)} computed by the
 * server and the nodes' own tokens from {@code system.local}.
 */
@RealCassandra(nodes = 3)
class TokenAwareIT {

  private static final int KEYS = 60;

  /** Each node's tokens, as the nodes report them: token -> endpoint owning the range ending there. */
  private static NavigableMap<Long, InetSocketAddress> ring;

  @BeforeAll
  static void createSchemaAndReadRing(TestCluster cassandra) {
    ring = new TreeMap<>();
    try (Cluster cluster = Clusters.builder(cassandra).build();
        Session session = cluster.connect(null, true)) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_token WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_token.t (k int PRIMARY KEY, v int)");
      session.execute("CREATE TABLE IF NOT EXISTS it_token.c (a text, b int, v int, PRIMARY KEY ((a, b)))");
      // token(k) is only answered for rows that exist.
      PreparedStatement insert = session.prepare("INSERT INTO it_token.t (k, v) VALUES (?, ?)");
      for (int k = 0; k < KEYS; k++) {
        session.execute(insert.bind(k, k));
      }
      for (Host host : cluster.hosts()) {
        @SuppressWarnings("unchecked")
        Set<String> tokens =
            session.execute(new SimpleStatement("SELECT tokens FROM system.local").setHost(host))
                .one().get("tokens", Set.class);
        tokens.forEach(token -> ring.put(Long.parseLong(token), host.endpoint()));
      }
    }
    assertThat(ring).hasSize(3 * 16);
  }

  /** The node owning {@code token}: the first ring token at or after it, wrapping around. */
  private static InetSocketAddress owner(long token) {
    Map.Entry<Long, InetSocketAddress> entry = ring.ceilingEntry(token);
    return entry != null ? entry.getValue() : ring.firstEntry().getValue();
  }

  private static long serverToken(Session session, int k) {
    return session.execute("SELECT token(k) FROM it_token.t WHERE k = %s", k).one().getLong(0);
  }

  @Test
  void bound_statements_go_to_the_replica_of_their_partition_key(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).loadBalancingPolicy(RingPolicy.over(ring)).build();
        Session session = cluster.connect(null, true)) {
      PreparedStatement select = session.prepare("SELECT v FROM it_token.t WHERE k = ?");
      int onReplica = 0;
      for (int k = 0; k < KEYS; k++) {
        ResultSet result = session.execute(select.bind(k));
        if (result.coordinatorHost().equals(owner(serverToken(session, k)))) {
          onReplica++;
        }
      }
      assertThat(onReplica).isEqualTo(KEYS);
    }
  }

  @Test
  void the_trace_names_the_replica_as_coordinator(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).loadBalancingPolicy(RingPolicy.over(ring)).build();
        Session session = cluster.connect(null, true)) {
      PreparedStatement select = session.prepare("SELECT v FROM it_token.t WHERE k = ?");
      for (int k = 0; k < 6; k++) {
        ResultSet result = session.execute(select.bind(k).setTracing(true));
        InetAddress coordinator = result.getQueryTrace(Duration.ofSeconds(10)).coordinator();
        assertThat(coordinator).isEqualTo(owner(serverToken(session, k)).getAddress());
      }
    }
  }

  @Test
  void composite_partition_keys_and_explicit_routing_keys_route_too(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).loadBalancingPolicy(RingPolicy.over(ring)).build();
        Session session = cluster.connect(null, true)) {
      PreparedStatement insert = session.prepare("INSERT INTO it_token.c (a, b, v) VALUES (?, ?, ?)");
      for (int i = 0; i < 20; i++) {
        String a = "key-" + i;
        ResultSet inserted = session.execute(insert.bind(a, i, i));
        long token =
            session.execute("SELECT token(a, b) FROM it_token.c WHERE a = %s AND b = %s", a, i).one().getLong(0);
        InetSocketAddress replica = owner(token);

        assertThat(inserted.coordinatorHost()).isEqualTo(replica);

        SimpleStatement explicit =
            new SimpleStatement("SELECT v FROM it_token.c WHERE a = '" + a + "' AND b = " + i);
        explicit.setKeyspace("it_token");
        explicit.setRoutingKey(text(a), integer(i));
        assertThat(session.execute(explicit).coordinatorHost()).isEqualTo(replica);
      }
    }
  }

  @Test
  void a_batch_goes_to_the_replica_of_its_first_statement_with_a_routing_key(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).loadBalancingPolicy(RingPolicy.over(ring)).build();
        Session session = cluster.connect(null, true)) {
      PreparedStatement insert = session.prepare("INSERT INTO it_token.t (k, v) VALUES (?, ?)");
      int onReplica = 0;
      for (int k = 0; k < 30; k++) {
        BatchStatement batch = new BatchStatement(BatchType.UNLOGGED);
        // no routing key: the bound statement after it routes the batch
        batch.add("INSERT INTO it_token.c (a, b, v) VALUES ('batch', ?, ?)", k, k);
        batch.add(insert, k, k);
        ResultSet result = session.execute(batch);
        if (result.coordinatorHost().equals(owner(serverToken(session, k)))) {
          onReplica++;
        }
      }
      assertThat(onReplica).isEqualTo(30);
    }
  }

  /**
   * The default policy, TokenAwarePolicy(DCAwareRoundRobinPolicy()), with the replicas from the
   * driver's own token map (the cluster's metadata).
   */
  @Test
  void the_default_policy_sends_every_bound_statement_to_its_replica(TestCluster cassandra) {
    try (Cluster cluster = Clusters.builder(cassandra).build();
        Session session = cluster.connect(null, true)) {
      PreparedStatement select = session.prepare("SELECT v FROM it_token.t WHERE k = ?");
      int onReplica = 0;
      for (int k = 0; k < KEYS; k++) {
        if (session.execute(select.bind(k)).coordinatorHost().equals(owner(serverToken(session, k)))) {
          onReplica++;
        }
      }
      System.out.printf("token-aware (default policy): %d of %d requests on their replica%n", onReplica, KEYS);
      assertThat(onReplica).isEqualTo(KEYS);
    }
  }

  private static ByteBuffer text(String value) {
    return ByteBuffer.wrap(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static ByteBuffer integer(int value) {
    return ByteBuffer.allocate(4).putInt(0, value);
  }

  /**
   * TokenAwarePolicy(RoundRobinPolicy()) whose replicas come from the ring the test read from the
   * nodes (Murmur3 of the routing key, RF=1), independent of the driver's token map.
   */
  private static final class RingPolicy implements LoadBalancingPolicy {
    private final TokenAwarePolicy delegate = new TokenAwarePolicy(new RoundRobinPolicy());
    private final NavigableMap<Long, InetSocketAddress> ring;

    private RingPolicy(NavigableMap<Long, InetSocketAddress> ring) {
      this.ring = ring;
    }

    static RingPolicy over(NavigableMap<Long, InetSocketAddress> ring) {
      return new RingPolicy(ring);
    }

    @Override
    public void populate(ClusterView cluster, Collection<Host> hosts) {
      delegate.populate(
          new ClusterView() {
            @Override
            public Collection<Host> hosts() {
              return cluster.hosts();
            }

            @Override
            public Collection<InetSocketAddress> contactPoints() {
              return cluster.contactPoints();
            }

            @Override
            public List<Host> replicas(String keyspace, ByteBuffer routingKey) {
              if (!keyspace.equals("it_token")) {
                return List.of();
              }
              long token = Murmur3Partitioner.INSTANCE.tokenOf(routingKey).value();
              Map.Entry<Long, InetSocketAddress> entry = ring.ceilingEntry(token);
              InetSocketAddress endpoint = entry != null ? entry.getValue() : ring.firstEntry().getValue();
              return cluster.hosts().stream().filter(h -> h.endpoint().equals(endpoint)).toList();
            }
          },
          hosts);
    }

    @Override
    public HostDistance distance(Host host) {
      return delegate.distance(host);
    }

    @Override
    public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
      return delegate.newQueryPlan(workingKeyspace, statement);
    }

    @Override
    public void onUp(Host host) {
      delegate.onUp(host);
    }

    @Override
    public void onDown(Host host) {
      delegate.onDown(host);
    }

    @Override
    public void onAdd(Host host) {
      delegate.onAdd(host);
    }

    @Override
    public void onRemove(Host host) {
      delegate.onRemove(host);
    }
  }
}
