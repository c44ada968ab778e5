package io.loomcql.policies;

import static io.loomcql.ConsistencyLevel.ALL;
import static io.loomcql.ConsistencyLevel.LOCAL_QUORUM;
import static io.loomcql.ConsistencyLevel.LOCAL_SERIAL;
import static io.loomcql.ConsistencyLevel.ONE;
import static io.loomcql.ConsistencyLevel.QUORUM;
import static io.loomcql.ConsistencyLevel.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConsistencyLevel;
import io.loomcql.IsBootstrappingException;
import io.loomcql.OverloadedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@SuppressWarnings("deprecation")
class DowngradingConsistencyRetryPolicyTest {

  private final RetryPolicy policy = new DowngradingConsistencyRetryPolicy();
  private final Stmt idempotent = Stmt.idempotent();
  private final Stmt notIdempotent = Stmt.notIdempotent();

  private static RetryDecision downgradeTo(String level) {
    return level.equals("RETHROW")
        ? RetryDecision.RETHROW
        : RetryDecision.retrySameHost(ConsistencyLevel.valueOf(level));
  }

  @ParameterizedTest(name = "{0} of {1} answers -> {2}")
  @CsvSource({
      "0, 1, RETHROW",
      "0, 5, RETHROW",
      "1, 2, ONE",
      "1, 5, ONE",
      "2, 3, TWO",
      "2, 5, TWO",
      "3, 4, THREE",
      "4, 5, THREE",
  })
  void should_downgrade_a_read_timeout_by_the_answers_received(
      int received, int required, String expected) {
    assertThat(policy.onReadTimeout(notIdempotent, ALL, required, received, false, 0))
        .isEqualTo(downgradeTo(expected));
    assertThat(policy.onReadTimeout(notIdempotent, ALL, required, received, true, 0))
        .isEqualTo(downgradeTo(expected));
  }

  @Test
  void should_retry_a_read_timeout_at_the_same_level_when_enough_answered_without_data() {
    assertThat(policy.onReadTimeout(notIdempotent, QUORUM, 2, 2, false, 0))
        .isEqualTo(RetryDecision.retrySameHost(QUORUM));
    assertThat(policy.onReadTimeout(notIdempotent, QUORUM, 2, 2, true, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @ParameterizedTest
  @EnumSource(value = ConsistencyLevel.class, names = {"SERIAL", "LOCAL_SERIAL"})
  void should_never_downgrade_the_read_of_a_lightweight_transaction(ConsistencyLevel serial) {
    assertThat(policy.onReadTimeout(idempotent, serial, 2, 1, false, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onReadTimeout(idempotent, serial, 2, 2, false, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @ParameterizedTest
  @EnumSource(value = WriteType.class, names = {"SIMPLE", "BATCH", "COUNTER"})
  void should_ignore_a_write_timeout_acknowledged_by_at_least_one_replica(WriteType type) {
    assertThat(policy.onWriteTimeout(notIdempotent, QUORUM, type, 2, 1, 0))
        .isEqualTo(RetryDecision.IGNORE);
    assertThat(policy.onWriteTimeout(notIdempotent, QUORUM, type, 2, 0, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @ParameterizedTest(name = "{0} acknowledgements -> {1}")
  @CsvSource({"0, RETHROW", "1, ONE", "2, TWO", "3, THREE", "7, THREE"})
  void should_downgrade_an_unlogged_batch_by_the_acknowledgements(int received, String expected) {
    assertThat(policy.onWriteTimeout(idempotent, ALL, WriteType.UNLOGGED_BATCH, 8, received, 0))
        .isEqualTo(downgradeTo(expected));
    assertThat(policy.onWriteTimeout(notIdempotent, ALL, WriteType.UNLOGGED_BATCH, 8, received, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_retry_a_batch_log_timeout_at_the_same_level_only_if_idempotent() {
    assertThat(policy.onWriteTimeout(idempotent, LOCAL_QUORUM, WriteType.BATCH_LOG, 2, 0, 0))
        .isEqualTo(RetryDecision.retrySameHost(LOCAL_QUORUM));
    assertThat(policy.onWriteTimeout(notIdempotent, LOCAL_QUORUM, WriteType.BATCH_LOG, 2, 0, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @ParameterizedTest
  @EnumSource(value = WriteType.class, names = {"CAS", "VIEW", "CDC"})
  void should_rethrow_other_write_timeouts(WriteType type) {
    assertThat(policy.onWriteTimeout(idempotent, SERIAL, type, 2, 1, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onWriteTimeout(idempotent, SERIAL, null, 2, 1, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @ParameterizedTest(name = "{0} alive -> {1}")
  @CsvSource({"0, RETHROW", "1, ONE", "2, TWO", "3, THREE", "4, THREE"})
  void should_downgrade_unavailable_by_the_alive_replicas(int alive, String expected) {
    assertThat(policy.onUnavailable(notIdempotent, ALL, 5, alive, 0))
        .isEqualTo(downgradeTo(expected));
  }

  @Test
  void should_try_the_next_host_when_the_paxos_phase_is_unavailable() {
    assertThat(policy.onUnavailable(notIdempotent, SERIAL, 2, 1, 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(policy.onUnavailable(notIdempotent, LOCAL_SERIAL, 2, 0, 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
  }

  @Test
  void should_rethrow_everything_after_the_first_retry() {
    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 1, false, 1))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onWriteTimeout(idempotent, QUORUM, WriteType.SIMPLE, 2, 1, 1))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onWriteTimeout(idempotent, QUORUM, WriteType.BATCH_LOG, 2, 1, 1))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onUnavailable(idempotent, QUORUM, 2, 1, 1))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onUnavailable(idempotent, SERIAL, 2, 1, 1))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_handle_request_errors_like_the_default_policy() {
    assertThat(policy.onRequestError(idempotent, ONE, new OverloadedException("x"), 3))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(policy.onRequestError(notIdempotent, ONE, new OverloadedException("x"), 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onRequestError(notIdempotent, ONE, new IsBootstrappingException("x"), 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
  }
}
