package io.loomcql.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamIdsTest {

  @Test
  void hands_out_every_id_once_then_minus_one() {
    StreamIds ids = new StreamIds(32768);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 32768; i++) {
      int id = ids.acquire();
      assertThat(id).isBetween(0, 32767);
      assertThat(seen.add(id)).isTrue();
    }
    assertThat(ids.acquire()).isEqualTo(-1);
    assertThat(ids.inUse()).isEqualTo(32768);
  }

  @Test
  void reuses_released_ids_lowest_first() {
    StreamIds ids = new StreamIds(200);
    for (int i = 0; i < 200; i++) {
      ids.acquire();
    }
    ids.release(150);
    ids.release(7);

    assertThat(ids.acquire()).isEqualTo(7);
    assertThat(ids.acquire()).isEqualTo(150);
    assertThat(ids.acquire()).isEqualTo(-1);
  }

  @Test
  void respects_a_maximum_that_is_not_a_multiple_of_64() {
    StreamIds ids = new StreamIds(70);
    for (int i = 0; i < 70; i++) {
      assertThat(ids.acquire()).isEqualTo(i);
    }
    assertThat(ids.acquire()).isEqualTo(-1);
  }

  @Test
  void rejects_impossible_sizes() {
    assertThatThrownBy(() -> new StreamIds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamIds(32769)).isInstanceOf(IllegalArgumentException.class);
  }
}
