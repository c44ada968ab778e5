package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConnectionException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class AttemptTest {

  private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 9042);

  /** Runs tasks when asked, so a test decides when the continuation would have run. */
  private static final class ManualExecutor implements Executor {
    final List<Runnable> tasks = new CopyOnWriteArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }
  }

  @Test
  void should_continue_only_after_send_returned_when_refused_during_send() {
    ManualExecutor executor = new ManualExecutor();
    List<Attempt> continued = new CopyOnWriteArrayList<>();
    Attempt attempt = Attempt.async(null, null, false, executor, continued::add);

    // The connection fails the request on the sending thread, then send returns null.
    attempt.onFailure(new ConnectionException("closed", NODE));
    assertThat(executor.tasks).isEmpty();
    attempt.sent(null);

    assertThat(executor.tasks).hasSize(1);
    executor.tasks.get(0).run();
    assertThat(continued).containsExactly(attempt);
    assertThat(attempt.notSent()).isTrue();
    assertThat(attempt.outcome()).isInstanceOf(ConnectionException.class);
  }

  @Test
  void should_continue_once_when_the_outcome_arrives_after_send() {
    ManualExecutor executor = new ManualExecutor();
    Attempt attempt = Attempt.async(null, null, false, executor, a -> {});
    attempt.sent(null);
    assertThat(executor.tasks).isEmpty();

    attempt.onFailure(new ConnectionException("closed", NODE));
    attempt.onFailure(new ConnectionException("closed again", NODE));

    assertThat(executor.tasks).hasSize(1);
    assertThat(((Throwable) attempt.outcome()).getMessage()).contains("closed");
    assertThat(((Throwable) attempt.outcome()).getMessage()).doesNotContain("again");
  }

  @Test
  void should_unpark_the_waiting_thread_with_the_first_outcome() throws Exception {
    Attempt attempt = Attempt.blocking(null, null, false);
    Thread completer =
        Thread.ofVirtual().start(() -> attempt.onFailure(new ConnectionException("late", NODE)));
    Object outcome = attempt.await(System.nanoTime() + 5_000_000_000L);
    completer.join();

    assertThat(outcome).isInstanceOf(ConnectionException.class);
    assertThat(attempt.notSent()).isFalse();
  }

  @Test
  void should_time_out_when_nothing_arrives_before_the_deadline() {
    Attempt attempt = Attempt.blocking(null, null, false);

    assertThat(attempt.await(System.nanoTime() + 20_000_000L)).isSameAs(Attempt.TIMED_OUT);
    attempt.onFailure(new ConnectionException("too late", NODE));
    assertThat(attempt.outcome()).isSameAs(Attempt.TIMED_OUT);
  }
}
