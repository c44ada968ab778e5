package io.loomcql.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.node.Host;
import io.loomcql.policies.AddressTranslator;
import io.loomcql.policies.RoundRobinPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The address translator on the driver's own path: nodes whose {@code system.peers} announce
 * addresses the driver cannot reach (10.0.0.x, as behind a NAT), and a translator to the
 * addresses they listen on (127.0.0.x). The control connection must translate every peer it reads
 * for the driver to reach, and query, the other nodes at all.
 */
class AddressTranslatorIT {

  @Test
  void the_control_connection_reaches_peers_through_the_translated_addresses() throws Exception {
    try (FakeCluster fake = FakeCluster.start(3)) {
      fake.nodes().forEach(node -> node.announcePeersAs(AddressTranslatorIT::behindNat));
      List<InetAddress> asked = new CopyOnWriteArrayList<>();
      AddressTranslator natToLoopback = address -> {
        asked.add(address);
        return loopback(address);
      };
      try (Cluster cluster = fake.builder()
              .addressTranslator(natToLoopback)
              .loadBalancingPolicy(new RoundRobinPolicy())
              .build();
          Session session = cluster.connect(null, true)) {
        assertThat(asked).as("addresses given to the translator")
            .contains(behindNat(fake.node(2).address().getAddress()),
                behindNat(fake.node(3).address().getAddress()));
        assertThat(cluster.hosts()).extracting(Host::endpoint)
            .containsExactlyInAnyOrder(fake.endpoint(1), fake.endpoint(2), fake.endpoint(3));

        fake.reset();
        for (int i = 0; i < 30; i++) {
          session.execute(RetryDecisionsIT.insert(true));
        }
        assertThat(fake.requests()).as("statements per node")
            .allSatisfy(n -> assertThat(n).isPositive())
            .satisfies(n -> assertThat(n.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30));
      }
    }
  }

  /** 127.0.0.x as announced behind the NAT: 10.0.0.x. */
  private static InetAddress behindNat(InetAddress listening) {
    byte[] b = listening.getAddress();
    return address(10, 0, 0, b[3]);
  }

  /** What the NAT forwards 10.0.0.x to: 127.0.0.x; other addresses as they are. */
  private static InetAddress loopback(InetAddress announced) {
    byte[] b = announced.getAddress();
    return b.length == 4 && b[0] == 10 ? address(127, 0, 0, b[3]) : announced;
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
