package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.SimpleStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values rendered by the client-side {@code %s} encoder are literals the real server accepts and
 * reads back as the value sent; a query written for {@code ?} markers gets an error that says
 * what to do.
 */
@RealCassandra
class EncoderLiteralsIT {

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_literals WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS it_literals.kv (k int PRIMARY KEY, v text)");
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Test
  void a_question_mark_query_with_values_is_told_to_use_a_statement_or_prepare() {
    String query = "INSERT INTO it_literals.kv (k, v) VALUES (?, ?)";

    assertThatThrownBy(() -> session.execute(query, 1, "one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(got 2, used 0)")
        .hasMessageContaining("SimpleStatement.newInstance(query, values)")
        .hasMessageContaining("prepare");

    // what the message advises works
    session.execute(SimpleStatement.newInstance(query, 1, "one"));
    assertThat(session.execute("SELECT v FROM it_literals.kv WHERE k = %s", 1).one().getString("v"))
        .isEqualTo("one");
  }
}
