package io.loomcql.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write coalescing through the counters, over a fixed number of requests (not a timed window, so
 * a slow machine does the same work more slowly), and indicative throughput against the loopback
 * server (run with {@code -Dloomcql.measure=true} for more requests and the loop-count comparison).
 * The server is one platform thread per connection answering each read in one write, on the same
 * 2 cores: throughput figures are printed, never asserted.
 */
class CoalescingTest {

  private static final boolean MEASURE = Boolean.getBoolean("loomcql.measure");
  /** Requests of one run, shared by its callers; a run first does a fifth of that as warm-up. */
  private static final int REQUESTS = MEASURE ? 400_000 : 10_000;

  record Result(int callers, double requestsPerSecond, TransportCounters counters, long requests) {
    @Override
    public String toString() {
      return String.format(
          "%4d callers: %9.0f req/s, %6.1f frames/flush, %.3f wakeups/req",
          callers, requestsPerSecond, counters.framesPerFlush(),
          (double) counters.wakeups() / Math.max(1, requests));
    }
  }

  @ParameterizedTest
  @EnumSource(TestTransport.class)
  void many_concurrent_callers_share_write_syscalls(TestTransport kind) throws Exception {
    try (CqlTestServer server = TestServers.echo();
        TransportFactory transport = kind.create("coalesce-" + kind.name().toLowerCase())) {
      List<Connection> connections = new ArrayList<>();
      connections.add(open(transport, server));
      List<Result> results = new ArrayList<>();
      for (int callers : new int[] {1, 16, 256}) {
        results.add(run(transport, connections, callers));
      }
      for (Result r : results) {
        System.out.println("[coalescing] " + kind + " " + r);
      }
      // Without coalescing every flush carries exactly one frame. How many more share a flush
      // depends on how busy the machine is (the server shares its 2 cores), so ask only for
      // clear sharing, not a figure.
      assertThat(results.get(2).counters().framesPerFlush()).isGreaterThan(1.2);
      if (kind == TestTransport.NIO) {
        // One caller at a time: it writes to the sleeping loop itself instead of waking it.
        Result one = results.get(0);
        assertThat((double) one.counters().wakeups() / Math.max(1, one.requests())).isLessThan(0.1);
      }
      connections.forEach(Connection::close);
    }
  }

  @ParameterizedTest
  @EnumSource(TestTransport.class)
  void one_thread_keeping_a_window_of_requests_in_flight_writes_them_in_batches(TestTransport kind)
      throws Exception {
    try (CqlTestServer server = TestServers.echo();
        TransportFactory transport = kind.create("window-" + kind.name().toLowerCase())) {
      Connection connection = open(transport, server);
      int window = 1024;
      int total = 100_000;
      Semaphore permits = new Semaphore(window);
      LongAdder answered = new LongAdder();
      TransportCounters before = transport.counters();
      Thread submitter =
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < total; i++) {
                      permits.acquireUninterruptibly();
                      Queries.query(connection, "w")
                          .whenComplete(
                              (answer, error) -> {
                                if (error == null) {
                                  answered.increment();
                                }
                                permits.release();
                              });
                    }
                  });
      submitter.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(permits.tryAcquire(window, 30, TimeUnit.SECONDS)).isTrue();
      TransportCounters counters = transport.counters().minus(before);
      System.out.printf(
          "[window] %s: %.1f frames/flush, %.4f write syscalls/request, %.4f wakeups/request%n",
          kind, counters.framesPerFlush(), (double) counters.flushes() / total,
          (double) counters.wakeups() / total);
      assertThat(answered.sum()).isEqualTo(total);
      assertThat(counters.framesWritten()).isEqualTo(total);
      if (kind != TestTransport.BLOCKING) {
        // The loop writes for the lone submitter: all it queued while the loop woke up, at once.
        // (Blocking sockets have no loop: the submitter writes what it finds after one yield.)
        assertThat((double) counters.flushes() / total).isLessThan(0.1);
      }
      connection.close();
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "loomcql.measure", matches = "true")
  void compare_loop_counts_with_two_connections() throws Exception {
    for (int loops : new int[] {1, 2, 1, 2}) {
      try (CqlTestServer server = TestServers.echo();
          TransportFactory transport = Transports.nio("loops-" + loops, loops)) {
        List<Connection> connections = List.of(open(transport, server), open(transport, server));
        for (int callers : new int[] {16, 256}) {
          Result result = run(transport, connections, callers);
          System.out.println("[loops] " + loops + " loop(s), 2 connections, " + result);
          assertThat(result.counters().framesWritten()).as("frames written").isEqualTo(result.requests());
        }
        assertThat(connections.stream().map(Connection::timer).distinct().count())
            .as("loops the two connections were given").isEqualTo(loops);
      }
    }
  }

  private static Connection open(TransportFactory transport, CqlTestServer server) throws Exception {
    return transport
        .open(server.address(), ConnectionOptions.defaults(ProtocolVersion.V4))
        .get(10, TimeUnit.SECONDS);
  }

  /**
   * {@code callers} virtual threads sending one request at a time until {@link #REQUESTS} (shared
   * among them) are answered, after a warm-up of a fifth of that; the counters cover the measured
   * part only, and every request of it is answered.
   */
  private static Result run(TransportFactory transport, List<Connection> connections, int callers)
      throws Exception {
    runRequests(connections, callers, REQUESTS / 5);
    TransportCounters before = transport.counters();
    long start = System.nanoTime();
    long requests = runRequests(connections, callers, REQUESTS);
    long elapsed = System.nanoTime() - start;
    TransportCounters counters = transport.counters().minus(before);
    assertThat(requests).as("answered").isEqualTo((long) REQUESTS / callers * callers);
    return new Result(callers, requests * 1e9 / elapsed, counters, requests);
  }

  private static long runRequests(List<Connection> connections, int callers, int total)
      throws Exception {
    int perCaller = total / callers;
    LongAdder done = new LongAdder();
    List<Future<?>> workers = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < callers; c++) {
        Connection connection = connections.get(c % connections.size());
        workers.add(
            executor.submit(
                () -> {
                  for (int i = 0; i < perCaller; i++) {
                    Queries.query(connection, "x").get(10, TimeUnit.SECONDS);
                    done.increment();
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    }
    return done.sum();
  }
}
