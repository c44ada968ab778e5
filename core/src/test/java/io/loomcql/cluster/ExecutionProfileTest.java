package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.policies.ConstantSpeculativeExecutionPolicy;
import io.loomcql.policies.FallthroughRetryPolicy;
import io.loomcql.policies.NoSpeculativeExecutionPolicy;
import io.loomcql.policies.RoundRobinPolicy;
import io.loomcql.query.RowFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutionProfileTest {

  @Test
  void should_have_the_python_defaults_when_built_without_options() {
    ExecutionProfile profile = ExecutionProfile.builder().build();

    assertThat(profile.consistencyLevel()).isEqualTo(ConsistencyLevel.LOCAL_ONE);
    assertThat(profile.serialConsistencyLevel()).isNull();
    assertThat(profile.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(profile.speculativeExecutionPolicy()).isInstanceOf(NoSpeculativeExecutionPolicy.class);
    assertThat(profile.loadBalancingPolicy()).isNull();
    assertThat(profile.retryPolicy()).isNull();
    assertThat(profile.rowFactory()).isNotNull();
    assertThat(ExecutionProfile.defaults().consistencyLevel()).isEqualTo(ConsistencyLevel.LOCAL_ONE);
  }

  @Test
  void should_leave_the_original_unchanged_when_a_wither_is_used() {
    ExecutionProfile original = ExecutionProfile.builder().consistencyLevel(ConsistencyLevel.ONE).build();
    RoundRobinPolicy lbp = new RoundRobinPolicy();
    FallthroughRetryPolicy retry = new FallthroughRetryPolicy();
    ConstantSpeculativeExecutionPolicy speculation =
        new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(50), 2);

    ExecutionProfile changed =
        original
            .withConsistencyLevel(ConsistencyLevel.QUORUM)
            .withSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)
            .withRequestTimeout(Duration.ofSeconds(3))
            .withLoadBalancingPolicy(lbp)
            .withRetryPolicy(retry)
            .withSpeculativeExecutionPolicy(speculation)
            .withRowFactory(RowFactory.dict());

    assertThat(original.consistencyLevel()).isEqualTo(ConsistencyLevel.ONE);
    assertThat(original.loadBalancingPolicy()).isNull();
    assertThat(changed.consistencyLevel()).isEqualTo(ConsistencyLevel.QUORUM);
    assertThat(changed.serialConsistencyLevel()).isEqualTo(ConsistencyLevel.LOCAL_SERIAL);
    assertThat(changed.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(changed.loadBalancingPolicy()).isSameAs(lbp);
    assertThat(changed.retryPolicy()).isSameAs(retry);
    assertThat(changed.speculativeExecutionPolicy()).isSameAs(speculation);
    assertThat(changed.toBuilder().build().retryPolicy()).isSameAs(retry);
  }

  @Test
  void should_refuse_a_non_serial_serial_consistency_level() {
    assertThatThrownBy(() -> ExecutionProfile.builder().serialConsistencyLevel(ConsistencyLevel.QUORUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SERIAL or LOCAL_SERIAL");
  }

  @Test
  void should_mean_no_timeout_when_the_request_timeout_is_zero_or_null() {
    assertThat(ExecutionProfile.builder().requestTimeout(Duration.ZERO).build().requestTimeout()).isNull();
    assertThat(ExecutionProfile.builder().requestTimeout(null).build().requestTimeout()).isNull();
    assertThatThrownBy(() -> ExecutionProfile.builder().requestTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
