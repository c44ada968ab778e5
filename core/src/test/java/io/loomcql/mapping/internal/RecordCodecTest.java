package io.loomcql.mapping.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User types mapped to records by component name, and to beans by property name. */
class RecordCodecTest {

  private static final ProtocolVersion V = ProtocolVersion.V4;
  private static final MappedClassCodecs NONE = MappedClassCodecs.NONE;
  private static final UserType PHONE = new UserType("ks", "phone",
      List.of("label", "number"), List.of(DataType.TEXT, DataType.TEXT));
  private static final UserType ADDRESS = new UserType("ks", "address",
      List.of("street", "zip_code", "phones", "main_phone", "country"),
      List.of(DataType.TEXT, DataType.INT, new ListType(DataType.TEXT), PHONE, DataType.TEXT));

  public record Phone(String label, String number) {}

  public record Address(String street, int zipCode, List<String> phones, Phone mainPhone) {}

  public record Wrong(String street, String zipCode) {}

  /** A bean: getters/setters, a boolean-less public field, a nested bean. */
  public static final class PhoneBean {
    private String label;
    public String number;

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }
  }

  /** A bean whose nested UDT is a bean too; zip_code maps to zipCode. */
  public static final class AddressBean {
    private String street;
    private int zipCode;
    private PhoneBean mainPhone;

    public String getStreet() {
      return street;
    }

    public void setStreet(String street) {
      this.street = street;
    }

    public int getZipCode() {
      return zipCode;
    }

    public void setZipCode(int zipCode) {
      this.zipCode = zipCode;
    }

    public PhoneBean getMainPhone() {
      return mainPhone;
    }

    public void setMainPhone(PhoneBean mainPhone) {
      this.mainPhone = mainPhone;
    }
  }

  public record WithBean(String street, PhoneBean mainPhone) {}

  public record Unknown(String street, String planet) {}

  @Test
  void should_write_the_same_bytes_as_the_equivalent_udt_value() {
    RecordCodec<Address> codec = RecordCodec.of(ADDRESS, Address.class, NONE);
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
    RecordCodec<Address> codec = RecordCodec.of(ADDRESS, Address.class, NONE);
    ByteBuffer onlyStreet = Codecs.encode(ADDRESS.newValue().set("street", "x"), ADDRESS, V);
    assertThat(codec.decode(onlyStreet, V)).isEqualTo(new Address("x", 0, null, null));
    assertThat(codec.decode(null, V)).isNull();
    assertThat(codec.encode(null, V)).isNull();
  }

  @Test
  void should_map_beans_by_property_name_like_records() {
    TypeCodec<AddressBean> codec = ClassMapping.codecFor(ADDRESS, AddressBean.class, NONE);
    assertThat(codec).isInstanceOf(BeanCodec.class);
    AddressBean bean = new AddressBean();
    bean.setStreet("Main");
    bean.setZipCode(6011);
    PhoneBean phone = new PhoneBean();
    phone.setLabel("home");
    phone.number = "04";
    bean.setMainPhone(phone);
    ByteBuffer bytes = codec.encode(bean, V);
    Address asRecord = RecordCodec.of(ADDRESS, Address.class, NONE).decode(bytes, V);
    assertThat(asRecord).isEqualTo(new Address("Main", 6011, null, new Phone("home", "04")));

    AddressBean back = codec.decode(bytes, V);
    assertThat(back.getStreet()).isEqualTo("Main");
    assertThat(back.getZipCode()).isEqualTo(6011);
    assertThat(back.getMainPhone().getLabel()).isEqualTo("home");
    assertThat(back.getMainPhone().number).isEqualTo("04");

    WithBean mixed = RecordCodec.of(ADDRESS, WithBean.class, NONE).decode(bytes, V);
    assertThat(mixed.mainPhone().number).isEqualTo("04");
    assertThat(ClassMapping.codecFor(ADDRESS, Address.class, NONE)).isInstanceOf(RecordCodec.class);
    assertThatThrownBy(() -> BeanCodec.of(ADDRESS, Object.class, NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no property");
  }

  @Test
  void should_refuse_records_that_do_not_fit_the_type() {
    assertThatThrownBy(() -> RecordCodec.of(ADDRESS, Wrong.class, NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Component 'zipCode'")
        .hasMessageContaining("field 'zip_code' of ks.address is a int");
    assertThatThrownBy(() -> RecordCodec.of(ADDRESS, Unknown.class, NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'planet'")
        .hasMessageContaining("[street, zip_code, phones, main_phone, country]");
  }
}
