package io.loomcql.policies;

import static io.loomcql.ConsistencyLevel.LOCAL_ONE;
import static io.loomcql.ConsistencyLevel.LOCAL_QUORUM;
import static io.loomcql.ConsistencyLevel.QUORUM;
import static io.loomcql.ConsistencyLevel.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.InvalidRequestException;
import io.loomcql.IsBootstrappingException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.OverloadedException;
import io.loomcql.ReadFailureException;
import io.loomcql.ReadTimeoutException;
import io.loomcql.ServerErrorException;
import io.loomcql.SyntaxException;
import io.loomcql.TruncateException;
import io.loomcql.UnavailableException;
import io.loomcql.WriteTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy#decide}: which method an error reaches, and the idempotence rule. */
class RetryPolicyDecideTest {

  private final Stmt idempotent = Stmt.idempotent();
  private final Stmt notIdempotent = Stmt.notIdempotent();

  /** Records its calls and answers a fixed decision. */
  private static final class Recording implements RetryPolicy {
    final List<String> calls = new ArrayList<>();
    final RetryDecision answer;

    Recording(RetryDecision answer) {
      this.answer = answer;
    }

    @Override
    public RetryDecision onReadTimeout(RoutingInfo statement, ConsistencyLevel consistency,
        int required, int received, boolean dataRetrieved, int retryNum) {
      calls.add("read " + consistency + " " + required + " " + received + " " + dataRetrieved
          + " " + retryNum);
      return answer;
    }

    @Override
    public RetryDecision onWriteTimeout(RoutingInfo statement, ConsistencyLevel consistency,
        WriteType writeType, int required, int received, int retryNum) {
      calls.add("write " + consistency + " " + writeType + " " + required + " " + received + " "
          + retryNum);
      return answer;
    }

    @Override
    public RetryDecision onUnavailable(RoutingInfo statement, ConsistencyLevel consistency,
        int required, int alive, int retryNum) {
      calls.add("unavailable " + consistency + " " + required + " " + alive + " " + retryNum);
      return answer;
    }

    @Override
    public RetryDecision onRequestError(RoutingInfo statement, ConsistencyLevel consistency,
        DriverException error, int retryNum) {
      calls.add("error " + consistency + " " + error.getClass().getSimpleName() + " " + retryNum);
      return answer;
    }
  }

  @Test
  void should_pass_the_fields_of_a_read_timeout_with_the_level_the_server_reported() {
    Recording policy = new Recording(RetryDecision.RETHROW);

    RetryPolicy.decide(policy, idempotent, LOCAL_ONE,
        new ReadTimeoutException("timeout", SERIAL, 1, 2, true), 3);

    assertThat(policy.calls).containsExactly("read SERIAL 2 1 true 3");
  }

  @Test
  void should_map_the_write_type_of_a_write_timeout() {
    Recording policy = new Recording(RetryDecision.RETHROW);

    RetryPolicy.decide(policy, idempotent, QUORUM,
        new WriteTimeoutException("timeout", QUORUM, 1, 2, "BATCH_LOG"), 0);
    RetryPolicy.decide(policy, idempotent, QUORUM,
        new WriteTimeoutException("timeout", QUORUM, 0, 2, "SOMETHING_NEW"), 1);

    assertThat(policy.calls).containsExactly("write QUORUM BATCH_LOG 2 1 0",
        "write QUORUM null 2 0 1");
  }

  @Test
  void should_pass_the_fields_of_an_unavailable_error() {
    Recording policy = new Recording(RetryDecision.RETHROW);

    RetryPolicy.decide(policy, idempotent, QUORUM,
        new UnavailableException("unavailable", LOCAL_QUORUM, 3, 1), 0);

    assertThat(policy.calls).containsExactly("unavailable LOCAL_QUORUM 3 1 0");
  }

  @Test
  void should_fall_back_to_the_request_level_when_the_server_reported_none() {
    Recording policy = new Recording(RetryDecision.RETHROW);

    RetryPolicy.decide(policy, idempotent, LOCAL_QUORUM,
        new UnavailableException("unavailable", null, 3, 1), 0);

    assertThat(policy.calls).containsExactly("unavailable LOCAL_QUORUM 3 1 0");
  }

  @Test
  void should_send_overloaded_bootstrapping_truncate_server_and_connection_errors_to_on_request_error() {
    Recording policy = new Recording(RetryDecision.RETRY_NEXT_HOST);

    for (DriverException error : DefaultRetryPolicyTest.requestErrors()) {
      assertThat(RetryPolicy.decide(policy, idempotent, QUORUM, error, 2))
          .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    }

    assertThat(policy.calls).containsExactly("error QUORUM OverloadedException 2",
        "error QUORUM IsBootstrappingException 2", "error QUORUM TruncateException 2",
        "error QUORUM ServerErrorException 2", "error QUORUM ConnectionException 2");
  }

  @Test
  void should_rethrow_every_other_error_without_asking_the_policy() {
    Recording policy = new Recording(RetryDecision.RETRY_NEXT_HOST);
    List<Throwable> others = List.of(
        new SyntaxException("bad"),
        new InvalidRequestException("invalid"),
        new ReadFailureException("failed", QUORUM, 1, 2, 1, Map.of(), false),
        new ServerErrorException(0x9999, "unknown code"),
        new OperationTimedOutException("client timeout", Map.of(), null),
        new IllegalStateException("bug"));

    for (Throwable error : others) {
      assertThat(RetryPolicy.decide(policy, idempotent, QUORUM, error, 0))
          .as("%s", error)
          .isEqualTo(RetryDecision.RETHROW);
    }
    assertThat(policy.calls).isEmpty();
  }

  @Test
  void should_try_the_next_host_after_a_busy_connection_without_asking_the_policy() {
    Recording policy = new Recording(RetryDecision.RETHROW);

    assertThat(RetryPolicy.decide(policy, notIdempotent, QUORUM,
        new BusyConnectionException("busy", TestHosts.endpoint(1, 1)), 0))
        .isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(policy.calls).isEmpty();
  }

  @Test
  void should_turn_a_retry_of_a_non_idempotent_write_timeout_or_request_error_into_rethrow() {
    for (RetryDecision retry : List.of(RetryDecision.RETRY_SAME_HOST,
        RetryDecision.retryNextHost(ConsistencyLevel.ONE))) {
      RetryPolicy careless = new Recording(retry);

      assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
          new WriteTimeoutException("timeout", QUORUM, 0, 2, "SIMPLE"), 0))
          .isEqualTo(RetryDecision.RETHROW);
      assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
          new OverloadedException("busy"), 0)).isEqualTo(RetryDecision.RETHROW);
      assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
          new ConnectionException("closed", TestHosts.endpoint(1, 1)), 0))
          .isEqualTo(RetryDecision.RETHROW);
      assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
          new ServerErrorException("boom"), 0)).isEqualTo(RetryDecision.RETHROW);
      assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
          new TruncateException("truncate"), 0)).isEqualTo(RetryDecision.RETHROW);
    }
  }

  @Test
  void should_let_a_policy_retry_what_cannot_have_been_applied_twice() {
    RetryPolicy careless = new Recording(RetryDecision.RETRY_SAME_HOST);

    // Read timeouts, unavailable, bootstrapping nodes, PREPAREs and idempotent statements.
    assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
        new ReadTimeoutException("t", QUORUM, 1, 1, false), 0))
        .isEqualTo(RetryDecision.RETRY_SAME_HOST);
    assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
        new UnavailableException("u", QUORUM, 2, 1), 0)).isEqualTo(RetryDecision.RETRY_SAME_HOST);
    assertThat(RetryPolicy.decide(careless, notIdempotent, QUORUM,
        new IsBootstrappingException("b"), 0)).isEqualTo(RetryDecision.RETRY_SAME_HOST);
    assertThat(RetryPolicy.decide(careless, null, QUORUM,
        new OverloadedException("o"), 0)).isEqualTo(RetryDecision.RETRY_SAME_HOST);
    assertThat(RetryPolicy.decide(careless, idempotent, QUORUM,
        new WriteTimeoutException("t", QUORUM, 0, 2, "SIMPLE"), 0))
        .isEqualTo(RetryDecision.RETRY_SAME_HOST);
  }

  @Test
  void should_keep_an_ignore_of_a_non_idempotent_write_timeout() {
    @SuppressWarnings("deprecation")
    RetryPolicy downgrading = new DowngradingConsistencyRetryPolicy();

    assertThat(RetryPolicy.decide(downgrading, notIdempotent, QUORUM,
        new WriteTimeoutException("timeout", QUORUM, 1, 2, "SIMPLE"), 0))
        .isEqualTo(RetryDecision.IGNORE);
  }

  @Test
  void should_apply_the_default_policy_table_end_to_end() {
    RetryPolicy policy = new DefaultRetryPolicy();

    assertThat(RetryPolicy.decide(policy, notIdempotent, QUORUM,
        new ReadTimeoutException("t", QUORUM, 2, 2, false), 0))
        .isEqualTo(RetryDecision.retrySameHost(QUORUM));
    assertThat(RetryPolicy.decide(policy, notIdempotent, QUORUM,
        new ReadTimeoutException("t", QUORUM, 2, 2, false), 1))
        .isEqualTo(RetryDecision.RETHROW);
    assertThat(RetryPolicy.decide(policy, idempotent, QUORUM,
        new WriteTimeoutException("t", QUORUM, 0, 2, "BATCH_LOG"), 0))
        .isEqualTo(RetryDecision.retrySameHost(QUORUM));
    assertThat(RetryPolicy.decide(policy, notIdempotent, QUORUM,
        new UnavailableException("u", QUORUM, 2, 1), 0)).isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(RetryPolicy.decide(policy, idempotent, QUORUM,
        new OverloadedException("o"), 9)).isEqualTo(RetryDecision.RETRY_NEXT_HOST);
    assertThat(RetryPolicy.decide(policy, notIdempotent, QUORUM,
        new OverloadedException("o"), 0)).isEqualTo(RetryDecision.RETHROW);
  }

  @Test
  void should_refuse_a_negative_retry_number_and_a_null_decision() {
    assertThatThrownBy(() -> RetryPolicy.decide(new DefaultRetryPolicy(), idempotent, QUORUM,
        new OverloadedException("o"), -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.decide(new Recording(null), idempotent, QUORUM,
        new OverloadedException("o"), 0)).isInstanceOf(NullPointerException.class);
  }
}
