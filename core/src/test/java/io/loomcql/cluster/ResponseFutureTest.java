package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.query.SimpleStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Only the driver completes a ResponseFuture; what cancel does is covered by AsyncRequestTest. */
class ResponseFutureTest {

  private static void refused(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("completed by the driver only");
  }

  @Test
  void user_code_cannot_complete_a_driver_future() {
    ResponseFuture future = new ResponseFuture(new SimpleStatement("SELECT 1"), Runnable::run);
    CompletableFuture<ResultSet> same = future.toCompletableFuture();

    refused(() -> future.complete(null));
    refused(() -> future.completeExceptionally(new RuntimeException("no")));
    refused(() -> future.completeAsync(() -> null));
    refused(() -> future.completeAsync(() -> null, Runnable::run));
    refused(() -> future.completeOnTimeout(null, 1, TimeUnit.SECONDS));
    refused(() -> future.orTimeout(1, TimeUnit.SECONDS));
    refused(() -> future.obtrudeValue(null));
    refused(() -> future.obtrudeException(new RuntimeException("no")));
    refused(() -> same.complete(null));

    assertThat(future).isNotDone();
  }

  @Test
  void the_future_of_a_blocking_call_cannot_be_cancelled() {
    ResponseFuture future = new ResponseFuture(new SimpleStatement("SELECT 1"), Runnable::run);

    assertThat(future.cancel(true)).isFalse();
    assertThat(future).isNotDone();
  }

  @Test
  void dependent_stages_are_plain_futures_the_user_may_complete() {
    ResponseFuture future = new ResponseFuture(new SimpleStatement("SELECT 1"), Runnable::run);
    CompletableFuture<Integer> dependent = future.thenApply(rs -> 1);

    assertThat(dependent.complete(2)).isTrue();
    assertThat(dependent.join()).isEqualTo(2);
    assertThat(future).isNotDone();
  }
}
