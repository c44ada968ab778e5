package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.Primitive;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTypeCodecTest {

  private static DataType read(Bin bin) {
    ByteBuffer buf = bin.buffer();
    DataType t = DataTypeCodec.read(buf);
    assertThat(buf.hasRemaining()).isFalse();
    return t;
  }

  private static DataType roundTrip(DataType type) {
    ByteBuffer buf = ByteBuffer.allocate(DataTypeCodec.sizeOf(type));
    DataTypeCodec.write(buf, type);
    assertThat(buf.hasRemaining()).isFalse();
    return DataTypeCodec.read(buf.flip());
  }

  @Test
  void every_native_type_code_decodes() {
    for (int code = 0x0001; code <= 0x0015; code++) {
      DataType t = read(Bin.of().short_(code));
      assertThat(t).isInstanceOf(Primitive.class);
    }
    assertThat(read(Bin.of().short_(0x000A))).isEqualTo(DataType.TEXT);
    assertThat(read(Bin.of().short_(0x000D)).cqlName()).isEqualTo("text");
    assertThat(read(Bin.of().short_(0x0015))).isEqualTo(DataType.DURATION);
  }

  @Test
  void collections_tuples_and_user_types_decode_with_their_options() {
    assertThat(read(Bin.of().short_(0x0021).short_(0x0009).short_(0x000D)).cqlName())
        .isEqualTo("map<int, text>");
    assertThat(read(Bin.of().short_(0x0022).short_(0x0020).short_(0x0002)))
        .isEqualTo(new SetType(new ListType(DataType.BIGINT)));
    assertThat(read(Bin.of().short_(0x0031).short_(2).short_(0x0009).short_(0x0003)))
        .isEqualTo(new TupleType(List.of(DataType.INT, DataType.BLOB)));
    UserType u = (UserType) read(Bin.of().short_(0x0030).string("ks").string("address")
        .short_(2).string("street").short_(0x000D).string("zip").short_(0x0009));
    assertThat(u.fieldNames()).containsExactly("street", "zip");
    assertThat(u.fieldTypes()).containsExactly(DataType.TEXT, DataType.INT);
  }

  @Test
  void a_vector_custom_type_becomes_a_vector_type() {
    DataType t = read(Bin.of().short_(0).string(
        "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)"));
    assertThat(t).isEqualTo(new VectorType(DataType.FLOAT, 3));
    assertThat(t.cqlName()).isEqualTo("vector<float, 3>");
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.VectorType("
        + "org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type),2)"))
        .isEqualTo(new VectorType(new ListType(DataType.INT), 2));
  }

  @Test
  void a_vector_as_cassandra_5_0_6_names_it_with_a_space_before_the_dimension() {
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.VectorType("
        + "org.apache.cassandra.db.marshal.FloatType , 3)"))
        .isEqualTo(new VectorType(DataType.FLOAT, 3));
  }

  @Test
  void native_types_sent_as_custom_types_on_older_versions_become_native() {
    assertThat(read(Bin.of().short_(0).string("org.apache.cassandra.db.marshal.DurationType")))
        .isEqualTo(DataType.DURATION);
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.SimpleDateType"))
        .isEqualTo(DataType.DATE);
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.ShortType"))
        .isEqualTo(DataType.SMALLINT);
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.LexicalUUIDType"))
        .isEqualTo(new CustomType("org.apache.cassandra.db.marshal.LexicalUUIDType"));
  }

  @Test
  void other_custom_types_stay_custom() {
    String name = "org.apache.cassandra.db.marshal.DynamicCompositeType(s=>UTF8Type)";
    assertThat(read(Bin.of().short_(0).string(name))).isEqualTo(new CustomType(name));
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.VectorType(Unknown,3)"))
        .isInstanceOf(CustomType.class);
    assertThat(MarshalTypes.parse("org.apache.cassandra.db.marshal.VectorType(")).isInstanceOf(
        CustomType.class);
  }

  @Test
  void types_round_trip_through_write_and_read() {
    List<DataType> types = List.of(DataType.INT,
        new MapType(DataType.TEXT, new ListType(DataType.UUID)),
        new TupleType(List.of(DataType.INT, new SetType(DataType.DATE))),
        new UserType("ks", "t", List.of("a"), List.of(DataType.DURATION)),
        new VectorType(DataType.FLOAT, 1536),
        new CustomType("com.example.MyType"));
    for (DataType t : types) {
      assertThat(roundTrip(t)).isEqualTo(t);
    }
  }

  @Test
  void unknown_codes_and_absurd_nesting_are_protocol_errors() {
    assertThatThrownBy(() -> read(Bin.of().short_(0x0016)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("0x0016");
    Bin deep = Bin.of();
    for (int i = 0; i < 1000; i++) {
      deep.short_(0x0020);
    }
    deep.short_(0x0009);
    assertThatThrownBy(() -> read(deep))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("nested");
  }
}
