package io.loomcql.examples;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import io.loomcql.query.RowFactory;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quickstart {@code bin/demo} runs: connect, show the server version, then write rows with a
 * prepared statement from many virtual threads, each calling the blocking {@code execute}, and
 * read them back page by page, as records, and run a lightweight transaction.
 *
 * <p>Arguments (all optional): {@code [contactPoint] [port] [rows] [threads]}, defaults
 * {@code 127.0.0.1 9042 10000 200}.
 */
public final class Quickstart {

  /** A row of {@code users}, read with {@link RowFactory#record}. */
  public record User(int id, String name, boolean active, UUID session, Instant created) {}

  public static void main(String[] args) throws Exception {
    String contactPoint = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9042;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 200;

    try (Cluster cluster = Cluster.builder().contactPoints(contactPoint).port(port).build();
        Session session = cluster.connect()) {

      Row local = session.execute("SELECT release_version, cluster_name FROM system.local").one();
      System.out.printf(
          "Connected to '%s' at %s:%d: Cassandra %s, native protocol %s%n",
          local.getString("cluster_name"), contactPoint, port, local.getString("release_version"),
          cluster.protocolVersion());

      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS loomcql_demo WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.setKeyspace("loomcql_demo");
      session.execute(
          "CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, session uuid, "
              + "created timestamp, active boolean)");
      session.execute("TRUNCATE users");

      writeRows(session, rows, threads);
      long read = readRows(session);
      showRecords(session, rows);
      insertIfAbsent(session, rows);
      if (read != rows) {
        throw new IllegalStateException("Expected " + rows + " rows, read " + read);
      }
    }
  }

  /** Writes {@code rows} rows with a prepared statement from {@code threads} virtual threads. */
  private static void writeRows(Session session, int rows, int threads) throws Exception {
    PreparedStatement insert =
        session.prepare("INSERT INTO users (id, name, session, created, active) VALUES (?, ?, ?, ?, ?)");
    AtomicLong written = new AtomicLong();
    long start = System.nanoTime();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        writers.add(
            executor.submit(
                () -> {
                  for (int id = first; id < rows; id += threads) {
                    session.execute(
                        insert.bind(id, "user-" + id, UUID.randomUUID(), Instant.now(), id % 2 == 0));
                    written.incrementAndGet();
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    }
    Duration writeTime = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "Wrote %,d rows from %d virtual threads in %d ms (%,.0f rows/s)%n",
        written.get(), threads, writeTime.toMillis(), written.get() / (writeTime.toNanos() / 1e9));
  }

  /** Reads every row back, page by page; returns how many there were. */
  private static long readRows(Session session) {
    long start = System.nanoTime();
    long read = 0;
    ResultSet all = session.execute(new SimpleStatement("SELECT id, name, active FROM users").setFetchSize(1000));
    for (Row row : all) {
      read++;
    }
    System.out.printf(
        "Read %,d rows back in pages of 1000 in %d ms%n",
        read, Duration.ofNanos(System.nanoTime() - start).toMillis());
    return read;
  }

  /** Rows as records: columns match the components by name. */
  private static void showRecords(Session session, int rows) {
    for (int id : new int[] {0, 1, rows / 2, rows - 1}) {
      User user =
          session.execute("SELECT id, name, active, session, created FROM users WHERE id = %s", id)
              .one(RowFactory.record(User.class));
      System.out.printf(
          "  id=%-6d name=%-12s active=%-5s session=%s created=%s%n",
          user.id(), user.name(), user.active(), user.session(), user.created());
    }
  }

  /** A lightweight transaction: applied once, then refused with the row that is there. */
  private static void insertIfAbsent(Session session, int id) {
    String insertIfAbsent = "INSERT INTO users (id, name) VALUES (%s, %s) IF NOT EXISTS";
    ResultSet first = session.execute(insertIfAbsent, id, "first");
    ResultSet second = session.execute(insertIfAbsent, id, "second");
    System.out.printf(
        "LWT: first insert applied=%s, second applied=%s (name stays '%s')%n",
        first.wasApplied(), second.wasApplied(), second.one().getString("name"));
  }
}
