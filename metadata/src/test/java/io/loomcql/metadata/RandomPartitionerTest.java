package io.loomcql.metadata;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RandomPartitionerTest {

  private static final RandomPartitioner PARTITIONER = RandomPartitioner.INSTANCE;

  @Test
  void should_match_the_python_driver_md5_tokens() {
    // MD5Token.from_key(bytes).value with the 3.25 driver.
    assertThat(tokenOf(new byte[0]))
        .isEqualTo(new BigInteger("58332598431525814501020785164969033090"));
    assertThat(tokenOf("key".getBytes(UTF_8)))
        .isEqualTo(new BigInteger("80325066489831061459460196859901989661"));
    assertThat(tokenOf("123".getBytes(UTF_8)))
        .isEqualTo(new BigInteger("42767516990368493138776584305024125808"));
    assertThat(tokenOf(new byte[] {0, 0, 0, 1}))
        .isEqualTo(new BigInteger("19580090105725936846312850328329299579"));
  }

  @Test
  void should_leave_the_buffer_position_and_limit_unchanged() {
    ByteBuffer key = ByteBuffer.wrap("xkeyx".getBytes(UTF_8), 1, 3);

    assertThat(PARTITIONER.tokenOf(key).value())
        .isEqualTo(new BigInteger("80325066489831061459460196859901989661"));
    assertThat(key.position()).isEqualTo(1);
    assertThat(key.limit()).isEqualTo(4);
  }

  @Test
  void should_parse_decimal_tokens() {
    assertThat(PARTITIONER.parse("85070591730234615865843651857942052864"))
        .isEqualTo(new RandomToken(BigInteger.TWO.pow(126)));
    assertThatThrownBy(() -> PARTITIONER.parse("abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_name_the_server_class() {
    assertThat(PARTITIONER.name()).isEqualTo("org.apache.cassandra.dht.RandomPartitioner");
  }

  private static BigInteger tokenOf(byte[] key) {
    return PARTITIONER.tokenOf(ByteBuffer.wrap(key)).value();
  }
}
