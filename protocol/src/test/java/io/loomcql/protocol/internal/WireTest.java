package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireTest {

  @Property
  void unsigned_vints_round_trip_with_the_announced_size(@ForAll long value) {
    ByteBuffer buf = ByteBuffer.allocate(Wire.sizeOfUnsignedVint(value));
    Wire.writeUnsignedVint(buf, value);
    assertThat(buf.hasRemaining()).isFalse();
    assertThat(Wire.readUnsignedVint(buf.flip())).isEqualTo(value);
  }

  @Property
  void signed_vints_round_trip(@ForAll long value) {
    ByteBuffer buf = ByteBuffer.allocate(Wire.sizeOfVint(value));
    Wire.writeVint(buf, value);
    assertThat(Wire.readVint(buf.flip())).isEqualTo(value);
  }

  @Test
  void the_spec_example_of_an_unsigned_vint() {
    ByteBuffer buf = ByteBuffer.allocate(3);
    Wire.writeUnsignedVint(buf, 256_000);
    assertThat(Bin.toHex(buf.flip())).isEqualTo("c3 e8 00");
  }

  /**
   * The specification's [vint]: zig-zag (0, -1, 1, -2, 2 ... become 0, 1, 2, 3, 4 ...), then sent
   * as an [unsigned vint] whose first byte's leading 1 bits count the bytes that follow.
   */
  @ParameterizedTest
  @CsvSource({
      "0, 00", "-1, 01", "1, 02", "-2, 03", "2, 04", "-64, 7f", "64, 80 80", "-65, 80 81",
      "2147483647, f0 ff ff ff fe", "-9223372036854775808, ff ff ff ff ff ff ff ff ff",
      "9223372036854775807, ff ff ff ff ff ff ff ff fe"})
  void signed_vints_are_the_zig_zag_of_the_specification(long value, String hex) {
    ByteBuffer buf = ByteBuffer.allocate(Wire.sizeOfVint(value));
    Wire.writeVint(buf, value);
    assertThat(Bin.toHex(buf.flip())).isEqualTo(hex);
    assertThat(Wire.readVint(Bin.of().raw(hex).buffer())).isEqualTo(value);
  }

  @Property
  void the_utf8_length_matches_the_encoded_length(@ForAll String s) {
    assertThat(Wire.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void reads_past_the_end_name_what_they_were_reading() {
    assertThatThrownBy(() -> Wire.readLongString(Bin.of().int_(10).raw("41").buffer()))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Not enough bytes to read a [long string]: need 10, 1 left");
    assertThatThrownBy(() -> Wire.readLongString(Bin.of().int_(-5).buffer()))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> Wire.readStringList(Bin.of().short_(0xFFFF).buffer()))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("65535");
    assertThatThrownBy(() -> Wire.readInetAddr(Bin.of().byte_(5).raw("0102030405").buffer()))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("size 5");
  }

  @Test
  void malformed_utf8_is_refused_rather_than_replaced() {
    assertThatThrownBy(() -> Wire.readString(Bin.of().short_(2).raw("c0 80").buffer()))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("UTF-8");
    assertThat(Wire.readString(Bin.of().string("héllo ✓ 😀").buffer())).isEqualTo("héllo ✓ 😀");
  }
}
