package io.loomcql.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * The write load of a node-failure test: virtual threads writing idempotent inserts into {@code
 * <keyspace>.kv} and a few writing lightweight transactions ({@code IF NOT EXISTS}, each key once)
 * into {@code <keyspace>.lwt}, in a loop until {@link #stop()}, counting what was acknowledged and
 * what failed; then the read back ({@link ReadBack}) and the checks that judge them.
 *
 * <p>Threads: the writers only add to the concurrent queues and read the counters; the test's own
 * thread starts, stops, reads back and asserts.
 */
final class WriteLoad {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong nextKey = new AtomicLong();
  private final AtomicLong nextLwtKey = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> lwtApplied = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> lwtNotApplied = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> lwtFailed = new ConcurrentLinkedQueue<>();
  /** The test's thread only. */
  private final List<Thread> threads = new ArrayList<>();
  private final String keyspace;
  /** Set by {@link #readBack}: the keys of each table, failed LWTs a SERIAL read found included. */
  private Set<Long> stored;
  private Set<Long> lwtStored;
  private long lwtFailedButApplied;

  private WriteLoad(String keyspace) {
    this.keyspace = keyspace;
  }

  /** Creates {@code keyspace} (RF 3) if needed, and its tables {@code kv} and {@code lwt} afresh. */
  static void createTables(Session session, String keyspace) {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
    session.execute("DROP TABLE IF EXISTS " + keyspace + ".kv");
    session.execute("DROP TABLE IF EXISTS " + keyspace + ".lwt");
    session.execute("CREATE TABLE " + keyspace + ".kv (k bigint PRIMARY KEY, v bigint)");
    session.execute("CREATE TABLE " + keyspace + ".lwt (k bigint PRIMARY KEY, v bigint)");
  }

  /**
   * Starts the writers. Each one takes the next key and calls its writer with it until stopped.
   *
   * @param keyspace where {@link #createTables} made the tables the writers write to
   * @param write writes key {@code k} into {@code kv} idempotently; returning is the acknowledgement,
   *     any {@link RuntimeException} a failure
   * @param lwt writes key {@code k} into {@code lwt} by an LWT and returns whether it was applied
   */
  static WriteLoad start(
      String keyspace, int writers, LongConsumer write, int lwtWriters, LongPredicate lwt) {
    WriteLoad load = new WriteLoad(keyspace);
    for (int i = 0; i < writers; i++) {
      load.threads.add(Thread.ofVirtual().start(() -> load.writeUntilStopped(write)));
    }
    for (int i = 0; i < lwtWriters; i++) {
      load.threads.add(Thread.ofVirtual().start(() -> load.writeLwtsUntilStopped(lwt)));
    }
    return load;
  }

  private void writeUntilStopped(LongConsumer write) {
    while (running.get()) {
      long k = nextKey.getAndIncrement();
      try {
        write.accept(k);
        acknowledged.add(k);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
  }

  private void writeLwtsUntilStopped(LongPredicate lwt) {
    while (running.get()) {
      long k = nextLwtKey.getAndIncrement();
      try {
        if (lwt.test(k)) {
          lwtApplied.add(k);
        } else {
          lwtNotApplied.add(k);
        }
      } catch (RuntimeException e) {
        lwtFailed.add(k);
      }
    }
  }

  /** Stops the writers and waits (up to 30 s each) for them to finish their last write. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30));
    }
  }

  /**
   * Reads both tables back at QUORUM. A failed LWT may have been proposed without being
   * committed: a SERIAL read of its key settles it.
   */
  void readBack(Session session) {
    stored = ReadBack.keys(session, keyspace + ".kv");
    lwtStored = ReadBack.keys(session, keyspace + ".lwt");
    lwtFailedButApplied = 0;
    for (long k : lwtFailed) {
      if (ReadBack.serialRowExists(session, keyspace + ".lwt", k)) {
        lwtFailedButApplied++;
        lwtStored.add(k);
      }
    }
  }

  /** The keys of {@code kv} that {@link #readBack} found. */
  Set<Long> stored() {
    return stored;
  }

  /**
   * The figures, once read back: "writes acknowledged N, failed N; LWT applied N, not applied N,
   * failed N (of which applied N), rows N".
   */
  String figures() {
    return String.format(
        "writes acknowledged %d, failed %d; LWT applied %d, not applied %d, failed %d"
            + " (of which applied %d), rows %d",
        acknowledged.size(), failures.size(), lwtApplied.size(), lwtNotApplied.size(),
        lwtFailed.size(), lwtFailedButApplied, lwtStored.size());
  }

  /**
   * Once read back: no idempotent write failed and every acknowledged one is stored; every
   * acknowledged LWT is stored and the driver sent none twice (a re-sent one answers "not
   * applied"), so the LWT rows are the acknowledged ones plus at most the failed ones.
   */
  void assertNothingLostAndNoLwtSentTwice() {
    assertThat(failures).as("idempotent writes that failed").isEmpty();
    assertThat(acknowledged).isNotEmpty();
    assertThat(acknowledged.stream().filter(k -> !stored.contains(k)).toList())
        .as("acknowledged writes missing afterwards")
        .isEmpty();
    assertThat(lwtApplied).isNotEmpty();
    assertThat(lwtNotApplied).as("LWTs answered 'not applied': sent twice").isEmpty();
    assertThat(lwtApplied.stream().filter(k -> !lwtStored.contains(k)).toList())
        .as("acknowledged LWTs missing afterwards")
        .isEmpty();
    assertThat((long) lwtStored.size())
        .isGreaterThanOrEqualTo(lwtApplied.size())
        .isLessThanOrEqualTo((long) lwtApplied.size() + lwtFailed.size());
  }
}
