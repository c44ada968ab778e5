package io.loomcql.policies;

import static io.loomcql.ConsistencyLevel.QUORUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.DriverException;
import io.loomcql.IsBootstrappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link FallthroughRetryPolicy} and {@link NeverRetryPolicy}. */
class OtherRetryPoliciesTest {

  private final Stmt idempotent = Stmt.idempotent();
  private final Stmt notIdempotent = Stmt.notIdempotent();

  @ParameterizedTest
  @EnumSource(WriteType.class)
  void should_rethrow_everything_with_the_fallthrough_policy(WriteType type) {
    RetryPolicy policy = new FallthroughRetryPolicy();

    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 2, false, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onWriteTimeout(idempotent, QUORUM, type, 2, 0, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onUnavailable(idempotent, QUORUM, 2, 1, 0))
        .isEqualTo(RetryDecision.RETHROW);
    for (DriverException error : DefaultRetryPolicyTest.requestErrors()) {
      assertThat(policy.onRequestError(idempotent, QUORUM, error, 0))
          .isEqualTo(RetryDecision.RETHROW);
    }
  }

  @ParameterizedTest
  @EnumSource(WriteType.class)
  void should_rethrow_timeouts_and_unavailable_with_the_never_retry_policy(WriteType type) {
    RetryPolicy policy = new NeverRetryPolicy();

    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 2, false, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onWriteTimeout(idempotent, QUORUM, type, 2, 0, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onUnavailable(idempotent, QUORUM, 2, 1, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_move_to_the_next_host_after_a_request_error_with_the_never_retry_policy() {
    RetryPolicy policy = new NeverRetryPolicy();

    for (DriverException error : DefaultRetryPolicyTest.requestErrors()) {
      assertThat(policy.onRequestError(idempotent, QUORUM, error, 4))
          .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
      assertThat(policy.onRequestError(notIdempotent, QUORUM, error, 0))
          .isEqualTo(error instanceof IsBootstrappingException
              ? RetryDecision.RETRY_NEXT_HOST
              : RetryDecision.RETHROW);
    }
  }

  @Test
  void should_print_as_the_python_driver_s_repr() {
    assertThat(new FallthroughRetryPolicy()).hasToString("FallthroughRetryPolicy()");
    assertThat(new NeverRetryPolicy()).hasToString("NeverRetryPolicy()");
  }
}
