package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.QueryExhaustedException;
import io.loomcql.SyntaxException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResponseFuture;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@RealCassandra
class AsyncIT {

  @Test
  void callbacks_receive_results_and_errors_off_the_io_thread(TestCluster cassandra) throws Exception {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      CompletableFuture<String> version = new CompletableFuture<>();
      CompletableFuture<Throwable> error = new CompletableFuture<>();
      CompletableFuture<String> callbackThread = new CompletableFuture<>();

      session
          .executeAsync("SELECT release_version FROM system.local")
          .addCallback(
              rs -> {
                callbackThread.complete(Thread.currentThread().toString());
                version.complete(rs.one().getString(0));
              });
      session.executeAsync("SELEKT nothing").addErrback(error::complete);

      assertThat(version.get(10, TimeUnit.SECONDS)).startsWith("5.0.");
      assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOf(SyntaxException.class);
      assertThat(callbackThread.get()).doesNotContain("-io-");
    }
  }

  @Test
  void a_blocked_callback_holds_back_no_other_callback_and_close_ends_the_callback_threads(
      TestCluster cassandra) throws Exception {
    Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blockedDone = new CountDownLatch(1);
    String prefix;
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      prefix = cluster.toString().replaceAll(".*Cluster\\((loomcql-\\d+).*", "$1") + "-callback-";
      session
          .executeAsync("SELECT release_version FROM system.local")
          .addCallback(
              rs -> {
                callbackThreads.add(Thread.currentThread());
                awaitQuietly(release);
                blockedDone.countDown();
              });
      int others = 200;
      CountDownLatch othersDone = new CountDownLatch(others);
      for (int i = 0; i < others; i++) {
        session
            .executeAsync("SELECT release_version FROM system.local")
            .whenComplete(
                (rs, error) -> {
                  callbackThreads.add(Thread.currentThread());
                  othersDone.countDown();
                });
      }

      assertThat(othersDone.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(blockedDone.getCount()).as("the blocked callback is still blocked").isOne();
      release.countDown();
      assertThat(blockedDone.await(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(callbackThreads)
        .allSatisfy(
            t -> {
              assertThat(t.isVirtual()).isTrue();
              assertThat(t.getName()).startsWith(prefix);
            });
    for (Thread t : callbackThreads) {
      assertThat(t.join(Duration.ofSeconds(60))).as("%s ended after close", t).isTrue();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void many_requests_in_flight_complete_as_a_completion_stage(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      List<CompletableFuture<String>> versions = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        versions.add(
            session
                .executeAsync("SELECT release_version FROM system.local")
                .thenApply(rs -> rs.one().getString("release_version")));
      }
      for (CompletableFuture<String> v : versions) {
        assertThat(v.join()).startsWith("5.0.");
      }
      ResponseFuture failing = session.executeAsync("SELEKT");
      assertThatThrownBy(failing::result).isInstanceOf(SyntaxException.class);
    }
  }

  @Test
  void start_fetching_next_page_calls_the_callbacks_again_with_each_page(TestCluster cassandra)
      throws Exception {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_async WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS it_async.paged (k int PRIMARY KEY)");
      PreparedStatement insert = session.prepare("INSERT INTO it_async.paged (k) VALUES (?)");
      for (int k = 0; k < 100; k++) {
        session.execute(insert.bind(k));
      }

      ResponseFuture future =
          session.executeAsync(new SimpleStatement("SELECT k FROM it_async.paged").setFetchSize(7));
      Set<Integer> keys = ConcurrentHashMap.newKeySet();
      AtomicInteger calls = new AtomicInteger();
      CompletableFuture<Void> done = new CompletableFuture<>();
      future.addCallbacks(
          page -> {
            calls.incrementAndGet();
            page.currentRows().forEach(row -> keys.add(row.getInt("k")));
            if (future.hasMorePages()) {
              future.startFetchingNextPage();
            } else {
              done.complete(null);
            }
          },
          done::completeExceptionally);

      done.get(60, TimeUnit.SECONDS);
      assertThat(keys).hasSize(100);
      assertThat(calls.get()).isEqualTo(15); // 14 pages of 7 rows, one of 2
      assertThat(future.result().hasMorePages()).isFalse();
      assertThatThrownBy(future::startFetchingNextPage).isInstanceOf(QueryExhaustedException.class);
    }
  }
}
