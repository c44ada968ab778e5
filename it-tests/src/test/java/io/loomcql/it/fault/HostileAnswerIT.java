package io.loomcql.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.support.Waits;
import io.loomcql.node.Host;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.HostStateListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One connection of a node's pool (two connections) gets an answer no server may send: that
 * connection closes with a ProtocolException that says what was wrong; the request on it fails
 * with a ConnectionException caused by it (or, idempotent, moves on to the next node, as the retry
 * policy decides for a lost connection); only that connection closes, the pool opens one in its
 * place, the node stays up, later requests succeed on it, and no request is left in an in-flight
 * table.
 */
class HostileAnswerIT {

  @ParameterizedTest
  @EnumSource(
      value = Answer.Kind.class,
      names = {"WRONG_STREAM_ID", "UNKNOWN_OPCODE", "ABSURD_LENGTH"})
  void a_hostile_answer_closes_one_connection_which_the_pool_replaces(Answer.Kind hostility)
      throws Exception {
    try (FakeCluster fake = FakeCluster.start(3);
        Cluster cluster =
            RetryDecisionsIT.driver(
                fake.builder().connectionsPerHost(HostDistance.LOCAL, 2, 2), new DefaultRetryPolicy());
        Session session = cluster.connect(null, true)) {
      List<Host> downs = new CopyOnWriteArrayList<>();
      cluster.registerListener(
          new HostStateListener() {
            @Override
            public void onDown(Host host) {
              downs.add(host);
            }
          });
      Host first = cluster.hosts().stream()
          .filter(h -> h.endpoint().equals(fake.endpoint(1)))
          .findFirst()
          .orElseThrow();
      Waits.until(
          Duration.ofSeconds(10),
          "node 1's pool has 2 idle connections",
          () -> isFullAndIdle(session.getPoolState().get(first)));
      int accepted = fake.node(1).acceptedConnections();
      int open = fake.node(1).openConnections();

      // A statement that may have been applied fails, with the protocol error as the cause.
      fake.node(1).answerNext(Answer.hostile(hostility));
      assertThatThrownBy(() -> session.execute(RetryDecisionsIT.insert(false)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("127.0.0.1:" + fake.port())
          .cause()
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining(expectedMessage(hostility));
      assertThat(fake.requests()).containsExactly(1, 0, 0);
      // One connection opened in place of the closed one, and only one: the other was not touched.
      awaitReplaced(fake, session, first, accepted + 1, open);
      assertThat(first.isUp()).isTrue();
      assertThat(downs).isEmpty();

      // An idempotent one moves on to the next node (the retry policy's call on a lost connection).
      fake.reset();
      fake.node(1).answerNext(Answer.hostile(hostility));
      ResultSet moved = session.execute(RetryDecisionsIT.insert(true));
      assertThat(moved.coordinatorHost()).isEqualTo(fake.endpoint(2));
      assertThat(fake.requests()).containsExactly(1, 1, 0);
      awaitReplaced(fake, session, first, accepted + 2, open);
      assertThat(first.isUp()).isTrue();
      assertThat(downs).isEmpty();

      fake.reset();
      for (int i = 0; i < 20; i++) {
        ResultSet rs = session.execute(RetryDecisionsIT.insert(false));
        assertThat(rs.coordinatorHost()).isEqualTo(fake.endpoint(1));
      }
      assertThat(fake.requests()).containsExactly(20, 0, 0);
      Map<String, Object> pool = session.getPoolState().get(first);
      assertThat(isFullAndIdle(pool)).as("node 1's pool: %s", pool).isTrue();
      assertThat(fake.node(1).acceptedConnections()).isEqualTo(accepted + 2);
      assertThat(downs).isEmpty();
    }
  }

  /**
   * Waits for node 1's pool to be back to two idle connections and for the node to see as many
   * open connections as before, having accepted {@code accepted} in all.
   */
  private static void awaitReplaced(FakeCluster fake, Session session, Host first, int accepted, int open) {
    Waits.until(
        Duration.ofSeconds(10),
        "node 1's pool back to 2 idle connections",
        () -> isFullAndIdle(session.getPoolState().get(first)));
    Waits.until(
        Duration.ofSeconds(10),
        "node 1 back to " + open + " open connections",
        () -> fake.node(1).openConnections() == open);
    assertThat(fake.node(1).acceptedConnections()).isEqualTo(accepted);
  }

  private static String expectedMessage(Answer.Kind hostility) {
    return switch (hostility) {
      case WRONG_STREAM_ID -> "stream id " + Answer.UNUSED_STREAM;
      case UNKNOWN_OPCODE -> "opcode 0x" + Integer.toHexString(Answer.UNKNOWN_OPCODE);
      case ABSURD_LENGTH -> "Frame body length 2147483647 exceeds the maximum";
      default -> throw new IllegalArgumentException(hostility + " is not hostile");
    };
  }

  /** Two open connections, nothing in flight on either. */
  private static boolean isFullAndIdle(Map<String, Object> pool) {
    return pool != null
        && Integer.valueOf(2).equals(pool.get("open_count"))
        && pool.get("in_flights").equals(List.of(0, 0));
  }
}
