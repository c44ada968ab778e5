package io.loomcql.it.fault;

import io.loomcql.protocol.internal.Opcodes;
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
import io.loomcql.testserver.Frames;
import io.loomcql.testserver.Reply;
import io.loomcql.testserver.Request;
import io.loomcql.testserver.Responder;
import java.time.Duration;
import java.util.Arrays;
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

  /** The stream id of WRONG_STREAM_ID answers: the driver never has that many in flight. */
  private static final int UNUSED_STREAM = 32_000;

  /** The opcode of UNKNOWN_OPCODE answers, none of the protocol's. */
  private static final int UNKNOWN_OPCODE = 0x55;

  /** Answers no server may send; the connection stays open: the driver must close it. */
  enum Hostility implements Responder {
    /** A void result on a stream id that carries no request. */
    WRONG_STREAM_ID {
      @Override
      public Reply answer(Request request) {
        return Reply.voidResult().onStream(UNUSED_STREAM);
      }
    },
    /** A frame with an opcode no protocol version has, on the request's stream id. */
    UNKNOWN_OPCODE {
      @Override
      public Reply answer(Request request) {
        return Reply.raw(Frames.frame(request.version(), request.streamId(), HostileAnswerIT.UNKNOWN_OPCODE,
            new byte[] {0, 0, 0, 1}));
      }
    },
    /** A RESULT header on the request's stream id announcing a body of 2^31 - 1 bytes, then 64. */
    ABSURD_LENGTH {
      @Override
      public Reply answer(Request request) {
        byte[] header = Frames.header(request.version(), request.streamId(), Opcodes.RESULT, Integer.MAX_VALUE);
        return Reply.raw(Arrays.copyOf(header, header.length + 64));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Hostility.class)
  void a_hostile_answer_closes_one_connection_which_the_pool_replaces(Hostility hostility)
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
      fake.node(1).answerNext(hostility);
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
      fake.node(1).answerNext(hostility);
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

  private static String expectedMessage(Hostility hostility) {
    return switch (hostility) {
      case WRONG_STREAM_ID -> "stream id " + UNUSED_STREAM;
      case UNKNOWN_OPCODE -> "opcode 0x" + Integer.toHexString(UNKNOWN_OPCODE);
      case ABSURD_LENGTH -> "Frame body length 2147483647 exceeds the maximum";
    };
  }

  /** Two open connections, nothing in flight on either. */
  private static boolean isFullAndIdle(Map<String, Object> pool) {
    return pool != null
        && Integer.valueOf(2).equals(pool.get("open_count"))
        && pool.get("in_flights").equals(List.of(0, 0));
  }
}
