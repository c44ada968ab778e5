package io.loomcql.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EncoderTest {

  private final Encoder encoder = new Encoder();

  @Test
  void renders_the_literals_the_python_driver_renders() throws Exception {
    assertThat(encoder.encode(null)).isEqualTo("NULL");
    assertThat(encoder.encode(42)).isEqualTo("42");
    assertThat(encoder.encode(new BigInteger("1180591620717411303424"))).isEqualTo("1180591620717411303424");
    assertThat(encoder.encode(1.5)).isEqualTo("1.5");
    assertThat(encoder.encode(Double.NaN)).isEqualTo("NaN");
    assertThat(encoder.encode(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(encoder.encode(new BigDecimal("1.10"))).isEqualTo("1.10");
    assertThat(encoder.encode("it's")).isEqualTo("'it''s'");
    assertThat(encoder.encode(new byte[] {0, (byte) 0xff})).isEqualTo("0x00ff");
    assertThat(encoder.encode(ByteBuffer.wrap(new byte[] {1, 2}))).isEqualTo("0x0102");
    assertThat(encoder.encode(UUID.fromString("12345678-1234-5678-1234-567812345678")))
        .isEqualTo("12345678-1234-5678-1234-567812345678");
    assertThat(encoder.encode(Instant.ofEpochMilli(1577934245678L))).isEqualTo("1577934245678");
    assertThat(encoder.encode(LocalDate.of(2020, 1, 2))).isEqualTo("'2020-01-02'");
    assertThat(encoder.encode(InetAddress.getByName("127.0.0.1"))).isEqualTo("'127.0.0.1'");
    assertThat(encoder.encode(true)).isEqualTo("true");
  }

  @Test
  void renders_collections_recursively() {
    Map<String, List<Integer>> map = new LinkedHashMap<>();
    map.put("a'b", List.of(1, 2));
    assertThat(encoder.encode(map)).isEqualTo("{'a''b': [1, 2]}");
    assertThat(encoder.encode(new LinkedHashSet<>(List.of("x", "y")))).isEqualTo("{'x', 'y'}");
  }

  @Test
  void a_hostile_string_stays_one_string_literal() {
    String bound =
        encoder.bind(
            "SELECT * FROM users WHERE name = %s", List.of("x'; DROP TABLE users; --"));

    assertThat(bound).isEqualTo("SELECT * FROM users WHERE name = 'x''; DROP TABLE users; --'");
  }

  @Test
  void keeps_unicode_and_quotes_intact() {
    assertThat(encoder.bind("INSERT INTO t (v) VALUES (%s)", List.of("héllo 'wörld' ✓")))
        .isEqualTo("INSERT INTO t (v) VALUES ('héllo ''wörld'' ✓')");
  }

  @Test
  void binds_placeholders_in_order_and_unescapes_double_percent() {
    assertThat(encoder.bind("UPDATE t SET v = %s WHERE k = %s AND p LIKE '10%%'", Arrays.asList(null, 7)))
        .isEqualTo("UPDATE t SET v = NULL WHERE k = 7 AND p LIKE '10%'");
  }

  @Test
  void refuses_mismatched_counts_and_unknown_placeholders() {
    assertThatThrownBy(() -> encoder.bind("SELECT %s, %s", List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not enough values");
    assertThatThrownBy(() -> encoder.bind("SELECT %s", List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Too many values");
    assertThatThrownBy(() -> encoder.bind("SELECT %d", List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported placeholder");
  }

  @Test
  void says_what_to_do_with_a_query_of_question_mark_markers() {
    assertThatThrownBy(() -> encoder.bind("SELECT * FROM t WHERE k = ? AND c = ?", List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(got 2, used 0)")
        .hasMessageContaining("SimpleStatement.newInstance(query, values)")
        .hasMessageContaining("prepare");
    // a ? inside a string literal is no marker
    assertThatThrownBy(() -> encoder.bind("SELECT * FROM t WHERE k = 'why?'", List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("SimpleStatement");
  }

  @Test
  void refuses_types_it_cannot_render_safely() {
    assertThatThrownBy(() -> encoder.encode(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
