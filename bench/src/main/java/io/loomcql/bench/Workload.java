package io.loomcql.bench;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One benchmark operation against the fixed bench table {@code b.kv(id bigint PRIMARY KEY, v
 * text)}: read by key, write (insert) by key, mixed, scan of one large page, or an unlogged batch
 * of inserts. Keys are uniform in {@code [0, keys)}; values are drawn from a pool of 1,024 random
 * ASCII strings of {@code valueSize} characters generated once (so that making values costs
 * nothing per operation, the same for both drivers).
 *
 * <p>Thread-safe: state is read-only after construction; randomness comes from the caller's
 * {@link ThreadLocalRandom}.
 */
final class Workload {

  static final String KEYSPACE_CQL =
      "CREATE KEYSPACE IF NOT EXISTS b WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
  static final String TABLE_CQL = "CREATE TABLE IF NOT EXISTS b.kv (id bigint PRIMARY KEY, v text)";
  static final String INSERT = "INSERT INTO b.kv (id, v) VALUES (?, ?)";
  static final String SELECT = "SELECT id, v FROM b.kv WHERE id = ?";

  /** B5's table: one partition of rows of five columns (int, bigint, text of 32, uuid, blob of 100). */
  static final String WIDE_TABLE_CQL = "CREATE TABLE IF NOT EXISTS b.wide (pk int, ck int, i int, b bigint, t text,"
      + " u uuid, bl blob, PRIMARY KEY (pk, ck))";
  static final String WIDE_INSERT = "INSERT INTO b.wide (pk, ck, i, b, t, u, bl) VALUES (0, ?, ?, ?, ?, ?, ?)";

  static String wideCql(int rows) {
    return "SELECT i, b, t, u, bl FROM b.wide WHERE pk = 0 LIMIT " + rows;
  }

  static String scanCql(int rows) {
    return "SELECT id, v FROM b.kv LIMIT " + rows;
  }

  enum Kind {
    READ, WRITE, MIXED, SCAN, BATCH,
    /** A page of {@code --scan-rows} rows of five columns of b.wide, every cell read (B5). */
    WIDE;

    static Kind parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final int VALUE_POOL = 1024;

  private final Kind kind;
  private final DriverAdapter adapter;
  private final DriverAdapter.Handle read;
  private final DriverAdapter.Handle write;
  private final DriverAdapter.Handle scan;
  private final long keys;
  private final int batchSize;
  private final double readRatio;
  private final String[] values;

  Workload(Kind kind, DriverAdapter adapter, boolean prepared, long keys, int valueSize, int scanRows,
      int batchSize, double readRatio) {
    this.kind = kind;
    this.adapter = adapter;
    this.keys = keys;
    this.batchSize = batchSize;
    this.readRatio = readRatio;
    this.values = values(valueSize);
    boolean reads = kind == Kind.READ || kind == Kind.MIXED;
    boolean writes = kind == Kind.WRITE || kind == Kind.MIXED || kind == Kind.BATCH;
    this.read = reads ? handle(prepared, SELECT) : null;
    this.write = writes ? handle(prepared, INSERT) : null;
    this.scan = kind == Kind.SCAN ? handle(prepared, scanCql(scanRows))
        : kind == Kind.WIDE ? handle(prepared, wideCql(scanRows)) : null;
  }

  private DriverAdapter.Handle handle(boolean prepared, String cql) {
    return prepared ? adapter.prepare(cql) : adapter.simple(cql);
  }

  static String[] values(int valueSize) {
    SplittableRandom random = new SplittableRandom(42);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    String[] pool = new String[VALUE_POOL];
    char[] chars = new char[valueSize];
    for (int i = 0; i < pool.length; i++) {
      for (int j = 0; j < valueSize; j++) {
        chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      pool[i] = new String(chars);
    }
    return pool;
  }

  Kind kind() {
    return kind;
  }

  DriverAdapter adapter() {
    return adapter;
  }

  /** Runs one operation and waits; returns the rows read. */
  int runBlocking(ThreadLocalRandom random) {
    long key = random.nextLong(keys);
    return switch (kind) {
      case READ -> adapter.executeBlocking(read, key);
      case WRITE -> adapter.executeBlocking(write, key, values[(int) (key & (VALUE_POOL - 1))]);
      case MIXED -> random.nextDouble() < readRatio
          ? adapter.executeBlocking(read, key)
          : adapter.executeBlocking(write, key, values[(int) (key & (VALUE_POOL - 1))]);
      case SCAN, WIDE -> adapter.executeBlocking(scan);
      case BATCH -> adapter.executeBatchBlocking(write, batchRows(random, key));
    };
  }

  /** Starts one operation; the stage's result goes to {@link DriverAdapter#consume}. */
  CompletionStage<?> runAsync(ThreadLocalRandom random) {
    long key = random.nextLong(keys);
    return switch (kind) {
      case READ -> adapter.executeAsync(read, key);
      case WRITE -> adapter.executeAsync(write, key, values[(int) (key & (VALUE_POOL - 1))]);
      case MIXED -> random.nextDouble() < readRatio
          ? adapter.executeAsync(read, key)
          : adapter.executeAsync(write, key, values[(int) (key & (VALUE_POOL - 1))]);
      case SCAN, WIDE -> adapter.executeAsync(scan);
      case BATCH -> adapter.executeBatchAsync(write, batchRows(random, key));
    };
  }

  private Object[][] batchRows(ThreadLocalRandom random, long first) {
    Object[][] rows = new Object[batchSize][];
    for (int i = 0; i < batchSize; i++) {
      long key = i == 0 ? first : random.nextLong(keys);
      rows[i] = new Object[] {key, values[(int) (key & (VALUE_POOL - 1))]};
    }
    return rows;
  }

  /** Writes the {@code rows} rows of B5's partition of b.wide (for a real server). */
  static void populateWide(DriverAdapter adapter, int rows) {
    DriverAdapter.Handle insert = adapter.prepare(WIDE_INSERT);
    SplittableRandom random = new SplittableRandom(7);
    for (int ck = 0; ck < rows; ck++) {
      byte[] blob = new byte[100];
      for (int j = 0; j < blob.length; j++) {
        blob[j] = (byte) random.nextInt(256);
      }
      adapter.executeBlocking(insert, ck, ck, (long) ck * 31, values(32)[ck & (VALUE_POOL - 1)],
          new UUID(random.nextLong(), random.nextLong()), ByteBuffer.wrap(blob));
    }
  }

  /** Writes every key once (for reads on a real server), {@code concurrency} writers at a time. */
  static void populate(DriverAdapter adapter, long keys, int valueSize, int concurrency) throws InterruptedException {
    DriverAdapter.Handle insert = adapter.prepare(INSERT);
    String[] pool = values(valueSize);
    AtomicLong next = new AtomicLong();
    Thread[] writers = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      writers[i] = Thread.ofVirtual().start(() -> {
        long key;
        while ((key = next.getAndIncrement()) < keys) {
          adapter.executeBlocking(insert, key, pool[(int) (key & (VALUE_POOL - 1))]);
        }
      });
    }
    for (Thread writer : writers) {
      writer.join();
    }
  }
}
