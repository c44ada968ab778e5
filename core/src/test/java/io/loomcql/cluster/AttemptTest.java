package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.Request;
import io.loomcql.transport.internal.Connection;
import io.loomcql.transport.internal.EventLoop;
import io.loomcql.transport.internal.InFlightRequest;
import io.loomcql.transport.internal.ResponseCallback;
import io.loomcql.transport.internal.Timeout;
import io.loomcql.transport.internal.Timer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A blocking attempt keeps its deadline on the connection's timer, not in a timed park. */
class AttemptTest {

  private final EventLoop loop = new EventLoop("attempt-test");
  private final FakeConnection connection = new FakeConnection(loop);

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void a_waiting_caller_times_out_through_the_connection_timer() throws Exception {
    Attempt attempt = Attempt.blocking(connection);
    long start = System.nanoTime();
    Object outcome = attempt.await(start + TimeUnit.MILLISECONDS.toNanos(50));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(outcome).isSameAs(Attempt.TIMED_OUT);
    assertThat(tookMillis).isBetween(45L, 2_000L);
    assertThat(connection.timeouts).hasSize(1);
    assertThat(connection.timeouts.get(0).isExpired()).isTrue();
  }

  @Test
  void an_answer_wakes_the_caller_and_cancels_its_timer() throws Exception {
    Attempt attempt = Attempt.blocking(connection);
    Frame answer = new Frame(ProtocolVersion.V4, 0, 1, 0x08, ByteBuffer.allocate(0));
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  Attempt own = Attempt.blocking(connection);
                  connection.lastCallback = own;
                  outcome.complete(own.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
                });
    while (connection.timeouts.isEmpty()) {
      Thread.sleep(1);
    }
    long start = System.nanoTime();
    loop.execute(() -> connection.lastCallback.onResponse(answer));

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isSameAs(answer);
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
    waiter.join();
    assertThat(connection.timeouts).hasSize(1);
    assertThat(connection.timeouts.get(0).isCancelled()).isTrue();
    assertThat(attempt.outcome()).isNull();
  }

  @Test
  void an_answer_before_the_wait_returns_at_once_without_a_timer_left_behind() {
    Attempt attempt = Attempt.blocking(connection);
    Frame answer = new Frame(ProtocolVersion.V4, 0, 1, 0x08, ByteBuffer.allocate(0));
    attempt.onResponse(answer);

    assertThat(attempt.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isSameAs(answer);
    assertThat(connection.timeouts).allMatch(t -> t.isCancelled() || t.isExpired());
  }

  @Test
  void an_interrupt_does_not_end_the_wait_but_is_kept() throws Exception {
    CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  Attempt own = Attempt.blocking(connection);
                  outcome.complete(own.await(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200)));
                  interruptedAfter.complete(Thread.currentThread().isInterrupted());
                });
    while (connection.timeouts.isEmpty()) {
      Thread.sleep(1);
    }
    waiter.interrupt();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isSameAs(Attempt.TIMED_OUT);
    assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
  }

  /** Just enough of a connection for an attempt: a timer that records what it scheduled. */
  private static final class FakeConnection implements Connection {
    final List<Timeout> timeouts = new CopyOnWriteArrayList<>();
    final Timer timer;
    volatile ResponseCallback lastCallback;

    FakeConnection(EventLoop loop) {
      this.timer =
          (task, delay, unit) -> {
            Timeout t = loop.schedule(task, delay, unit);
            timeouts.add(t);
            return t;
          };
    }

    @Override
    public InetSocketAddress endpoint() {
      return new InetSocketAddress("127.0.0.1", 9042);
    }

    @Override
    public ProtocolVersion protocolVersion() {
      return ProtocolVersion.V4;
    }

    @Override
    public InFlightRequest send(
        Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback) {
      lastCallback = callback;
      return null;
    }

    @Override
    public void close() {}

    @Override
    public void closeWith(Throwable cause) {}

    @Override
    public boolean isClosed() {
      return false;
    }

    @Override
    public CompletableFuture<Throwable> closeFuture() {
      return new CompletableFuture<>();
    }

    @Override
    public int pendingRequests() {
      return 0;
    }

    @Override
    public String keyspace() {
      return null;
    }

    @Override
    public void keyspace(String keyspace) {}

    @Override
    public Timer timer() {
      return timer;
    }

    @Override
    public String compression() {
      return null;
    }
  }
}
