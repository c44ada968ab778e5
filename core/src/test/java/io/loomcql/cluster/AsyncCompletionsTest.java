package io.loomcql.cluster;

import static io.loomcql.cluster.BlockingRequestTest.profile;
import static io.loomcql.cluster.BlockingRequestTest.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.FakeConnection.Sent;
import io.loomcql.cluster.internal.CallbackRunners;
import io.loomcql.cluster.internal.request.AsyncRequest;
import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Async requests completed the way the cluster completes them by default: the answer arrives on
 * an "I/O" thread (a platform thread of the test), the request's step and the future's callbacks
 * run on the cluster's runner virtual threads ({@link CallbackRunners}). Latches only; their
 * bound turns a hang into a failure and measures nothing.
 */
class AsyncCompletionsTest {

  private static final ProtocolVersion V4 = ProtocolVersion.V4;
  private static final long GENEROUS_SECONDS = 60;

  private static ResponseFuture start(FakeRequestContext context, String cql) {
    SimpleStatement statement = new SimpleStatement(cql);
    ResponseFuture future = new ResponseFuture(statement, context.callbackExecutor());
    AsyncRequest request =
        new AsyncRequest(context, statement, statement, template(statement, profile(null)), null, 0, future);
    future.running(request);
    request.startAsync();
    return future;
  }

  /** Answers {@code sent} on a platform thread of its own, as an I/O thread would. */
  private static void answerOnIoThread(List<Sent> sent) throws InterruptedException {
    Thread io = Thread.ofPlatform().name("t-io-0").start(() -> {
      for (Sent s : sent) {
        s.answer(V4, Opcodes.RESULT, ResponseBodies.voidResult());
      }
    });
    io.join();
  }

  @Test
  void a_callback_that_blocks_does_not_delay_the_callbacks_of_other_requests() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    FakeRequestContext context = new FakeRequestContext(1, runners);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean blockedReturned = new AtomicBoolean();
    CountDownLatch blockedDone = new CountDownLatch(1);
    ResponseFuture first = start(context, "INSERT INTO t (k) VALUES (1)");
    first.whenComplete((rs, error) -> {
      await(release);
      blockedReturned.set(true);
      blockedDone.countDown();
    });
    int others = 50;
    CountDownLatch othersDone = new CountDownLatch(others);
    List<ResponseFuture> futures = new ArrayList<>();
    for (int i = 0; i < others; i++) {
      ResponseFuture f = start(context, "INSERT INTO t (k) VALUES (2)");
      f.whenComplete((rs, error) -> othersDone.countDown());
      futures.add(f);
    }
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i <= others; i++) {
      sent.add(context.connection(1).next());
    }

    answerOnIoThread(sent); // the blocking callback's request first

    assertThat(othersDone.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(blockedReturned).isFalse();
    assertThat(futures).allSatisfy(f -> assertThat(f.result()).isNotNull());
    release.countDown();
    assertThat(blockedDone.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    runners.stop();
  }

  @Test
  void every_completion_runs_once_on_a_runner_virtual_thread_never_on_the_io_thread() throws Exception {
    CallbackRunners runners = new CallbackRunners("t-callback");
    FakeRequestContext context = new FakeRequestContext(1, runners);
    int requests = 2000;
    AtomicIntegerArray calls = new AtomicIntegerArray(requests);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(requests);
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int id = i;
      ResponseFuture f = start(context, "INSERT INTO t (k) VALUES (" + i + ")");
      f.addCallback(rs -> {
        threads.add(Thread.currentThread());
        calls.incrementAndGet(id);
        done.countDown();
      });
      sent.add(context.connection(1).next());
    }

    answerOnIoThread(sent);

    assertThat(done.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < requests; i++) {
      assertThat(calls.get(i)).as("callbacks of request %d", i).isEqualTo(1);
    }
    assertThat(threads).allSatisfy(t -> {
      assertThat(t.isVirtual()).isTrue();
      assertThat(t.getName()).startsWith("t-callback-");
    });
    assertThat(context.ended).hasSize(requests).containsOnly("succeeded");
    runners.stop();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(GENEROUS_SECONDS))).as("%s ended", t).isTrue();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(GENEROUS_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("latch never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
