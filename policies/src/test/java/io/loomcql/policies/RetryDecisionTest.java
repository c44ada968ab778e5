package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConsistencyLevel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {

  private static String describe(RetryDecision decision) {
    return switch (decision) {
      case RetryDecision.RetrySameHost retry -> "same " + retry.consistency();
      case RetryDecision.RetryNextHost retry -> "next " + retry.consistency();
      case RetryDecision.Rethrow rethrow -> "rethrow";
      case RetryDecision.Ignore ignore -> "ignore";
    };
  }

  @Test
  void should_switch_exhaustively_over_the_four_decisions() {
    assertThat(describe(RetryDecision.RETRY_SAME_HOST)).isEqualTo("same null");
    assertThat(describe(RetryDecision.retrySameHost(ConsistencyLevel.ONE))).isEqualTo("same ONE");
    assertThat(describe(RetryDecision.RETRY_NEXT_HOST)).isEqualTo("next null");
    assertThat(describe(RetryDecision.retryNextHost(ConsistencyLevel.TWO))).isEqualTo("next TWO");
    assertThat(describe(RetryDecision.RETHROW)).isEqualTo("rethrow");
    assertThat(describe(RetryDecision.IGNORE)).isEqualTo("ignore");
  }

  @Test
  void should_compare_decisions_by_value() {
    assertThat(RetryDecision.retrySameHost(ConsistencyLevel.QUORUM))
        .isEqualTo(new RetryDecision.RetrySameHost(ConsistencyLevel.QUORUM))
        .isNotEqualTo(RetryDecision.retryNextHost(ConsistencyLevel.QUORUM))
        .isNotEqualTo(RetryDecision.RETRY_SAME_HOST);
    assertThat(RetryDecision.retrySameHost(null)).isSameAs(RetryDecision.RETRY_SAME_HOST);
    assertThat(RetryDecision.retryNextHost(null)).isSameAs(RetryDecision.RETRY_NEXT_HOST);
    assertThat(new RetryDecision.Rethrow()).isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_tell_retries_from_the_rest() {
    assertThat(RetryDecision.RETRY_SAME_HOST.isRetry()).isTrue();
    assertThat(RetryDecision.retryNextHost(ConsistencyLevel.ONE).isRetry()).isTrue();
    assertThat(RetryDecision.RETHROW.isRetry()).isFalse();
    assertThat(RetryDecision.IGNORE.isRetry()).isFalse();
  }

  @Test
  void should_map_server_write_type_names() {
    for (WriteType type : WriteType.values()) {
      assertThat(WriteType.fromName(type.name())).contains(type);
    }
    assertThat(WriteType.fromName("BATCH_LOG")).contains(WriteType.BATCH_LOG);
    assertThat(WriteType.fromName("batch_log")).isEqualTo(Optional.empty());
    assertThat(WriteType.fromName("SOMETHING_NEW")).isEmpty();
    assertThat(WriteType.fromName(null)).isEmpty();
  }
}
