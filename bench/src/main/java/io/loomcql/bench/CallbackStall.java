package io.loomcql.bench;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.Session;
import io.loomcql.query.PreparedStatement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Shows what a blocking callback costs the others with loomcql's default callback executor: per
 * round, one request's callback sleeps 100 ms ({@code --sleep-ms}: 0 gives the same figures with no
 * callback blocked), then {@code --others} requests are sent one every
 * {@code --spacing-us} microseconds; each of their callbacks records the time from its request's
 * submission. Prints, per round, the median and the longest of those times: the longest should be
 * about the runners' stall threshold (1 ms) plus a round trip, far from 100 ms.
 *
 * <pre>
 * CallbackStall [--host H --port P (default: a stub server in this JVM)] [--rounds 5] [--others 1000]
 *               [--spacing-us 20] [--sleep-ms 100]
 * </pre>
 */
public final class CallbackStall {

  private CallbackStall() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String host = args.string("--host", null);
    int port = args.integer("--port", 9042);
    int rounds = args.integer("--rounds", 5);
    int others = args.integer("--others", 1000);
    long spacingNanos = args.longValue("--spacing-us", 20) * 1000;
    long sleepMillis = args.longValue("--sleep-ms", 100);
    args.checkAllUsed();
    StubServer stub = host == null ? new StubServer("127.0.0.1", 0, 64) : null;
    try (Cluster cluster = Cluster.builder()
            .contactPoints(stub != null ? "127.0.0.1" : host)
            .port(stub != null ? stub.port() : port)
            .build();
        Session session = cluster.connect()) {
      PreparedStatement insert = session.prepare(Workload.INSERT);
      for (int round = 1; round <= rounds; round++) {
        CountDownLatch done = new CountDownLatch(others);
        Recorder waits = new Recorder(3);
        AtomicLong blockedFor = new AtomicLong();
        long blockedStart = System.nanoTime();
        session.executeAsync(insert.bind(0L, "blocked")).whenComplete((rs, error) -> {
          sleep(sleepMillis);
          blockedFor.set(System.nanoTime() - blockedStart);
        });
        for (int i = 0; i < others; i++) {
          long submitted = System.nanoTime();
          ResponseFuture f = session.executeAsync(insert.bind((long) i, "other"));
          f.whenComplete((rs, error) -> {
            waits.recordValue(System.nanoTime() - submitted);
            done.countDown();
          });
          long next = submitted + spacingNanos;
          while (System.nanoTime() < next) {
            Thread.onSpinWait();
          }
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the other callbacks did not all run within 30 s");
        }
        Histogram h = waits.getIntervalHistogram();
        System.out.printf("round %d: %d callbacks while one slept %d ms (%s): submission to callback p50 %.2f ms,"
                + " max %.2f ms%n", round, others, sleepMillis,
            blockedFor.get() == 0 ? "still sleeping when the last ran" : "it returned first",
            h.getValueAtPercentile(50) / 1e6, h.getMaxValue() / 1e6);
        sleep(150);
      }
    } finally {
      if (stub != null) {
        stub.close();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
