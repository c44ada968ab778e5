package io.loomcql.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConnectionException;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Options;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timeout;
import io.loomcql.transport.spi.Timer;
import io.loomcql.wire.Frame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-flight table on its own, its timer played by the test: what the deadline sweep schedules
 * is seen directly, with no clock and no server.
 */
class InFlightTableTest {

  private static final InetSocketAddress ENDPOINT = new InetSocketAddress("127.0.0.1", 9042);

  private final ManualTimer timer = new ManualTimer();
  private final List<Throwable> closes = new ArrayList<>();
  private final Counters counters = new Counters();
  private final InFlightTable table = new InFlightTable(ENDPOINT, 8, 16, counters, timer, closes::add);
  private final Framing framing = new Framing(ProtocolVersion.V4, ENDPOINT, 1 << 20, null, table);

  @Test
  void stops_sweeping_deadlines_when_only_orphans_are_left_and_starts_again_for_a_new_request() {
    Outcome slow = new Outcome();
    InFlightRequest slowRequest = submit(slow, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    assertThat(timer.scheduled).as("sweep armed by a request with a deadline").hasSize(1);
    assertThat(drain()).isEqualTo(1);

    slowRequest.cancel();
    timer.runScheduled();

    assertThat(timer.scheduled).as("no sweep with only an orphan left").isEmpty();
    assertThat(table.pending()).as("the orphan keeps its permit").isEqualTo(1);
    assertThat(counters.inFlight.sum()).as("and its stream id").isEqualTo(1);

    Outcome next = new Outcome();
    submit(next, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    assertThat(timer.scheduled).as("armed again").hasSize(1);
    timer.runScheduled();
    assertThat(timer.scheduled).as("still watching the new request").hasSize(1);
  }

  @Test
  void tells_a_request_once_that_its_deadline_passed_then_its_answer() {
    Outcome outcome = new Outcome();
    submit(outcome, System.nanoTime() - 1);
    assertThat(drain()).isEqualTo(1);

    timer.runScheduled();
    timer.runScheduled();

    assertThat(outcome.deadlines).isEqualTo(1);
    table.answer(new Frame(ProtocolVersion.V4, 0, 0, 0x08, ByteBuffer.allocate(4)));
    assertThat(outcome.responses).isEqualTo(1);
    assertThat(table.pending()).isZero();
    timer.runScheduled();
    assertThat(timer.scheduled).as("nothing left to watch").isEmpty();
  }

  @Test
  void fails_queued_and_written_requests_once_on_close_and_later_ones_at_once() {
    Outcome written = new Outcome();
    Outcome queued = new Outcome();
    submit(written, Long.MAX_VALUE);
    assertThat(drain()).isEqualTo(1);
    submit(queued, Long.MAX_VALUE);

    ConnectionException cause = new ConnectionException("closed for the test", ENDPOINT);
    assertThat(table.markClosed(cause)).isTrue();
    assertThat(table.markClosed(new ConnectionException("again", ENDPOINT))).isFalse();
    table.failAll();

    assertThat(written.failures).containsExactly(cause);
    assertThat(queued.failures).containsExactly(cause);
    assertThat(table.pending()).isZero();
    assertThat(counters.inFlight.sum()).isZero();
    Outcome late = new Outcome();
    assertThat(submit(late, Long.MAX_VALUE)).isNull();
    assertThat(late.failures).containsExactly(cause);
  }

  @Test
  void replaces_the_connection_when_most_stream_ids_are_orphaned() {
    List<InFlightRequest> requests = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      requests.add(submit(new Outcome(), Long.MAX_VALUE));
    }
    assertThat(drain()).isEqualTo(7);
    for (int i = 0; i < 6; i++) {
      requests.get(i).cancel();
    }
    assertThat(closes).as("6 of 8 orphaned: not more than 3/4").isEmpty();
    requests.get(6).cancel();
    assertThat(closes).singleElement().asString().contains("7 orphaned stream ids");
  }

  private InFlightRequest submit(Outcome outcome, long deadlineNanos) {
    PendingRequest request =
        table.submit(framing, new Options(), 0, null, outcome, 0, deadlineNanos);
    if (request != null) {
      table.watchDeadline(deadlineNanos);
    }
    return request;
  }

  private int drain() {
    return table.drain(new ArrayList<>(), Integer.MAX_VALUE);
  }

  /** Counts what a request was told. */
  private static final class Outcome implements ResponseCallback {
    int responses;
    int deadlines;
    final List<Throwable> failures = new ArrayList<>();

    @Override
    public void onResponse(Frame frame) {
      responses++;
    }

    @Override
    public void onFailure(Throwable error) {
      failures.add(error);
    }

    @Override
    public void onDeadline() {
      deadlines++;
    }
  }

  /** A timer whose tasks run when the test says so, whatever their delay. */
  private static final class ManualTimer implements Timer {
    final List<Runnable> scheduled = new ArrayList<>();

    @Override
    public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
      scheduled.add(task);
      return new Timeout() {
        @Override
        public boolean cancel() {
          return scheduled.remove(task);
        }

        @Override
        public boolean isCancelled() {
          return false;
        }

        @Override
        public boolean isExpired() {
          return false;
        }
      };
    }

    /** Runs the tasks scheduled so far (those they schedule wait for the next call). */
    void runScheduled() {
      List<Runnable> due = new ArrayList<>(scheduled);
      scheduled.clear();
      due.forEach(Runnable::run);
    }
  }
}
