package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.QueryExhaustedException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealCassandra
class PagingIT {

  private static final int ROWS = 250;
  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void fill(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_paging WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS it_paging.t (p int, c int, PRIMARY KEY (p, c))");
    for (int c = 0; c < ROWS; c++) {
      session.execute("INSERT INTO it_paging.t (p, c) VALUES (1, %s)", c);
    }
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Test
  void iteration_fetches_every_page_transparently() {
    ResultSet result =
        session.execute(new SimpleStatement("SELECT c FROM it_paging.t WHERE p = 1").setFetchSize(100));

    assertThat(result.currentRows()).hasSize(100);
    assertThat(result.hasMorePages()).isTrue();
    Set<Integer> seen = new HashSet<>();
    for (Row row : result) {
      seen.add(row.getInt("c"));
    }
    assertThat(seen).hasSize(ROWS);
    assertThat(result.hasMorePages()).isFalse();
  }

  @Test
  void pages_can_be_walked_by_hand() {
    ResultSet result =
        session.execute(new SimpleStatement("SELECT c FROM it_paging.t WHERE p = 1").setFetchSize(100));

    assertThat(result.currentRows().get(0).getInt(0)).isEqualTo(0);
    result.fetchNextPage();
    assertThat(result.currentRows()).hasSize(100);
    assertThat(result.currentRows().get(0).getInt(0)).isEqualTo(100);
    result.fetchNextPage();
    assertThat(result.currentRows()).hasSize(50);
    assertThat(result.hasMorePages()).isFalse();
    assertThat(result.pagingState()).isNull();
    assertThatThrownBy(result::fetchNextPage).isInstanceOf(QueryExhaustedException.class);
  }

  @Test
  void all_collects_every_row_and_fetch_size_zero_disables_paging() {
    assertThat(
            session.execute(new SimpleStatement("SELECT c FROM it_paging.t WHERE p = 1").setFetchSize(7)).all())
        .hasSize(ROWS);

    ResultSet unpaged =
        session.execute(new SimpleStatement("SELECT c FROM it_paging.t WHERE p = 1").setFetchSize(0));
    assertThat(unpaged.currentRows()).hasSize(ROWS);
    assertThat(unpaged.hasMorePages()).isFalse();
  }
}
