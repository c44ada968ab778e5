package io.loomcql.metadata;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Murmur3PartitionerTest {

  private static final Murmur3Partitioner PARTITIONER = Murmur3Partitioner.INSTANCE;

  @Test
  void should_match_the_python_driver_test_vectors() {
    // Murmur3Token.from_key(bytes).value of the Python driver 3.25.
    assertThat(tokenOf(new byte[0])).isEqualTo(0L);
    assertThat(tokenOf("key".getBytes(UTF_8))).isEqualTo(-6847573755651342660L);
    assertThat(tokenOf("123".getBytes(UTF_8))).isEqualTo(-7468325962851647638L);
    assertThat(tokenOf(ByteBuffer.allocate(4).putInt(0, 1).array()))
        .isEqualTo(-4069959284402364209L);
    assertThat(tokenOf(ByteBuffer.allocate(8).putLong(0, 12390890177098123L).array()))
        .isEqualTo(-6306119999299730859L);
    assertThat(tokenOf("some text value".getBytes(UTF_8))).isEqualTo(-9204148053010887490L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // Produced with the 3.25 driver's C murmur3; tails of bytes >= 0x80 exercise Cassandra's
    // signed mixing, lengths 9, 15, 16, 17 and 40 every branch of the tail.
    "ffffffffffffffffffffffffffffff, -2195530867418009455",
    "808080808080808080, -8549929301482172571",
    "30313233343536373839616263646566, 5467490433528156583",
    "fefefefefefefefefefefefefefefefefe, -1672437813826982685",
    "c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef,"
        + " -1860465978298901019",
  })
  void should_match_the_python_driver_on_signed_tail_bytes(String hex, long token) {
    assertThat(tokenOf(HexFormat.of().parseHex(hex))).isEqualTo(token);
  }

  @Test
  void should_map_a_hash_of_long_min_value_to_long_max_value() {
    // Found with Cassandra's MurmurHash.inv_hash3_x64_128: its first half is Long.MIN_VALUE,
    // which the server reserves for the ring minimum (Python: 9223372036854775807 too).
    byte[] key = HexFormat.of().parseHex("653cbefb85ec3111b4e38fa9bc7cbcae");

    assertThat(Murmur3Hash.firstHalf(ByteBuffer.wrap(key))).isEqualTo(Long.MIN_VALUE);
    assertThat(tokenOf(key)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void should_leave_the_buffer_position_limit_and_order_unchanged() {
    ByteBuffer key = ByteBuffer.wrap("xxsome text valueyy".getBytes(UTF_8), 2, 15)
        .order(ByteOrder.LITTLE_ENDIAN);

    Murmur3Token token = PARTITIONER.tokenOf(key);

    assertThat(token.value()).isEqualTo(-9204148053010887490L);
    assertThat(key.position()).isEqualTo(2);
    assertThat(key.limit()).isEqualTo(17);
    assertThat(key.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void should_hash_direct_and_read_only_buffers_alike() {
    byte[] bytes = "some text value".getBytes(UTF_8);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertThat(PARTITIONER.tokenOf(direct).value()).isEqualTo(-9204148053010887490L);
    assertThat(PARTITIONER.tokenOf(ByteBuffer.wrap(bytes).asReadOnlyBuffer()).value())
        .isEqualTo(-9204148053010887490L);
  }

  @Test
  void should_parse_tokens_as_the_server_prints_them() {
    assertThat(PARTITIONER.parse("-9223372036854775807"))
        .isEqualTo(new Murmur3Token(-9223372036854775807L));
    assertThat(PARTITIONER.parse("42")).isEqualTo(new Murmur3Token(42));
    assertThatThrownBy(() -> PARTITIONER.parse("0x2a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_name_the_server_class() {
    assertThat(PARTITIONER.name()).isEqualTo("org.apache.cassandra.dht.Murmur3Partitioner");
  }

  private static long tokenOf(byte[] key) {
    return PARTITIONER.tokenOf(ByteBuffer.wrap(key)).value();
  }
}
