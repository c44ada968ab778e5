package io.loomcql.protocol.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips of random CQL types nested to depth 3 (every native type, list, set, map, tuple,
 * user type, vector, custom) with random values, and random corruptions of their bytes.
 */
class AllTypesPropertiesTest {

  /** A CQL type with a value of it. */
  record Typed(DataType type, Object value) {}

  @Property(tries = 2000)
  void every_type_nested_or_not_round_trips(@ForAll("typed") Typed t) {
    net.jqwik.api.statistics.Statistics.label("outer type")
        .collect(t.type().getClass().getSimpleName());
    net.jqwik.api.statistics.Statistics.label("nesting depth").collect(depth(t.type()));
    for (ProtocolVersion version : ProtocolVersion.values()) {
      TypeCodec<Object> codec = Codecs.codecFor(t.type());
      assertThat(codec.javaType()).isEqualTo(t.type().javaClass());
      ByteBuffer encoded = Codecs.encode(t.value(), t.type(), version);
      Object decoded = codec.decode(encoded, version);
      assertThat(normalize(decoded)).as(t.type().cqlName()).isEqualTo(normalize(t.value()));
      ByteBuffer again = codec.encode(decoded, version);
      assertThat(again).isEqualTo(encoded);
    }
  }

  @Property(tries = 1000)
  void inferred_codecs_write_the_same_bytes_as_the_declared_type(@ForAll("typed") Typed t) {
    if (containsNonFloatVector(t.type()) || t.type() instanceof CustomType
        || containsAmbiguousNative(t.type())) {
      return; // not inferable from the Java value alone: prepared statements only
    }
    @SuppressWarnings("unchecked")
    TypeCodec<Object> inferred = (TypeCodec<Object>) Codecs.codecForValue(t.value());
    assertThat(inferred.encode(t.value(), ProtocolVersion.V4))
        .isEqualTo(Codecs.encode(t.value(), t.type(), ProtocolVersion.V4));
  }

  @Property(tries = 1000)
  void corrupted_bytes_only_ever_raise_protocol_exceptions(
      @ForAll("typed") Typed t, @ForAll long seed) {
    TypeCodec<Object> codec = Codecs.codecFor(t.type());
    ByteBuffer encoded = Codecs.encode(t.value(), t.type(), ProtocolVersion.V5);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 20; i++) {
      byte[] mutated = bytes.length == 0 ? new byte[] {(byte) random.nextInt()}
          : random.nextBoolean() ? java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length))
          : bytes.clone();
      if (mutated.length > 0 && mutated.length == bytes.length) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt();
      }
      try {
        codec.decode(ByteBuffer.wrap(mutated), ProtocolVersion.V5);
      } catch (ProtocolException expected) {
        // the only failure allowed
      }
    }
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<Typed> typed() {
    return typed(3);
  }

  private static Arbitrary<Typed> typed(int depth) {
    if (depth == 0) {
      return natives();
    }
    Arbitrary<Typed> inner = typed(depth - 1);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, natives()),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(AllTypesPropertiesTest::asList)),
        net.jqwik.api.Tuple.of(1, hashable().list().ofMaxSize(3).map(AllTypesPropertiesTest::asSet)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(hashable().list().ofMaxSize(3), inner)
            .as(AllTypesPropertiesTest::asMap)),
        net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3)
            .map(AllTypesPropertiesTest::asTuple)),
        net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3)
            .map(AllTypesPropertiesTest::asUdt)),
        net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3)
            .map(AllTypesPropertiesTest::asVector)),
        net.jqwik.api.Tuple.of(1, Arbitraries.floats().array(float[].class).ofMinSize(1)
            .ofMaxSize(5).map(f -> new Typed(new VectorType(DataType.FLOAT, f.length), f))),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(5).map(b ->
            new Typed(new CustomType("org.apache.cassandra.db.marshal.LexicalUUIDType"),
                ByteBuffer.wrap(b)))));
  }

  /** Native values that may be elements of sets and keys of maps (no floats: NaN != NaN). */
  private static Arbitrary<Typed> hashable() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(i -> new Typed(DataType.INT, i)),
        Arbitraries.strings().ofMaxLength(8).map(s -> new Typed(DataType.TEXT, s)),
        Arbitraries.longs().map(l -> new Typed(DataType.BIGINT, l)),
        Arbitraries.create(UUID::randomUUID).map(u -> new Typed(DataType.UUID, u)));
  }

  private static Arbitrary<Typed> natives() {
    return Arbitraries.oneOf(List.of(
        hashable(),
        Arbitraries.strings().ascii().ofMaxLength(8).map(s -> new Typed(DataType.ASCII, s)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(6)
            .map(b -> new Typed(DataType.BLOB, ByteBuffer.wrap(b))),
        Arbitraries.of(true, false).map(b -> new Typed(DataType.BOOLEAN, b)),
        Arbitraries.longs().map(l -> new Typed(DataType.COUNTER, l)),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
            .map(i -> new Typed(DataType.VARINT, i)),
        Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000),
                BigInteger.valueOf(1_000_000)), Arbitraries.integers().between(-20, 20))
            .as((u, s) -> new Typed(DataType.DECIMAL, new BigDecimal(u, s))),
        Arbitraries.doubles().map(d -> new Typed(DataType.DOUBLE, d)),
        Arbitraries.floats().map(f -> new Typed(DataType.FLOAT, f)),
        Arbitraries.longs().between(-8_000_000_000_000L, 8_000_000_000_000L)
            .map(ms -> new Typed(DataType.TIMESTAMP, Instant.ofEpochMilli(ms))),
        Arbitraries.longs().between(-1_000_000, 1_000_000)
            .map(d -> new Typed(DataType.DATE, LocalDate.ofEpochDay(d))),
        Arbitraries.longs().between(0, 86_399_999_999_999L)
            .map(n -> new Typed(DataType.TIME, LocalTime.ofNanoOfDay(n))),
        Arbitraries.shorts().map(s -> new Typed(DataType.SMALLINT, s)),
        Arbitraries.bytes().map(b -> new Typed(DataType.TINYINT, b)),
        Arbitraries.create(() -> new Typed(DataType.TIMEUUID, timeUuid())),
        Arbitraries.bytes().array(byte[].class).ofSize(4).injectDuplicates(0)
            .map(b -> new Typed(DataType.INET, inet(b))),
        Arbitraries.bytes().array(byte[].class).ofSize(16)
            .map(b -> new Typed(DataType.INET, inet(b))),
        Combinators.combine(Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000), Arbitraries.longs().between(0, 1L << 50),
                Arbitraries.of(1, -1))
            .as((m, d, n, sign) -> new Typed(DataType.DURATION,
                new CqlDuration(sign * m, sign * d, sign * n)))));
  }

  private static UUID timeUuid() {
    UUID r = UUID.randomUUID();
    return new UUID((r.getMostSignificantBits() & ~0xF000L) | 0x1000L, r.getLeastSignificantBits());
  }

  private static InetAddress inet(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DataType first(List<Typed> elements, DataType fallback) {
    return elements.isEmpty() ? fallback : elements.get(0).type();
  }

  /** Elements of one collection must share a type: keep those of the first one's. */
  private static List<Typed> sameType(List<Typed> elements) {
    if (elements.isEmpty()) {
      return elements;
    }
    DataType t = elements.get(0).type();
    return elements.stream().filter(e -> e.type().equals(t)).toList();
  }

  private static Typed asList(List<Typed> elements) {
    List<Typed> same = sameType(elements);
    List<Object> values = new ArrayList<>();
    same.forEach(e -> values.add(e.value()));
    return new Typed(new ListType(first(same, DataType.INT)), values);
  }

  private static Typed asSet(List<Typed> elements) {
    List<Typed> same = sameType(elements);
    Set<Object> values = new LinkedHashSet<>();
    same.forEach(e -> values.add(e.value()));
    return new Typed(new SetType(first(same, DataType.TEXT)), values);
  }

  private static Typed asMap(List<Typed> keys, Typed value) {
    List<Typed> same = sameType(keys);
    Map<Object, Object> values = new LinkedHashMap<>();
    same.forEach(k -> values.put(k.value(), value.value()));
    return new Typed(new MapType(first(same, DataType.BIGINT), value.type()), values);
  }

  private static Typed asTuple(List<Typed> components) {
    TupleType type = new TupleType(components.stream().map(Typed::type).toList());
    TupleValue value = type.newValue();
    for (int i = 0; i < components.size(); i++) {
      if (i != 1) { // leave one component null now and then
        value.set(i, components.get(i).value());
      }
    }
    return new Typed(type, value);
  }

  private static Typed asUdt(List<Typed> fields) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      names.add("f" + i);
    }
    UserType type = new UserType("ks", "u" + fields.size(), names,
        fields.stream().map(Typed::type).toList());
    UdtValue value = type.newValue();
    for (int i = 0; i < fields.size(); i++) {
      value.set("f" + i, fields.get(i).value());
    }
    return new Typed(type, value);
  }

  private static Typed asVector(List<Typed> elements) {
    List<Typed> same = sameType(elements);
    DataType element = same.get(0).type();
    if (DataType.FLOAT.equals(element)) {
      float[] f = new float[same.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = (Float) same.get(i).value();
      }
      return new Typed(new VectorType(element, f.length), f);
    }
    return new Typed(new VectorType(element, same.size()),
        same.stream().map(Typed::value).toList());
  }

  private static boolean containsNonFloatVector(DataType type) {
    return switch (type) {
      case VectorType v -> !DataType.FLOAT.equals(v.element());
      case ListType l -> containsNonFloatVector(l.element());
      case SetType s -> containsNonFloatVector(s.element());
      case MapType m -> containsNonFloatVector(m.key()) || containsNonFloatVector(m.value());
      default -> false;
    };
  }

  /** Natives that share a Java class with another (ascii/text, counter/bigint, timeuuid/uuid). */
  private static boolean containsAmbiguousNative(DataType type) {
    return switch (type) {
      case ListType l -> containsAmbiguousNative(l.element());
      case SetType s -> containsAmbiguousNative(s.element());
      case MapType m -> containsAmbiguousNative(m.key()) || containsAmbiguousNative(m.value());
      default -> type.equals(DataType.ASCII) || type.equals(DataType.COUNTER)
          || type.equals(DataType.TIMEUUID);
    };
  }

  private static int depth(DataType type) {
    return switch (type) {
      case ListType l -> 1 + depth(l.element());
      case SetType s -> 1 + depth(s.element());
      case MapType m -> 1 + Math.max(depth(m.key()), depth(m.value()));
      case VectorType v -> 1 + depth(v.element());
      case TupleType t -> 1 + t.components().stream().mapToInt(c -> depth(c)).max().orElse(0);
      case UserType u -> 1 + u.fieldTypes().stream().mapToInt(c -> depth(c)).max().orElse(0);
      default -> 0;
    };
  }

  /** Values compared by content: float arrays and tuples/UDTs become lists. */
  static Object normalize(Object v) {
    return switch (v) {
      case null -> null;
      case float[] f -> {
        List<Float> out = new ArrayList<>();
        for (float x : f) {
          out.add(x);
        }
        yield out;
      }
      case List<?> l -> l.stream().map(AllTypesPropertiesTest::normalize).toList();
      case Set<?> s -> {
        Set<Object> out = new LinkedHashSet<>();
        s.forEach(e -> out.add(normalize(e)));
        yield out;
      }
      case Map<?, ?> m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(normalize(k), normalize(x)));
        yield out;
      }
      case TupleValue t -> {
        List<Object> out = new ArrayList<>();
        out.add(t.type());
        for (int i = 0; i < t.size(); i++) {
          out.add(normalize(t.getObject(i)));
        }
        yield out;
      }
      case UdtValue u -> {
        List<Object> out = new ArrayList<>();
        out.add(u.type());
        for (int i = 0; i < u.size(); i++) {
          out.add(normalize(u.getObject(i)));
        }
        yield out;
      }
      default -> v;
    };
  }
}
