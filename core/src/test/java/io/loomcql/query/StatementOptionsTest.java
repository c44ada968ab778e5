package io.loomcql.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.node.Host;
import io.loomcql.policies.FallthroughRetryPolicy;
import io.loomcql.query.internal.PreparedInfo;
import io.loomcql.query.internal.PreparedInternals;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementOptionsTest {

  @Test
  void statements_and_prepared_statements_refuse_the_same_bad_options_with_the_same_message() {
    PreparedStatement prepared =
        PreparedInternals.create(new PreparedInfo(
            "SELECT v FROM t", null, new byte[] {1}, null, new ColumnDefinitions(List.of()),
            new int[0], null, ProtocolVersion.V4, type -> null));
    Statement statement = new SimpleStatement("SELECT v FROM t");

    assertThatThrownBy(() -> statement.setFetchSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fetch size must be >= 0, got -1");
    assertThatThrownBy(() -> prepared.setFetchSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fetch size must be >= 0, got -1");
    assertThatThrownBy(() -> statement.setSerialConsistencyLevel(ConsistencyLevel.QUORUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The serial consistency level must be SERIAL or LOCAL_SERIAL, got QUORUM");
    assertThatThrownBy(() -> prepared.setSerialConsistencyLevel(ConsistencyLevel.QUORUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The serial consistency level must be SERIAL or LOCAL_SERIAL, got QUORUM");
    // Zero (no paging) and null (the session's default) stay valid everywhere.
    assertThat(prepared.setFetchSize(0).fetchSize()).isZero();
    assertThat(statement.setFetchSize(null).fetchSize()).isNull();
  }

  @Test
  void a_new_statement_has_every_default() {
    Statement s = new SimpleStatement("SELECT 1");
    assertThat(s.consistencyLevel()).isNull();
    assertThat(s.serialConsistencyLevel()).isNull();
    assertThat(s.fetchSize()).isNull();
    assertThat(s.isIdempotent()).isFalse();
    assertRareOptionsUnset(s);
  }

  @Test
  void every_option_reads_back_what_was_set_and_can_be_reset() {
    Statement s = new SimpleStatement("SELECT 1");
    Host host = new Host(new InetSocketAddress("127.0.0.1", 9042));
    FallthroughRetryPolicy retry = new FallthroughRetryPolicy();
    s.setConsistencyLevel(ConsistencyLevel.QUORUM).setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
        .setFetchSize(10).setIdempotent(true).setTimeout(Duration.ofSeconds(3)).setTracing(true)
        .setCustomPayload(Map.of("k", ByteBuffer.wrap(new byte[] {1})))
        .setPagingState(ByteBuffer.wrap(new byte[] {2})).setKeyspace("ks")
        .setRoutingKey(ByteBuffer.wrap(new byte[] {3})).setTimestamp(42).setNowInSeconds(7)
        .setHost(host).setExecutionProfile("slow").setRetryPolicy(retry);
    assertThat(s.consistencyLevel()).isEqualTo(ConsistencyLevel.QUORUM);
    assertThat(s.serialConsistencyLevel()).isEqualTo(ConsistencyLevel.SERIAL);
    assertThat(s.fetchSize()).isEqualTo(10);
    assertThat(s.isIdempotent()).isTrue();
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.isTracing()).isTrue();
    assertThat(s.customPayload()).containsOnlyKeys("k");
    assertThat(s.pagingState().get(0)).isEqualTo((byte) 2);
    assertThat(s.keyspace()).isEqualTo("ks");
    assertThat(s.routingKey().get(0)).isEqualTo((byte) 3);
    assertThat(s.timestamp()).isEqualTo(42);
    assertThat(s.nowInSeconds()).isEqualTo(7);
    assertThat(s.host()).isSameAs(host);
    assertThat(s.executionProfile()).isEqualTo("slow");
    assertThat(s.retryPolicy()).isSameAs(retry);

    s.setTimeout(null).setTracing(false).setCustomPayload(null).setPagingState(null)
        .setKeyspace(null).setRoutingKey().setTimestamp(Long.MIN_VALUE)
        .setNowInSeconds(Integer.MIN_VALUE).setHost(null).setExecutionProfile((String) null)
        .setRetryPolicy(null);
    assertRareOptionsUnset(s);
  }

  /** The options kept in the holder made on first set read as unset. */
  private static void assertRareOptionsUnset(Statement s) {
    assertThat(s.timeout()).isNull();
    assertThat(s.isTracing()).isFalse();
    assertThat(s.customPayload()).isEmpty();
    assertThat(s.pagingState()).isNull();
    assertThat(s.keyspace()).isNull();
    assertThat(s.routingKey()).isNull();
    assertThat(s.timestamp()).isEqualTo(Long.MIN_VALUE);
    assertThat(s.nowInSeconds()).isEqualTo(Integer.MIN_VALUE);
    assertThat(s.host()).isNull();
    assertThat(s.executionProfile()).isNull();
    assertThat(s.retryPolicy()).isNull();
  }

  @Test
  void options_of_one_statement_never_show_on_another() {
    Statement a = new SimpleStatement("SELECT 1").setKeyspace("a").setTimestamp(1);
    Statement b = new SimpleStatement("SELECT 1");
    assertThat(b.keyspace()).isNull();
    assertThat(b.timestamp()).isEqualTo(Long.MIN_VALUE);
    b.setKeyspace("b");
    assertThat(a.keyspace()).isEqualTo("a");
  }
}
