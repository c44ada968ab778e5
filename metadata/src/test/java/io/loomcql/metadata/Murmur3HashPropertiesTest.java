package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.cassandra.utils.MurmurHash;

class Murmur3HashPropertiesTest {

  @Property(tries = 2_000)
  void the_hash_equals_cassandras_own_murmur_hash(@ForAll @Size(max = 100) byte[] bytes) {
    ByteBuffer key = ByteBuffer.wrap(bytes);
    long[] cassandra = new long[2];
    MurmurHash.hash3_x64_128(key, key.position(), key.remaining(), 0, cassandra);

    assertThat(Murmur3Hash.firstHalf(key)).isEqualTo(cassandra[0]);
    if (bytes.length > 0) {
      long normalized = cassandra[0] == Long.MIN_VALUE ? Long.MAX_VALUE : cassandra[0];
      assertThat(Murmur3Partitioner.INSTANCE.tokenOf(key).value()).isEqualTo(normalized);
    }
  }

  @Property(tries = 1_000)
  void the_hash_does_not_depend_on_where_the_bytes_sit_in_the_buffer(
      @ForAll @Size(max = 70) byte[] bytes,
      @ForAll @Size(max = 20) byte[] before,
      @ForAll @Size(max = 20) byte[] after,
      @ForAll boolean littleEndian,
      @ForAll boolean direct,
      @ForAll boolean sliced) {
    long expected = Murmur3Hash.firstHalf(ByteBuffer.wrap(bytes));
    ByteBuffer larger = direct
        ? ByteBuffer.allocateDirect(before.length + bytes.length + after.length)
        : ByteBuffer.allocate(before.length + bytes.length + after.length);
    larger.put(before).put(bytes).put(after);
    larger.position(before.length).limit(before.length + bytes.length);
    ByteBuffer key = (sliced ? larger.slice() : larger)
        .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int position = key.position();
    int limit = key.limit();

    assertThat(Murmur3Hash.firstHalf(key)).isEqualTo(expected);
    assertThat(key.position()).isEqualTo(position);
    assertThat(key.limit()).isEqualTo(limit);
  }

  @Property(tries = 200)
  void the_hash_of_a_long_key_equals_cassandras(
      @ForAll @Size(min = 100, max = 5_000) byte[] bytes, @ForAll @IntRange(max = 99) int cut) {
    ByteBuffer key = ByteBuffer.wrap(bytes, cut, bytes.length - cut);
    long[] cassandra = new long[2];
    MurmurHash.hash3_x64_128(key, key.position(), key.remaining(), 0, cassandra);

    assertThat(Murmur3Hash.firstHalf(key)).isEqualTo(cassandra[0]);
  }
}
