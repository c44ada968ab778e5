package io.loomcql.protocol.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.VectorType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CodecPropertiesTest {

  private static final ProtocolVersion V = ProtocolVersion.V4;

  private static <T> T roundTrip(DataType type, T value) {
    TypeCodec<T> codec = Codecs.codecFor(type);
    ByteBuffer encoded = codec.encode(value, V);
    // decode from a buffer with a non-zero position inside a larger array
    ByteBuffer padded = ByteBuffer.allocate(encoded.remaining() + 6);
    padded.position(3);
    padded.put(encoded.duplicate());
    padded.limit(padded.position()).position(3);
    T decoded = codec.decode(padded, V);
    assertThat(padded.position()).isEqualTo(3);
    return decoded;
  }

  @Property
  void text_round_trips(@ForAll String s) {
    assertThat(roundTrip(DataType.TEXT, s)).isEqualTo(s);
  }

  @Property
  void ascii_round_trips(@ForAll("asciiStrings") String s) {
    assertThat(roundTrip(DataType.ASCII, s)).isEqualTo(s);
  }

  @Provide
  Arbitrary<String> asciiStrings() {
    return Arbitraries.strings().ascii();
  }

  @Property
  void int_round_trips(@ForAll int i) {
    assertThat(roundTrip(DataType.INT, i)).isEqualTo(i);
  }

  @Property
  void bigint_and_counter_round_trip(@ForAll long l) {
    assertThat(roundTrip(DataType.BIGINT, l)).isEqualTo(l);
    assertThat(roundTrip(DataType.COUNTER, l)).isEqualTo(l);
  }

  @Property
  void boolean_round_trips(@ForAll boolean b) {
    assertThat(roundTrip(DataType.BOOLEAN, b)).isEqualTo(b);
  }

  @Property
  void uuid_round_trips(@ForAll long msb, @ForAll long lsb) {
    UUID u = new UUID(msb, lsb);
    assertThat(roundTrip(DataType.UUID, u)).isEqualTo(u);
  }

  @Property
  void timeuuid_round_trips_version_1_uuids(@ForAll long msb, @ForAll long lsb) {
    UUID u = new UUID((msb & ~0xF000L) | 0x1000L, lsb);
    assertThat(roundTrip(DataType.TIMEUUID, u)).isEqualTo(u);
  }

  @Property
  void timestamp_round_trips_at_millisecond_precision(
      @ForAll @LongRange(min = -8_000_000_000_000L, max = 8_000_000_000_000L) long millis) {
    Instant t = Instant.ofEpochMilli(millis);
    assertThat(roundTrip(DataType.TIMESTAMP, t)).isEqualTo(t);
  }

  @Property
  void blob_round_trips(@ForAll byte[] b) {
    ByteBuffer decoded = roundTrip(DataType.BLOB, ByteBuffer.wrap(b));
    byte[] got = new byte[decoded.remaining()];
    decoded.duplicate().get(got);
    assertThat(got).isEqualTo(b);
  }

  @Property
  void double_float_smallint_tinyint_round_trip(
      @ForAll double d, @ForAll float f, @ForAll short s, @ForAll byte b) {
    assertThat(roundTrip(DataType.DOUBLE, d)).isEqualTo(d);
    assertThat(roundTrip(DataType.FLOAT, f)).isEqualTo(f);
    assertThat(roundTrip(DataType.SMALLINT, s)).isEqualTo(s);
    assertThat(roundTrip(DataType.TINYINT, b)).isEqualTo(b);
  }

  @Property
  void varint_and_decimal_round_trip(@ForAll BigInteger i, @ForAll int scale) {
    assertThat(roundTrip(DataType.VARINT, i)).isEqualTo(i);
    BigDecimal d = new BigDecimal(i, scale);
    assertThat(roundTrip(DataType.DECIMAL, d)).isEqualTo(d);
  }

  @Property
  void date_and_time_round_trip(
      @ForAll @LongRange(min = -2_000_000L, max = 2_000_000L) long day,
      @ForAll @LongRange(min = 0, max = 86_399_999_999_999L) long nanos) {
    LocalDate date = LocalDate.ofEpochDay(day);
    assertThat(roundTrip(DataType.DATE, date)).isEqualTo(date);
    LocalTime time = LocalTime.ofNanoOfDay(nanos);
    assertThat(roundTrip(DataType.TIME, time)).isEqualTo(time);
  }

  @Property
  void inet_round_trips(@ForAll byte[] seed) throws Exception {
    byte[] addr = new byte[seed.length % 2 == 0 ? 4 : 16];
    System.arraycopy(seed, 0, addr, 0, Math.min(seed.length, addr.length));
    InetAddress a = InetAddress.getByAddress(addr);
    assertThat(roundTrip(DataType.INET, a)).isEqualTo(a);
  }

  @Property
  void collections_round_trip(@ForAll List<Integer> list, @ForAll Set<String> set,
      @ForAll Map<String, Long> map) {
    List<Integer> noNulls = list.stream().filter(java.util.Objects::nonNull).toList();
    assertThat(roundTrip(new ListType(DataType.INT), noNulls)).isEqualTo(noNulls);
    Set<String> setNoNull = new java.util.LinkedHashSet<>(set);
    setNoNull.remove(null);
    assertThat(roundTrip(new SetType(DataType.TEXT), setNoNull)).isEqualTo(setNoNull);
    Map<String, Long> mapNoNull = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (k != null && v != null) {
        mapNoNull.put(k, v);
      }
    });
    assertThat(roundTrip(new MapType(DataType.TEXT, DataType.BIGINT), mapNoNull))
        .isEqualTo(mapNoNull);
  }

  @Property
  void duration_round_trips(@ForAll int months, @ForAll int days, @ForAll long nanos) {
    CqlDuration d = new CqlDuration(Math.abs(months % 1000), Math.abs(days % 1000),
        nanos == Long.MIN_VALUE ? 0 : Math.abs(nanos));
    assertThat(roundTrip(DataType.DURATION, d)).isEqualTo(d);
    CqlDuration negative = new CqlDuration(-d.months(), -d.days(), -d.nanoseconds());
    assertThat(roundTrip(DataType.DURATION, negative)).isEqualTo(negative);
  }

  @Property
  void float_vectors_round_trip_as_float_arrays(@ForAll float a, @ForAll float b,
      @ForAll float c) {
    float[] v = {a, b, c};
    assertThat(roundTrip(new VectorType(DataType.FLOAT, 3), v)).isEqualTo(v);
  }

  @Property
  void other_vectors_round_trip_as_lists(@ForAll long a, @ForAll String s1, @ForAll String s2) {
    assertThat(roundTrip(new VectorType(DataType.BIGINT, 2), List.of(a, a + 1)))
        .isEqualTo(List.of(a, a + 1));
    assertThat(roundTrip(new VectorType(DataType.TEXT, 2), List.of(s1, s2)))
        .isEqualTo(List.of(s1, s2));
  }

  @Test
  void a_vector_of_three_floats_is_twelve_packed_bytes() {
    ByteBuffer b = Codecs.encode(new float[] {1f, 2f, 3f}, new VectorType(DataType.FLOAT, 3), V);
    assertThat(b.remaining()).isEqualTo(12);
    assertThat(b.getFloat(8)).isEqualTo(3f);
    assertThatThrownBy(() -> Codecs.encode(new float[] {1f}, new VectorType(DataType.FLOAT, 3), V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 elements");
  }

  @Test
  void wrong_lengths_are_protocol_errors_that_say_what_was_expected() {
    assertThatThrownBy(() -> IntCodec.INSTANCE.decode(ByteBuffer.wrap(new byte[3]), V))
        .isInstanceOf(ProtocolException.class).hasMessage("int needs 4 bytes, got 3");
    assertThatThrownBy(() -> BigintCodec.BIGINT.decode(ByteBuffer.wrap(new byte[9]), V))
        .isInstanceOf(ProtocolException.class).hasMessage("bigint needs 8 bytes, got 9");
    assertThatThrownBy(() -> BooleanCodec.INSTANCE.decode(ByteBuffer.wrap(new byte[2]), V))
        .isInstanceOf(ProtocolException.class).hasMessage("boolean needs 1 byte, got 2");
    assertThatThrownBy(() -> UuidCodec.UUID_CODEC.decode(ByteBuffer.wrap(new byte[15]), V))
        .isInstanceOf(ProtocolException.class).hasMessage("uuid needs 16 bytes, got 15");
    assertThatThrownBy(() -> TimestampCodec.INSTANCE.decode(ByteBuffer.wrap(new byte[4]), V))
        .isInstanceOf(ProtocolException.class).hasMessage("timestamp needs 8 bytes, got 4");
    assertThatThrownBy(() -> DoubleCodec.INSTANCE.decode(ByteBuffer.wrap(new byte[4]), V))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> InetCodec.INSTANCE.decode(ByteBuffer.wrap(new byte[5]), V))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> TimeCodec.INSTANCE.decode(
        ByteBuffer.allocate(8).putLong(0, -1), V)).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> Codecs.codecFor(new ListType(DataType.INT))
        .decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 5, 0, 0, 0, 0}), V))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> TextCodec.TEXT.decode(ByteBuffer.wrap(new byte[] {(byte) 0xc3}), V))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void null_and_empty_cells() {
    assertThat(IntCodec.INSTANCE.decode(null, V)).isNull();
    assertThat(IntCodec.INSTANCE.decode(ByteBuffer.allocate(0), V)).isNull();
    assertThat(TextCodec.TEXT.decode(ByteBuffer.allocate(0), V)).isEmpty();
    assertThat(IntCodec.INSTANCE.encode(null, V)).isNull();
  }

  @Test
  void fast_accessors_read_at_an_absolute_offset() {
    ByteBuffer content = ByteBuffer.allocate(20).putInt(4, 42).putLong(8, -7L);
    assertThat(IntCodec.decodeInt(content, 4, 4)).isEqualTo(42);
    assertThat(BigintCodec.decodeLong(content, 8, 8)).isEqualTo(-7L);
    assertThatThrownBy(() -> BigintCodec.decodeLong(content, 16, 8))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void ascii_and_timeuuid_refuse_what_they_cannot_represent() {
    assertThatThrownBy(() -> TextCodec.ASCII.encode("héllo", V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'é'");
    assertThatThrownBy(() -> UuidCodec.TIMEUUID.encode(UUID.randomUUID(), V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 4");
  }

  @Test
  void codecs_are_found_by_cql_type_and_by_java_value() {
    assertThat(Codecs.codecFor(new io.loomcql.cqltypes.Primitive(0x0009, "int")))
        .isSameAs(IntCodec.INSTANCE);
    assertThat(Codecs.codecForValue(1).cqlType()).isEqualTo(DataType.INT);
    assertThat(Codecs.codecForValue(1L).cqlType()).isEqualTo(DataType.BIGINT);
    assertThat(Codecs.codecForValue("s").cqlType()).isEqualTo(DataType.TEXT);
    assertThat(Codecs.codecForValue(true).cqlType()).isEqualTo(DataType.BOOLEAN);
    assertThat(Codecs.codecForValue(UUID.randomUUID()).cqlType()).isEqualTo(DataType.UUID);
    assertThat(Codecs.codecForValue(Instant.EPOCH).cqlType()).isEqualTo(DataType.TIMESTAMP);
    assertThat(Codecs.codecForValue(new byte[0]).cqlType()).isEqualTo(DataType.BLOB);
    assertThat(Codecs.codecForValue(ByteBuffer.allocate(0)).cqlType()).isEqualTo(DataType.BLOB);
    assertThatThrownBy(() -> Codecs.codecForValue(new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    assertThat(Codecs.codecFor(new CustomType("com.example.Thing")).javaType())
        .isEqualTo(ByteBuffer.class);
  }

  @Test
  void encoding_checks_the_java_type_against_the_cql_type() {
    assertThatThrownBy(() -> Codecs.encode("x", DataType.INT, V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected a java.lang.Integer for an int column, got java.lang.String");
    assertThat(Codecs.encode(7, DataType.INT, V).getInt(0)).isEqualTo(7);
    assertThat(Codecs.encode(new byte[] {1}, DataType.BLOB, V).remaining()).isEqualTo(1);
    assertThat(Codecs.encode(null, DataType.INT, V)).isNull();
    assertThatThrownBy(() -> Codecs.encode(List.of("a"), new ListType(DataType.INT), V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
  }
}
