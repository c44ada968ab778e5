package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RoutingKeyTest {

  @Test
  void should_pack_two_ints_as_the_python_driver_does() {
    ByteBuffer key = RoutingKey.compose(intValue(1), intValue(2));

    assertThat(hex(key)).isEqualTo("0004000000010000040000000200");
    assertThat(key.position()).isZero();
    assertThat(key.remaining()).isEqualTo(14);
  }

  @Test
  void should_return_a_single_component_unchanged() {
    ByteBuffer only = intValue(7);

    assertThat(RoutingKey.compose(only)).isSameAs(only);
  }

  @Test
  void should_pack_only_the_remaining_bytes_and_leave_components_untouched() {
    ByteBuffer first = ByteBuffer.wrap(new byte[] {9, 9, 1, 2, 9}, 2, 2);
    ByteBuffer empty = ByteBuffer.allocate(0);

    ByteBuffer key = RoutingKey.compose(first, empty);

    assertThat(hex(key)).isEqualTo("0002" + "0102" + "00" + "0000" + "00");
    assertThat(first.position()).isEqualTo(2);
    assertThat(first.limit()).isEqualTo(4);
  }

  @Test
  void should_feed_the_partitioner_like_any_key() {
    ByteBuffer key = RoutingKey.compose(intValue(1), intValue(2));
    int position = key.position();

    Murmur3Partitioner.INSTANCE.tokenOf(key);

    assertThat(key.position()).isEqualTo(position);
  }

  @Test
  void should_reject_no_component_a_null_one_and_one_too_long_to_pack() {
    assertThatThrownBy(RoutingKey::compose)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one component");
    assertThatThrownBy(() -> RoutingKey.compose(intValue(1), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("component 1");
    assertThatThrownBy(() -> RoutingKey.compose(intValue(1), ByteBuffer.allocate(65_536)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536 bytes");
    assertThat(RoutingKey.compose(intValue(1), ByteBuffer.allocate(65_535)).remaining())
        .isEqualTo(7 + 65_538);
  }

  @Property
  void a_composite_key_unpacks_to_its_components(
      @ForAll @Size(min = 2, max = 5) List<@Size(max = 40) byte[]> components) {
    ByteBuffer key = RoutingKey.compose(
        components.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new));

    List<byte[]> unpacked = new ArrayList<>();
    while (key.hasRemaining()) {
      byte[] component = new byte[Short.toUnsignedInt(key.getShort())];
      key.get(component);
      assertThat(key.get()).isZero();
      unpacked.add(component);
    }
    assertThat(unpacked).containsExactlyElementsOf(components);
  }

  private static ByteBuffer intValue(int value) {
    return ByteBuffer.allocate(4).putInt(0, value);
  }

  private static String hex(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(buffer.position(), bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
