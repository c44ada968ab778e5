package io.loomcql.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void renders_durations_as_the_python_driver_prints_them() {
    assertThat(encoder.encode(new CqlDuration(1, 2, 3))).isEqualTo("1mo2d3ns");
    assertThat(encoder.encode(new CqlDuration(-1, -2, -3))).isEqualTo("-1mo2d3ns");
    assertThat(encoder.encode(new CqlDuration(0, 0, -5))).isEqualTo("-0mo0d5ns");
    assertThat(encoder.encode(new CqlDuration(0, 0, 0))).isEqualTo("0mo0d0ns");
    assertThat(encoder.encode(new CqlDuration(Integer.MIN_VALUE, 0, Long.MIN_VALUE)))
        .isEqualTo("-2147483648mo0d9223372036854775808ns");
  }

  @Test
  void renders_times_with_seconds_always_and_nanoseconds_when_set() {
    assertThat(encoder.encode(LocalTime.of(1, 2))).isEqualTo("'01:02:00'");
    assertThat(encoder.encode(LocalTime.of(1, 2, 3, 4))).isEqualTo("'01:02:03.000000004'");
    assertThat(encoder.encode(LocalTime.of(3, 4, 5, 6_000))).isEqualTo("'03:04:05.000006000'");
    assertThat(encoder.encode(LocalTime.MAX)).isEqualTo("'23:59:59.999999999'");
    assertThat(encoder.encode(LocalTime.MIDNIGHT)).isEqualTo("'00:00:00'");
  }

  @Test
  void renders_dates_outside_four_digit_years_as_the_raw_day_count() {
    assertThat(encoder.encode(LocalDate.of(1, 1, 1))).isEqualTo("'0001-01-01'");
    assertThat(encoder.encode(LocalDate.ofEpochDay(-1))).isEqualTo("'1969-12-31'");
    assertThat(encoder.encode(LocalDate.of(10000, 1, 1)))
        .isEqualTo("'" + (LocalDate.of(10000, 1, 1).toEpochDay() + (1L << 31)) + "'");
    assertThat(encoder.encode(LocalDate.of(-1, 12, 31)))
        .isEqualTo("'" + (LocalDate.of(-1, 12, 31).toEpochDay() + (1L << 31)) + "'");
  }

  @Test
  void renders_floats_by_their_own_shortest_form_and_vectors_as_lists() throws Exception {
    assertThat(encoder.encode(1.1f)).isEqualTo("1.1");
    assertThat(encoder.encode(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(encoder.encode(new float[] {1.0f, 2.5f, 1.1f, Float.NaN})).isEqualTo("[1.0, 2.5, 1.1, NaN]");
    assertThat(encoder.encode(List.of(1, 2, 3))).isEqualTo("[1, 2, 3]"); // a vector of ints
  }

  @Test
  void renders_addresses_without_an_ipv6_scope() throws Exception {
    assertThat(encoder.encode(InetAddress.getByName("::1"))).isEqualTo("'0:0:0:0:0:0:0:1'");
    assertThat(encoder.encode(Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 3)))
        .isEqualTo("'fe80:0:0:0:0:0:0:1'");
  }

  @Test
  void renders_tuples_with_nested_literals_and_nulls() {
    TupleType inner = new TupleType(List.of(DataType.TEXT, DataType.DURATION));
    TupleType outer = new TupleType(List.of(DataType.INT, DataType.TEXT, inner, DataType.BLOB));
    var value = outer.newValue(1, "it's", inner.newValue("x'); DROP", new CqlDuration(1, 0, 0)), null);

    assertThat(encoder.encode(value)).isEqualTo("(1, 'it''s', ('x''); DROP', 1mo0d0ns), NULL)");
  }

  @Test
  void renders_user_type_values_with_field_names_quoted_when_they_need_it() {
    UserType address =
        new UserType(
            "ks", "address", List.of("street", "Zip", "token", "tags"),
            List.of(DataType.TEXT, DataType.INT, DataType.TEXT, new SetType(DataType.TEXT)));
    UdtValue value = address.newValue().set("street", "Main' St").set("Zip", 1234).set("tags", Set.of("a"));

    assertThat(encoder.encode(value)).isEqualTo("{street: 'Main'' St', \"Zip\": 1234, \"token\": NULL, tags: {'a'}}");
    assertThat(encoder.encode(List.of(value))).startsWith("[{street: ");
  }

  @Test
  void refuses_types_it_cannot_render_safely_and_says_what_to_pass() {
    assertThatThrownBy(() -> encoder.encode(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("CqlDuration")
        .hasMessageContaining("Cluster.registerUserType")
        .hasMessageContaining("prepared statement");
    record Point(int x, int y) {}
    assertThatThrownBy(() -> encoder.encode(List.of(new Point(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Point");
  }
}
