package io.loomcql.bench;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BatchType;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.transport.Compression;
import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.Transports;
import io.loomcql.transport.spi.TransportFactory;
import java.util.concurrent.CompletionStage;

/** loomcql behind {@link DriverAdapter}: one connection per host, no compression (as java-driver). */
final class LoomcqlAdapter implements DriverAdapter {

  private record Prepared(PreparedStatement statement) implements Handle {}

  private record Simple(String cql) implements Handle {}

  private Cluster cluster;
  private Session session;
  private TransportFactory loops;

  @Override
  public String name() {
    return "loomcql";
  }

  @Override
  public String version() {
    String v = Cluster.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  @Override
  public void connect(Options o) {
    // The reactor the cluster would make by default, made here so that its counters can be read.
    loops = Transports.nio("loomcql-bench");
    cluster = Cluster.builder()
        .transport(loops)
        .contactPoints(o.host())
        .port(o.port())
        .protocolVersion(ProtocolVersion.fromCode(o.protocolVersion()))
        // As the java-driver's default: both drivers send the same bytes.
        .compression(Compression.NONE)
        // The default runs completions on the cluster's callback runner virtual threads (callbacks
        // may block); -Dloomcql.bench.directCallbacks=true completes on the I/O thread instead, as
        // the java-driver does, to show what that hop costs in async mode.
        .callbackExecutor(Boolean.getBoolean("loomcql.bench.directCallbacks") ? Runnable::run : null)
        .build();
    session = cluster.connect();
    session.setDefaultConsistencyLevel(ConsistencyLevel.valueOf(o.consistency()));
    session.setDefaultTimeout(o.requestTimeout());
    session.setDefaultFetchSize(o.fetchSize());
  }

  @Override
  public String protocolVersion() {
    return cluster.protocolVersion().name();
  }

  @Override
  public int effectiveConnections() {
    return 1; // loomcql opens one connection per node; not configurable yet
  }

  @Override
  public Handle prepare(String cql) {
    return new Prepared(session.prepare(cql));
  }

  @Override
  public Handle simple(String cql) {
    return new Simple(cql);
  }

  private static Statement statement(Handle handle, Object[] values) {
    if (handle instanceof Prepared p) {
      return p.statement().bind(values);
    }
    return SimpleStatement.newInstance(((Simple) handle).cql(), values);
  }

  private static BatchStatement batch(Handle handle, Object[][] rows) {
    BatchStatement batch = new BatchStatement(BatchType.UNLOGGED);
    for (Object[] row : rows) {
      batch.add(statement(handle, row));
    }
    return batch;
  }

  @Override
  public int executeBlocking(Handle handle, Object... values) {
    return consume(session.execute(statement(handle, values)));
  }

  @Override
  public CompletionStage<?> executeAsync(Handle handle, Object... values) {
    return session.executeAsync(statement(handle, values));
  }

  @Override
  public int executeBatchBlocking(Handle handle, Object[][] rows) {
    return consume(session.execute(batch(handle, rows)));
  }

  @Override
  public CompletionStage<?> executeBatchAsync(Handle handle, Object[][] rows) {
    return session.executeAsync(batch(handle, rows));
  }

  @Override
  public int consume(Object result) {
    ResultSet rs = (ResultSet) result;
    int rows = 0;
    long sum = 0;
    int columns = rs.columnDefinitions() == null ? 0 : rs.columnDefinitions().size();
    boolean kv = columns >= 2;
    for (Row row : rs.currentRows()) {
      if (columns == 5) {
        sum += row.getInt(0) + row.getLong(1) + row.getString(2).length()
            + row.getUuid(3).getLeastSignificantBits() + row.getBytes(4).remaining();
      } else if (kv) {
        sum += row.getLong(0) + row.getString(1).length();
      }
      rows++;
    }
    return sum == Long.MIN_VALUE ? rows + 1 : rows; // keeps the reads alive
  }

  @Override
  public long[] transportCounters() {
    TransportCounters c = counters();
    return c == null ? null : new long[] {c.framesWritten(), c.flushes(), c.wakeups()};
  }

  private TransportCounters counters() {
    return loops == null ? null : loops.counters();
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
    // A transport given to the builder is not closed by the cluster.
    if (loops != null) {
      loops.close();
    }
  }
}
