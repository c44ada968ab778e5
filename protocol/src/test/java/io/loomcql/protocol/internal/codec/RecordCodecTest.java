package io.loomcql.protocol.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User types mapped to records by component name. */
class RecordCodecTest {

  private static final ProtocolVersion V = ProtocolVersion.V4;
  private static final UserType PHONE = new UserType("ks", "phone",
      List.of("label", "number"), List.of(DataType.TEXT, DataType.TEXT));
  private static final UserType ADDRESS = new UserType("ks", "address",
      List.of("street", "zip_code", "phones", "main_phone", "country"),
      List.of(DataType.TEXT, DataType.INT, new ListType(DataType.TEXT), PHONE, DataType.TEXT));

  public record Phone(String label, String number) {}

  public record Address(String street, int zipCode, List<String> phones, Phone mainPhone) {}

  public record Wrong(String street, String zipCode) {}

  public record Unknown(String street, String planet) {}

  @Test
  void should_write_the_same_bytes_as_the_equivalent_udt_value() {
    RecordCodec<Address> codec = RecordCodec.of(ADDRESS, Address.class);
    Address a = new Address("Main", 6011, List.of("1", "2"), new Phone("home", "04"));
    ByteBuffer bytes = codec.encode(a, V);

    UdtValue same = ADDRESS.newValue().set("street", "Main").set("zip_code", 6011)
        .set("phones", List.of("1", "2"))
        .set("main_phone", PHONE.newValue().set("label", "home").set("number", "04"));
    assertThat(bytes).isEqualTo(Codecs.encode(same, ADDRESS, V));
    assertThat(codec.decode(bytes, V)).isEqualTo(a);
    assertThat(codec.javaType()).isEqualTo(Address.class);
    assertThat(codec.cqlType()).isEqualTo(ADDRESS);
  }

  @Test
  void should_read_null_fields_as_null_or_zero() {
    RecordCodec<Address> codec = RecordCodec.of(ADDRESS, Address.class);
    ByteBuffer onlyStreet = Codecs.encode(ADDRESS.newValue().set("street", "x"), ADDRESS, V);
    assertThat(codec.decode(onlyStreet, V)).isEqualTo(new Address("x", 0, null, null));
    assertThat(codec.decode(null, V)).isNull();
    assertThat(codec.encode(null, V)).isNull();
  }

  @Test
  void should_refuse_records_that_do_not_fit_the_type() {
    assertThatThrownBy(() -> RecordCodec.of(ADDRESS, Wrong.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Component 'zipCode'")
        .hasMessageContaining("field 'zip_code' of ks.address is a int");
    assertThatThrownBy(() -> RecordCodec.of(ADDRESS, Unknown.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'planet'")
        .hasMessageContaining("[street, zip_code, phones, main_phone, country]");
  }
}
