package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteOrderedPartitionerTest {

  private static final ByteOrderedPartitioner PARTITIONER = ByteOrderedPartitioner.INSTANCE;

  @Test
  void should_use_the_remaining_bytes_as_the_token() {
    ByteBuffer key = ByteBuffer.wrap(new byte[] {9, 0, (byte) 0xff, 0x10, 9}, 1, 3);

    assertThat(PARTITIONER.tokenOf(key).value()).containsExactly(0, 0xff, 0x10);
    assertThat(key.position()).isEqualTo(1);
    assertThat(key.limit()).isEqualTo(4);
  }

  @Test
  void should_parse_the_hex_the_server_prints() {
    // Python: BytesToken.from_string('00ff10').value == b'\x00\xff\x10'
    assertThat(PARTITIONER.parse("00ff10")).isEqualTo(new BytesToken(new byte[] {0, -1, 0x10}));
    assertThat(PARTITIONER.parse("00FF10")).isEqualTo(new BytesToken(new byte[] {0, -1, 0x10}));
    assertThatThrownBy(() -> PARTITIONER.parse("abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_name_the_server_class() {
    assertThat(PARTITIONER.name()).isEqualTo("org.apache.cassandra.dht.ByteOrderedPartitioner");
  }
}
