package io.loomcql.protocol.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hook through which the codecs read and write user types as classes they do not know. */
class MappedClassCodecsTest {

  private static final ProtocolVersion V = ProtocolVersion.V5;
  private static final UserType NAME = new UserType("ks", "name",
      List.of("first", "last"), List.of(DataType.TEXT, DataType.TEXT));
  private static final UserType OTHER = new UserType("ks", "other",
      List.of("v"), List.of(DataType.INT));

  /** A class the codecs do not know. */
  record Name(String first, String last) {}

  /** What core supplies for a mapped class, reduced to one hand-written codec. */
  private static final class NameCodec implements TypeCodec<Name> {
    private static final List<TypeCodec<?>> FIELDS = List.of(TextCodec.TEXT, TextCodec.TEXT);

    @Override
    public DataType cqlType() {
      return NAME;
    }

    @Override
    public Class<Name> javaType() {
      return Name.class;
    }

    @Override
    public ByteBuffer encode(Name value, ProtocolVersion version) {
      return StructCodecs.encodeComponents(FIELDS, new Object[] {value.first(), value.last()},
          version);
    }

    @Override
    public Name decode(ByteBuffer bytes, ProtocolVersion version) {
      Object[] fields = StructCodecs.decodeComponents(bytes, FIELDS, NAME, version);
      return new Name((String) fields[0], (String) fields[1]);
    }
  }

  private static final MappedClassCodecs NAMES =
      type -> type.name().equals("name") ? new NameCodec() : null;

  @Test
  void a_mapped_user_type_is_read_and_written_as_its_class_at_any_depth() {
    MapType byId = new MapType(DataType.INT, new ListType(NAME));
    Map<Integer, List<Name>> value = Map.of(1, List.of(new Name("Ada", "Lovelace")));
    ByteBuffer bytes = Codecs.encode(value, byId, V, NAMES);

    assertThat(Codecs.codecFor(byId, NAMES).decode(bytes, V)).isEqualTo(value);
    // the bytes are those of the equivalent UdtValue: the hook changes the Java form only
    UdtValue same = NAME.newValue().set("first", "Ada").set("last", "Lovelace");
    assertThat(bytes).isEqualTo(Codecs.encode(Map.of(1, List.of(same)), byId, V));
  }

  @Test
  void a_user_type_the_hook_has_no_codec_for_reads_as_a_udt_value() {
    TupleType pair = new TupleType(List.of(OTHER, NAME));
    Object decoded = Codecs.codecFor(pair, NAMES).decode(
        Codecs.encode(pair.newValue(OTHER.newValue().set("v", 7)), pair, V), V);

    assertThat(decoded).isInstanceOfSatisfying(TupleValue.class,
        tuple -> assertThat(tuple.getObject(0)).isInstanceOf(UdtValue.class));
    assertThat(Codecs.codecFor(NAME).javaType()).isEqualTo(UdtValue.class);
  }
}
