package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.node.Host;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpeculativeExecutionPolicyTest {

  private final Host host = TestHosts.host(1, 1);

  @Test
  void should_answer_the_delay_max_attempts_times_then_minus_one() {
    ConstantSpeculativeExecutionPolicy policy =
        new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(250), 3);
    SpeculativeExecutionPlan plan = policy.newPlan("ks", Stmt.idempotent());

    assertThat(plan.nextExecutionDelayNanos(host)).isEqualTo(250_000_000L);
    assertThat(plan.nextExecutionDelayNanos(host)).isEqualTo(250_000_000L);
    assertThat(plan.nextExecutionDelayNanos(null)).isEqualTo(250_000_000L);
    assertThat(plan.nextExecutionDelayNanos(host)).isNegative();
    assertThat(plan.nextExecutionDelayNanos(host)).isNegative();
  }

  @Test
  void should_give_each_request_its_own_count() {
    ConstantSpeculativeExecutionPolicy policy =
        new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(10), 1);
    SpeculativeExecutionPlan first = policy.newPlan(null, Stmt.idempotent());
    SpeculativeExecutionPlan second = policy.newPlan(null, Stmt.idempotent());

    assertThat(first.nextExecutionDelayNanos(host)).isEqualTo(10_000_000L);
    assertThat(first.nextExecutionDelayNanos(host)).isNegative();
    assertThat(second.nextExecutionDelayNanos(host)).isEqualTo(10_000_000L);
  }

  @Test
  void should_speculate_never_with_zero_attempts_and_at_once_with_a_zero_delay() {
    assertThat(new ConstantSpeculativeExecutionPolicy(Duration.ofSeconds(1), 0)
        .newPlan(null, Stmt.idempotent()).nextExecutionDelayNanos(host)).isNegative();
    assertThat(new ConstantSpeculativeExecutionPolicy(Duration.ZERO, 1)
        .newPlan(null, Stmt.idempotent()).nextExecutionDelayNanos(host)).isZero();
  }

  @Test
  void should_saturate_a_huge_delay() {
    assertThat(new ConstantSpeculativeExecutionPolicy(Duration.ofDays(365L * 1000), 1)
        .newPlan(null, Stmt.idempotent()).nextExecutionDelayNanos(host))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void should_refuse_a_negative_delay_or_count() {
    assertThatThrownBy(() -> new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(-1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    assertThatThrownBy(() -> new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(1), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new ConstantSpeculativeExecutionPolicy(null, 1))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void should_expose_its_parameters() {
    ConstantSpeculativeExecutionPolicy policy =
        new ConstantSpeculativeExecutionPolicy(Duration.ofMillis(5), 2);

    assertThat(policy.delay()).isEqualTo(Duration.ofMillis(5));
    assertThat(policy.maxAttempts()).isEqualTo(2);
  }

  @Test
  void should_never_speculate_with_the_default_policy() {
    SpeculativeExecutionPlan plan =
        new NoSpeculativeExecutionPolicy().newPlan("ks", Stmt.idempotent());

    for (int i = 0; i < 3; i++) {
      assertThat(plan.nextExecutionDelayNanos(host)).isEqualTo(-1L);
    }
  }

  @Test
  void should_plan_speculation_only_for_idempotent_statements() {
    AtomicInteger asked = new AtomicInteger();
    SpeculativeExecutionPolicy counting = (keyspace, statement) -> {
      asked.incrementAndGet();
      return lastTried -> 1L;
    };

    assertThat(SpeculativeExecutionPolicy.planFor(counting, "ks", Stmt.notIdempotent())
        .nextExecutionDelayNanos(host)).isNegative();
    assertThat(SpeculativeExecutionPolicy.planFor(counting, "ks", null)
        .nextExecutionDelayNanos(host)).isNegative();
    assertThat(asked).hasValue(0);

    assertThat(SpeculativeExecutionPolicy.planFor(counting, "ks", Stmt.idempotent())
        .nextExecutionDelayNanos(host)).isEqualTo(1L);
    assertThat(asked).hasValue(1);
  }

  @Test
  void should_refuse_a_policy_returning_no_plan() {
    assertThatThrownBy(() -> SpeculativeExecutionPolicy.planFor((ks, s) -> null, null,
        Stmt.idempotent())).isInstanceOf(NullPointerException.class);
  }
}
