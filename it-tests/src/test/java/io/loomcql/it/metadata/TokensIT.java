package io.loomcql.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.metadata.Murmur3Token;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.PreparedStatement;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token of a partition key as the driver computes it equals the server's {@code token(...)}. */
@RealCassandra
class TokensIT {

  private static final String KS = "it_meta_tokens";
  private static final int KEYS = 150;

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void createTables(TestCluster cassandra) {
    cluster = Clusters.builder(cassandra).build();
    session = cluster.connect();
    session.execute("DROP KEYSPACE IF EXISTS " + KS);
    session.execute("CREATE KEYSPACE " + KS + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE " + KS + ".by_int (k int PRIMARY KEY)");
    session.execute("CREATE TABLE " + KS + ".by_text (k text PRIMARY KEY)");
    session.execute("CREATE TABLE " + KS + ".by_bigint (k bigint PRIMARY KEY)");
    session.execute("CREATE TABLE " + KS + ".composite (a bigint, b text, c uuid, PRIMARY KEY ((a, b, c)))");
  }

  @AfterAll
  static void dropTables() {
    if (session != null) {
      session.execute("DROP KEYSPACE IF EXISTS " + KS);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void should_compute_the_server_token_of_int_text_and_bigint_keys() {
    Random random = new Random(42);
    assertSameTokens("by_int", "k", i -> new Object[] {i == 0 ? Integer.MIN_VALUE : random.nextInt()});
    assertSameTokens("by_text", "k", i -> new Object[] {"key-" + random.nextLong() + "-é€" + i});
    assertSameTokens("by_bigint", "k", i -> new Object[] {i == 0 ? Long.MAX_VALUE : random.nextLong()});
  }

  @Test
  void should_compute_the_server_token_of_composite_partition_keys() {
    Random random = new Random(7);
    assertSameTokens(
        "composite", "a, b, c",
        i -> new Object[] {random.nextLong(), "part " + i, new UUID(random.nextLong(), random.nextLong())});
  }

  @Test
  void should_place_every_key_on_the_only_node_with_replication_factor_one() {
    PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".by_int (k) VALUES (?)");
    for (int k = 0; k < 20; k++) {
      assertThat(cluster.metadata().getReplicas(KS, insert.bind(k).routingKey()))
          .containsExactlyElementsOf(cluster.hosts());
    }
  }

  private static void assertSameTokens(String table, String key, Function<Integer, Object[]> values) {
    String[] columns = key.split(", ");
    String markers = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
    String where = String.join(" AND ", java.util.Arrays.stream(columns).map(c -> c + " = ?").toList());
    PreparedStatement insert =
        session.prepare("INSERT INTO " + KS + "." + table + " (" + key + ") VALUES (" + markers + ")");
    PreparedStatement token =
        session.prepare("SELECT token(" + key + ") FROM " + KS + "." + table + " WHERE " + where);
    for (int i = 0; i < KEYS; i++) {
      Object[] row = values.apply(i);
      BoundStatement bound = insert.bind(row);
      session.execute(bound);
      long server = session.execute(token.bind(row)).one().getLong(0);

      assertThat(cluster.metadata().tokenOf(bound.routingKey()))
          .as("token of %s in %s", List.of(row), table)
          .isEqualTo(new Murmur3Token(server));
    }
  }
}
