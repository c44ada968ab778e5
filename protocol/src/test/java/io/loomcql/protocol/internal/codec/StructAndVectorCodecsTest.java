package io.loomcql.protocol.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.Primitive;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import io.loomcql.protocol.internal.MarshalTypes;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Byte layouts of tuples, user types, vectors and custom types, and their Java mapping. */
class StructAndVectorCodecsTest {

  private static final ProtocolVersion V = ProtocolVersion.V5;
  private static final TupleType INT_TEXT = new TupleType(List.of(DataType.INT, DataType.TEXT));
  private static final UserType ADDRESS = new UserType("ks", "address",
      List.of("street", "zip_code", "phones"),
      List.of(DataType.TEXT, DataType.INT, new ListType(DataType.TEXT)));

  private static String hex(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return HexFormat.of().formatHex(a);
  }

  private static ByteBuffer bytes(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  private static <T> T decode(DataType type, String hex) {
    TypeCodec<T> codec = Codecs.codecFor(type);
    return codec.decode(bytes(hex), V);
  }

  @Test
  void should_write_each_tuple_component_with_an_int_length_and_null_as_minus_one() {
    assertThat(hex(Codecs.encode(INT_TEXT.newValue(1, "a"), INT_TEXT, V)))
        .isEqualTo("00000004" + "00000001" + "00000001" + "61");
    assertThat(hex(Codecs.encode(INT_TEXT.newValue(null, "a"), INT_TEXT, V)))
        .isEqualTo("ffffffff" + "00000001" + "61");
  }

  @Test
  void should_read_missing_trailing_components_and_fields_as_null() {
    TupleValue t = decode(INT_TEXT, "00000004 00000007");
    assertThat(t.getInt(0)).isEqualTo(7);
    assertThat(t.isNull(1)).isTrue();

    // a value written before zip_code and phones were added to the type
    UdtValue a = decode(ADDRESS, "00000004 6d61696e");
    assertThat(a.getString("street")).isEqualTo("main");
    assertThat(a.isNull("zip_code")).isTrue();
    assertThat(a.getList("phones", String.class)).isNull();
    assertThat(a.toString()).isEqualTo("{street: 'main', zip_code: null, phones: null}");
  }

  @Test
  void should_refuse_malformed_components() {
    assertThatThrownBy(() -> decode(INT_TEXT, "00000004 00000001 00000001 61 00"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("left over");
    assertThatThrownBy(() -> decode(INT_TEXT, "00000009 00000001"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("Component 0 of a tuple<int, text>");
    assertThatThrownBy(() -> decode(INT_TEXT, "000000"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("4-byte length");
  }

  @Test
  void should_name_the_component_and_type_when_a_java_value_does_not_fit() {
    assertThatThrownBy(() -> INT_TEXT.newValue("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Component 0 of tuple<int, text> is of CQL type int and takes a "
            + "java.lang.Integer, got java.lang.String");
    assertThatThrownBy(() -> ADDRESS.newValue().set("zip_code", 12L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Field 'zip_code' of ks.address is of CQL type int");
    assertThatThrownBy(() -> ADDRESS.newValue().set("country", "NZ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no field 'country'").hasMessageContaining("[street, zip_code, phones]");
    assertThatThrownBy(() -> INT_TEXT.newValue(1, "a", 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 components");
    assertThatThrownBy(() -> INT_TEXT.newValue(1).getString(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is of CQL type int (read as java.lang.Integer), not java.lang.String");
    TupleType other = new TupleType(List.of(DataType.INT, DataType.INT));
    assertThatThrownBy(() -> Codecs.encode(other.newValue(1, 2), INT_TEXT, V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot bind a tuple<int, int> value to a tuple<int, text>");
    assertThatThrownBy(() -> Codecs.encode(List.of(1), INT_TEXT, V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.loomcql.cqltypes.TupleValue for a tuple<int, text>");
  }

  @Test
  void should_offer_typed_getters_by_position_and_name() {
    UdtValue a = ADDRESS.newValue().set("street", "Main").set("ZIP_CODE", 6011)
        .set(2, List.of("+64 4"));
    assertThat(a.getInt("zip_code")).isEqualTo(6011);
    assertThat(a.getInt(1)).isEqualTo(6011);
    assertThat(a.getList(2, String.class)).containsExactly("+64 4");
    assertThat(a.get("street", CharSequence.class)).isEqualTo("Main");
    UdtValue back = Codecs.<UdtValue>codecFor(ADDRESS).decode(Codecs.encode(a, ADDRESS, V), V);
    assertThat(back).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(INT_TEXT.newValue().getInt(0)).isZero();
    assertThat(INT_TEXT.newValue(1, "it's").toString()).isEqualTo("(1, 'it''s')");
    TupleType blobs = new TupleType(List.of(DataType.BLOB, new VectorType(DataType.FLOAT, 2)));
    assertThat(blobs.newValue(new byte[] {(byte) 0xca, (byte) 0xfe}, new float[] {1f, 2f}).toString())
        .isEqualTo("(0xcafe, [1.0, 2.0])");
  }

  @Test
  void should_pack_fixed_size_vector_elements_and_prefix_the_others_with_a_vint() {
    // fixed in Cassandra 5.0: boolean, int, float, bigint, double, timestamp, uuid, timeuuid
    assertThat(hex(Codecs.encode(List.of(1, 2), new VectorType(DataType.INT, 2), V)))
        .isEqualTo("00000001" + "00000002");
    assertThat(hex(Codecs.encode(List.of(true, false), new VectorType(DataType.BOOLEAN, 2), V)))
        .isEqualTo("0100");
    // variable there: smallint, tinyint, date, time, text, ...
    assertThat(hex(Codecs.encode(List.of((short) 1, (short) 2),
        new VectorType(DataType.SMALLINT, 2), V))).isEqualTo("02" + "0001" + "02" + "0002");
    assertThat(hex(Codecs.encode(List.of((byte) 5), new VectorType(DataType.TINYINT, 1), V)))
        .isEqualTo("01" + "05");
    assertThat(hex(Codecs.encode(List.of(LocalDate.ofEpochDay(0)),
        new VectorType(DataType.DATE, 1), V))).isEqualTo("04" + "80000000");
    assertThat(hex(Codecs.encode(List.of("a", "bc"), new VectorType(DataType.TEXT, 2), V)))
        .isEqualTo("01" + "61" + "02" + "6263");
    // a vector of fixed-size vectors is itself fixed-size
    VectorType nested = new VectorType(new VectorType(DataType.FLOAT, 2), 2);
    assertThat(hex(Codecs.encode(List.of(new float[] {1f, 2f}, new float[] {3f, 4f}), nested, V)))
        .isEqualTo("3f800000" + "40000000" + "40400000" + "40800000");
    List<?> back = decode(nested, "3f800000 40000000 40400000 40800000");
    assertThat((float[]) back.get(1)).containsExactly(3f, 4f);
  }

  @Test
  void should_refuse_vectors_of_the_wrong_size_or_with_nulls() {
    VectorType text2 = new VectorType(DataType.TEXT, 2);
    assertThatThrownBy(() -> Codecs.encode(List.of("a"), text2, V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 elements");
    assertThatThrownBy(() -> decode(text2, "01 61"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("Element 1");
    assertThatThrownBy(() -> decode(new VectorType(DataType.INT, 2), "00000001"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("needs 8 bytes");
    assertThatThrownBy(() -> Codecs.encode(java.util.Arrays.asList("a", null), text2, V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot contain null");
    assertThatThrownBy(() -> new TupleType(List.of(new VectorType(DataType.FLOAT, 3))).newValue(
        (Object) new float[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 3 floats, got 2");
  }

  @Test
  void should_carry_custom_types_as_raw_bytes() {
    CustomType custom = new CustomType("org.apache.cassandra.db.marshal.LexicalUUIDType");
    TypeCodec<ByteBuffer> codec = Codecs.codecFor(custom);
    assertThat(codec.cqlType()).isEqualTo(custom);
    assertThat(hex(codec.decode(bytes("cafe"), V))).isEqualTo("cafe");
    assertThat(hex(Codecs.encode(new byte[] {1, 2}, DataType.BLOB, V))).isEqualTo("0102");
    assertThat(hex(Codecs.encode(bytes("0102"), custom, V))).isEqualTo("0102");
  }

  @Test
  void should_infer_codecs_for_tuples_udts_float_arrays_and_collections() {
    TupleValue t = INT_TEXT.newValue(1, "a");
    assertThat(Codecs.codecForValue(t).cqlType()).isEqualTo(INT_TEXT);
    assertThat(Codecs.codecForValue(ADDRESS.newValue()).cqlType()).isEqualTo(ADDRESS);
    assertThat(Codecs.codecForValue(new float[] {1f, 2f, 3f}).cqlType())
        .isEqualTo(new VectorType(DataType.FLOAT, 3));
    assertThat(Codecs.codecForValue(List.of(1, 2)).cqlType()).isEqualTo(new ListType(DataType.INT));
    assertThat(Codecs.codecForValue(Set.of("a")).cqlType()).isEqualTo(new SetType(DataType.TEXT));
    assertThat(Codecs.codecForValue(Map.of("k", List.of(List.of(), List.of(2L)))).cqlType())
        .isEqualTo(new MapType(DataType.TEXT, new ListType(new ListType(DataType.BIGINT))));
    @SuppressWarnings("unchecked")
    TypeCodec<Object> empty = (TypeCodec<Object>) Codecs.codecForValue(List.of());
    assertThat(hex(empty.encode(List.of(), V))).isEqualTo("00000000");
    assertThatThrownBy(() -> Codecs.codecForValue(new float[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    @SuppressWarnings("unchecked")
    TypeCodec<Object> mixed = (TypeCodec<Object>) Codecs.codecForValue(List.of(1, "two"));
    assertThatThrownBy(() -> mixed.encode(List.of(1, "two"), V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expected java.lang.Integer elements in a list<int>, got java.lang.String");
  }

  @Test
  void should_give_every_type_a_codec_agreeing_with_its_java_class() {
    for (int code = 0x0001; code <= 0x0015; code++) {
      Primitive p = Primitive.fromCode(code);
      assertThat(Codecs.codecFor(p).javaType()).as(p.cqlName()).isEqualTo(p.javaClass());
    }
    for (DataType t : List.of(new ListType(DataType.INT), new SetType(DataType.INT),
        new MapType(DataType.INT, DataType.INT), INT_TEXT, ADDRESS,
        new VectorType(DataType.FLOAT, 2), new VectorType(DataType.INT, 2),
        new CustomType("x.Y"))) {
      assertThat(Codecs.codecFor(t).javaType()).as(t.cqlName()).isEqualTo(t.javaClass());
    }
  }

  @Test
  void should_parse_vectors_of_user_types_and_tuples_from_marshal_names() {
    String name = "org.apache.cassandra.db.marshal.VectorType("
        + "org.apache.cassandra.db.marshal.UserType(ks,61646472,"
        + "737472656574:org.apache.cassandra.db.marshal.UTF8Type,"
        + "7a6970:org.apache.cassandra.db.marshal.Int32Type),2)";
    DataType parsed = MarshalTypes.parse(name);
    assertThat(parsed).isEqualTo(new VectorType(new UserType("ks", "addr",
        List.of("street", "zip"), List.of(DataType.TEXT, DataType.INT)), 2));
    assertThat(MarshalTypes.className(parsed)).isEqualTo(name);
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.VectorType("
        + "org.apache.cassandra.db.marshal.UserType(ks,zz,00:x),2)"))
        .isInstanceOf(CustomType.class);
  }
}
