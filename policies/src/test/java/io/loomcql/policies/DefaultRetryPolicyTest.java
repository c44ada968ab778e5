package io.loomcql.policies;

import static io.loomcql.ConsistencyLevel.LOCAL_QUORUM;
import static io.loomcql.ConsistencyLevel.QUORUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.IsBootstrappingException;
import io.loomcql.OverloadedException;
import io.loomcql.ServerErrorException;
import io.loomcql.TruncateException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultRetryPolicyTest {

  private final RetryPolicy policy = new DefaultRetryPolicy();
  private final Stmt idempotent = Stmt.idempotent();
  private final Stmt notIdempotent = Stmt.notIdempotent();

  @Test
  void should_retry_a_read_timeout_once_on_the_same_host_when_enough_replicas_answered_without_data() {
    assertThat(policy.onReadTimeout(notIdempotent, QUORUM, 2, 2, false, 0))
        .isEqualTo(RetryDecision.retrySameHost(QUORUM));
    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 3, false, 0))
        .isEqualTo(RetryDecision.retrySameHost(QUORUM));
  }

  @Test
  void should_rethrow_a_read_timeout_when_data_came_back_or_too_few_answered_or_already_retried() {
    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 2, true, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 1, false, 0))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 2, false, 1))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(policy.onReadTimeout(idempotent, QUORUM, 2, 2, false, 5))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_retry_a_batch_log_write_timeout_once_for_an_idempotent_statement() {
    assertThat(policy.onWriteTimeout(idempotent, LOCAL_QUORUM, WriteType.BATCH_LOG, 2, 0, 0))
        .isEqualTo(RetryDecision.retrySameHost(LOCAL_QUORUM));
    assertThat(policy.onWriteTimeout(null, LOCAL_QUORUM, WriteType.BATCH_LOG, 2, 0, 0))
        .isEqualTo(RetryDecision.retrySameHost(LOCAL_QUORUM));
    assertThat(policy.onWriteTimeout(idempotent, LOCAL_QUORUM, WriteType.BATCH_LOG, 2, 0, 1))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_not_retry_a_batch_log_write_timeout_for_a_non_idempotent_statement() {
    assertThat(policy.onWriteTimeout(notIdempotent, QUORUM, WriteType.BATCH_LOG, 2, 0, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @ParameterizedTest
  @EnumSource(value = WriteType.class, names = "BATCH_LOG", mode = EnumSource.Mode.EXCLUDE)
  void should_rethrow_every_other_write_timeout(WriteType type) {
    assertThat(policy.onWriteTimeout(idempotent, QUORUM, type, 2, 1, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_rethrow_a_write_timeout_of_an_unknown_type() {
    assertThat(policy.onWriteTimeout(idempotent, QUORUM, null, 2, 1, 0))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_retry_unavailable_once_on_the_next_host_whatever_the_idempotence() {
    assertThat(policy.onUnavailable(notIdempotent, QUORUM, 2, 1, 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(policy.onUnavailable(idempotent, QUORUM, 2, 1, 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(policy.onUnavailable(idempotent, QUORUM, 2, 1, 1))
        .isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_retry_request_errors_of_an_idempotent_statement_on_the_next_host_without_limit() {
    for (DriverException error : requestErrors()) {
      for (int retryNum : new int[] {0, 1, 7, 1000}) {
        assertThat(policy.onRequestError(idempotent, QUORUM, error, retryNum))
            .as("%s after %d retries", error, retryNum)
            .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
      }
    }
  }

  @Test
  void should_retry_request_errors_of_a_prepare_on_the_next_host() {
    assertThat(policy.onRequestError(null, QUORUM, new OverloadedException("busy"), 3))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
  }

  @Test
  void should_never_retry_a_non_idempotent_statement_after_a_request_error() {
    for (DriverException error : requestErrors()) {
      if (error instanceof IsBootstrappingException) {
        continue;
      }
      assertThat(policy.onRequestError(notIdempotent, QUORUM, error, 0))
          .as("%s", error)
          .isEqualTo(RetryDecision.RETHROW);
    }
  }

  @Test
  void should_retry_a_non_idempotent_statement_refused_by_a_bootstrapping_node() {
    assertThat(policy.onRequestError(notIdempotent, QUORUM,
        new IsBootstrappingException("bootstrapping"), 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
  }

  @Test
  void should_be_open_for_subclasses_like_the_seed_class() {
    RetryPolicy custom = new DefaultRetryPolicy() {
      @Override
      public RetryDecision onUnavailable(RoutingInfo statement, io.loomcql.ConsistencyLevel cl,
          int required, int alive, int retryNum) {
        return RetryDecision.RETHROW;
      }
    };

    assertThat(custom.onUnavailable(idempotent, QUORUM, 2, 1, 0)).isEqualTo(RetryDecision.RETHROW);
    assertThat(custom.onReadTimeout(idempotent, QUORUM, 1, 1, false, 0))
        .isEqualTo(RetryDecision.retrySameHost(QUORUM));
  }

  static List<DriverException> requestErrors() {
    return List.of(new OverloadedException("overloaded"),
        new IsBootstrappingException("bootstrapping"),
        new TruncateException("truncate failed"),
        new ServerErrorException("boom"),
        new ConnectionException("closed", TestHosts.endpoint(1, 1)));
  }
}
