package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

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
      // Let the stream deliver what was recorded before looking.
      Thread.sleep(Duration.ofSeconds(2));
    }
    assertThat(pinned).as("virtual threads pinned to their carrier").isEmpty();
  }
}
