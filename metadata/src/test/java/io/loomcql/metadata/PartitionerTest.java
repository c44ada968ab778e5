package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionerTest {

  @Test
  void should_find_the_partitioners_by_the_class_names_the_server_reports() {
    assertThat(Partitioner.forName("org.apache.cassandra.dht.Murmur3Partitioner"))
        .containsSame(Murmur3Partitioner.INSTANCE);
    assertThat(Partitioner.forName("org.apache.cassandra.dht.RandomPartitioner"))
        .containsSame(RandomPartitioner.INSTANCE);
    assertThat(Partitioner.forName("org.apache.cassandra.dht.ByteOrderedPartitioner"))
        .containsSame(ByteOrderedPartitioner.INSTANCE);
  }

  @Test
  void should_match_by_the_end_of_the_name_like_python() {
    assertThat(Partitioner.forName("Murmur3Partitioner")).containsSame(Murmur3Partitioner.INSTANCE);
    assertThat(Partitioner.forName("com.example.dht.RandomPartitioner"))
        .containsSame(RandomPartitioner.INSTANCE);
  }

  @Test
  void should_find_nothing_for_a_partitioner_the_driver_cannot_route_with() {
    assertThat(Partitioner.forName("org.apache.cassandra.dht.OrderPreservingPartitioner")).isEmpty();
    assertThat(Partitioner.forName("org.apache.cassandra.dht.LocalPartitioner")).isEmpty();
    assertThat(Partitioner.forName("")).isEmpty();
  }

  @Test
  void should_round_trip_each_partitioners_name() {
    for (Partitioner p : new Partitioner[] {Murmur3Partitioner.INSTANCE,
        RandomPartitioner.INSTANCE, ByteOrderedPartitioner.INSTANCE}) {
      assertThat(Partitioner.forName(p.name())).containsSame(p);
    }
  }
}
