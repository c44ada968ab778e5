package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile strings (quotes, semicolons, comment markers, {@code $$}, {@code %s}, backslashes, NUL,
 * newlines, supplementary characters) bound through the client-side {@code %s} encoder and through
 * {@code ?} values come back exactly from the real server, and never change the statement: the
 * table holds exactly the rows written and a marker table survives.
 */
@RealCassandra
class InjectionIT {

  private static final long SEED = 0x10_0C_C9_1L;
  private static final int RANDOM_STRINGS = 500;

  /** Classic payloads, tried before the random ones. */
  private static final List<String> CLASSICS =
      List.of(
          "",
          "'",
          "''",
          "\\'",
          "'; DROP TABLE it_injection.marker; --",
          "x') ; DROP TABLE it_injection.marker; --",
          "x', 'y', 99) -- ",
          "*/ DROP TABLE it_injection.marker; /*",
          "$$; DROP TABLE it_injection.marker; $$",
          "%s %% %d ? :name",
          "\u0000",
          "a\u0000'\u0000b",
          "line1\nline2\r\n--\t'",
          "\\\\'\\",
          "\uD83D\uDE00'\uD835\uDD38;--\uDBFF\uDFFF",
          "' OR '1'='1");

  /** Characters the random strings are made of; code points above 0xFFFF are supplementary. */
  private static final int[] ALPHABET = {
    '\'', '\'', '"', ';', '-', '-', '/', '*', '$', '%', 's', '?', ':', '\\', '\0', '\n', '\r', '\t',
    ' ', '(', ')', ',', '{', '}', '[', ']', 'a', 'Z', '0', 'é', 'ß', '€', 0x202E, 0xFEFF, 0xFFFD,
    0x1F600, 0x1D538, 0x10FFFF, 0x20000
  };

  private static final String[] FRAGMENTS = {
    "--", "/*", "*/", "//", "''", "$$", "%s", "%%", "';", "DROP TABLE it_injection.marker", "\\'"
  };

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void createTables(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS it_injection WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("DROP TABLE IF EXISTS it_injection.kv");
    session.execute("CREATE TABLE it_injection.kv (k text PRIMARY KEY, v text, l list<text>, n int)");
    session.execute("CREATE TABLE IF NOT EXISTS it_injection.marker (k int PRIMARY KEY)");
    session.execute("INSERT INTO it_injection.marker (k) VALUES (1)");
  }

  @AfterAll
  static void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void should_round_trip_hostile_strings_through_both_binding_paths_without_changing_statements() {
    List<String> strings = new ArrayList<>(CLASSICS);
    Random random = new Random(SEED);
    for (int i = 0; i < RANDOM_STRINGS; i++) {
      strings.add(randomString(random));
    }
    PreparedStatement insert =
        session.prepare("INSERT INTO it_injection.kv (k, v, l, n) VALUES (?, ?, ?, ?)");
    PreparedStatement select = session.prepare("SELECT k, v, l, n FROM it_injection.kv WHERE k = ?");
    Map<String, Expected> expected = new HashMap<>();

    for (int i = 0; i < strings.size(); i++) {
      String s = strings.get(i);
      String other = strings.get((i + 1) % strings.size());

      // Written with %s literals, read back both ways.
      Expected literal = new Expected("s" + i + "|" + s, s, List.of(s, other), i);
      session.execute(
          "INSERT INTO it_injection.kv (k, v, l, n) VALUES (%s, %s, %s, %s)",
          literal.k(), literal.v(), literal.l(), literal.n());
      expected.put(literal.k(), literal);
      assertRow(session.execute("SELECT k, v, l, n FROM it_injection.kv WHERE k = %s", literal.k()).all(), literal, s);
      assertRow(session.execute(select.bind(literal.k())).all(), literal, s);

      // Written with ? values, read back both ways.
      Expected bound = new Expected("q" + i + "|" + s, s, List.of(other, s), -i);
      session.execute(insert.bind(bound.k(), bound.v(), bound.l(), bound.n()));
      expected.put(bound.k(), bound);
      assertRow(session.execute(select.bind(bound.k())).all(), bound, s);
      assertRow(session.execute("SELECT k, v, l, n FROM it_injection.kv WHERE k = %s", bound.k()).all(), bound, s);
    }

    // The statements did only what they said: exactly these rows, and the marker is still there.
    Map<String, Expected> actual = new HashMap<>();
    for (Row row : session.execute("SELECT k, v, l, n FROM it_injection.kv").all()) {
      actual.put(row.getString(0), new Expected(row.getString(0), row.getString(1), listOf(row), row.getInt(3)));
    }
    assertThat(actual).hasSize(2 * strings.size()).isEqualTo(expected);
    assertThat(session.execute("SELECT k FROM it_injection.marker").all()).hasSize(1);
    assertThat(cluster.metadata().keyspaces().get("it_injection").tables()).containsKey("marker");
    System.out.printf(
        "injection: %d strings (%d random, seed %d), %d rows written and read back exactly%n",
        strings.size(), RANDOM_STRINGS, SEED, actual.size());
  }

  private static void assertRow(List<Row> rows, Expected expected, String input) {
    assertThat(rows).as("rows for %s", escape(input)).hasSize(1);
    Row row = rows.get(0);
    assertThat(new Expected(row.getString(0), row.getString(1), listOf(row), row.getInt(3)))
        .as("round trip of %s", escape(input))
        .isEqualTo(expected);
  }

  @SuppressWarnings("unchecked")
  private static List<String> listOf(Row row) {
    return (List<String>) row.getObject(2);
  }

  /** Up to 40 characters and fragments; whole code points only (no lone surrogates). */
  private static String randomString(Random random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(41);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(5) == 0) {
        out.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      } else {
        out.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
    }
    return out.toString();
  }

  /** The input with control and non-ASCII characters as \\uXXXX, for readable failures. */
  private static String escape(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.chars()
        .forEach(
            c -> {
              if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.append((char) c);
              }
            });
    return out.append('"').toString();
  }

  private record Expected(String k, String v, List<String> l, int n) {}
}
