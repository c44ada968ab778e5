package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.node.Host;
import io.loomcql.query.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * NetworkTopologyStrategy over two data centers (dc1: nodes 1-2, dc2: nodes 3-4): data centers
 * read from the peers, replicas equal to the server's. Skipped with -Dloomcql.it.multinode=false.
 */
@RealCassandra(nodes = 4, dataCenters = 2)
@EnabledIfSystemProperty(named = "loomcql.it.multinode", matches = "true")
class TwoDataCenterReplicasIT {

  private static final String KS = "it_meta_nts";

  @Test
  void should_know_data_centers_and_match_the_server_replicas_of_network_topology_keyspaces(TestCluster cassandra)
      throws Exception {
    try (Cluster cluster = Cluster.builder().contactPoints(cassandra.node(1).address()).port(cassandra.port()).build();
        NaturalEndpoints server = new NaturalEndpoints(cassandra.node(3))) {
      Session session = cluster.connect();
      assertThat(cluster.hosts()).extracting(Host::datacenter).containsOnly("dc1", "dc2").hasSize(4);
      session.execute("DROP KEYSPACE IF EXISTS " + KS);
      session.execute("CREATE KEYSPACE " + KS + " WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}");
      session.execute("CREATE TABLE " + KS + ".t (k bigint PRIMARY KEY)");
      try {
        cluster.refreshKeyspaceMetadata(KS);
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".t (k) VALUES (?)");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
          long k = random.nextLong();
          List<Host> replicas = cluster.metadata().getReplicas(KS, insert.bind(k).routingKey());
          assertThat(replicas).extracting(Host::datacenter).containsExactlyInAnyOrder("dc1", "dc1", "dc2");
          assertThat(addresses(replicas)).as("replicas of %d", k).isEqualTo(server.of(KS, "t", Long.toString(k)));
        }
      } finally {
        session.execute("DROP KEYSPACE IF EXISTS " + KS);
      }
    }
  }

  private static Set<String> addresses(List<Host> hosts) {
    Set<String> addresses = new LinkedHashSet<>();
    for (Host host : hosts) {
      addresses.add(host.address().getHostAddress());
    }
    return addresses;
  }
}
