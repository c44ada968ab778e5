package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.SimpleStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of virtual threads in blocking execute, with JFR watching for a carrier thread pinned
 * by a parked virtual thread. What the JVM pins by itself while it loads a class (it calls the
 * class loader, which locks per class name, with a VM frame on the stack, so a contending virtual
 * thread cannot unmount) is reported but not counted: it happens once per class and is no code of
 * ours. {@link NoMonitorsTest} covers the pinning a Java 21 runtime would add for monitors.
 */
@RealCassandra
class VirtualThreadsIT {

  @Test
  void thousands_of_virtual_threads_execute_without_pinning_a_carrier(TestCluster cassandra)
      throws Exception {
    List<RecordedEvent> pinned = new CopyOnWriteArrayList<>();
    try (RecordingStream recording = new RecordingStream();
        Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      recording.enable("jdk.VirtualThreadPinned").withoutThreshold().withStackTrace();
      recording.onEvent("jdk.VirtualThreadPinned", pinned::add);
      recording.startAsync();

      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_vthreads WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_vthreads.t (k int PRIMARY KEY, v text)");
      AtomicInteger done = new AtomicInteger();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      int threads = 2000;
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < threads; t++) {
          int k = t;
          executor.submit(
              () -> {
                try {
                  session.execute(
                      SimpleStatement.newInstance(
                          "INSERT INTO it_vthreads.t (k, v) VALUES (?, ?)", k, "v" + k));
                  String v =
                      session
                          .execute(
                              SimpleStatement.newInstance(
                                  "SELECT v FROM it_vthreads.t WHERE k = ?", k))
                          .one()
                          .getString("v");
                  if (v.equals("v" + k)) {
                    done.incrementAndGet();
                  }
                } catch (RuntimeException | Error e) {
                  failures.add(e);
                }
              });
        }
      }
      assertThat(failures).as("requests that failed").isEmpty();
      assertThat(done.get()).isEqualTo(threads);
      // Stops recording and returns once the stream has delivered every event recorded so far.
      recording.stop();
    }
    List<String> ours = new ArrayList<>();
    for (RecordedEvent event : pinned) {
      String stack = describe(event);
      if (isClassLoading(event)) {
        System.out.println("pinned while the JVM loaded a class (not counted): " + stack);
      } else {
        ours.add(stack);
      }
    }
    assertThat(ours).as("virtual threads pinned to their carrier").isEmpty();
  }

  private static boolean isClassLoading(RecordedEvent event) {
    return event.getStackTrace() != null
        && event.getStackTrace().getFrames().stream()
            .anyMatch(frame -> frame.getMethod().getName().equals("loadClass")
                || frame.getMethod().getName().equals("<clinit>"));
  }

  private static String describe(RecordedEvent event) {
    StringBuilder text = new StringBuilder(event.getDuration().toNanos() / 1000 + " us");
    if (event.hasField("pinnedReason")) {
      text.append(", ").append(event.getString("pinnedReason"));
    }
    if (event.getStackTrace() != null) {
      event.getStackTrace().getFrames().stream().limit(30).forEach(frame -> text.append("\n  at ")
          .append(frame.getMethod().getType().getName()).append('.').append(frame.getMethod().getName())
          .append(':').append(frame.getLineNumber()));
    }
    return text.toString();
  }
}
