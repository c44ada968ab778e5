package io.loomcql.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BatchStatementTest {

  private static ByteBuffer key(int value) {
    return ByteBuffer.allocate(4).putInt(0, value);
  }

  private static SimpleStatement routed(String keyspace, int key) {
    SimpleStatement statement = new SimpleStatement("INSERT INTO t (k) VALUES (" + key + ")");
    statement.setKeyspace(keyspace);
    statement.setRoutingKey(key(key));
    return statement;
  }

  @Test
  void the_first_statement_with_a_routing_key_and_a_keyspace_routes_the_batch() {
    SimpleStatement unrouted = new SimpleStatement("INSERT INTO other (k) VALUES (0)");
    SimpleStatement keyWithoutKeyspace = new SimpleStatement("INSERT INTO t (k) VALUES (1)");
    keyWithoutKeyspace.setRoutingKey(key(1));

    BatchStatement batch =
        new BatchStatement().addAll(unrouted, keyWithoutKeyspace, routed("ks2", 2), routed("ks3", 3));

    assertThat(batch.routingKey()).isEqualTo(key(2));
    assertThat(batch.keyspace()).isEqualTo("ks2");
  }

  @Test
  void a_batch_without_any_routed_statement_has_no_routing_key() {
    BatchStatement batch = new BatchStatement().add("INSERT INTO t (k) VALUES (?)", 1);

    assertThat(batch.routingKey()).isNull();
    assertThat(batch.keyspace()).isNull();
    assertThat(new BatchStatement().routingKey()).isNull();
  }

  @Test
  void the_batch_own_routing_key_and_keyspace_win() {
    BatchStatement batch = new BatchStatement().add(routed("ks2", 2));
    batch.setRoutingKey(key(9));
    batch.setKeyspace("mine");

    assertThat(batch.routingKey()).isEqualTo(key(9));
    assertThat(batch.keyspace()).isEqualTo("mine");
  }
}
