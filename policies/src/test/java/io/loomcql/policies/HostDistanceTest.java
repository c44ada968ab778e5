package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostDistanceTest {

  @Test
  void should_carry_the_python_driver_values() {
    assertThat(HostDistance.IGNORED.code()).isEqualTo(-1);
    assertThat(HostDistance.LOCAL.code()).isEqualTo(0);
    assertThat(HostDistance.REMOTE.code()).isEqualTo(1);
  }
}
