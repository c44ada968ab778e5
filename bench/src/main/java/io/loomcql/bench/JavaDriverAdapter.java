package io.loomcql.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.session.Session;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The reference driver, org.apache.cassandra:java-driver-core 4.19.2, behind {@link
 * DriverAdapter}. Configured programmatically: protocol version pinned, {@code connections}
 * connections per local host, a generous request timeout, no schema or token metadata (the bench
 * does not need them, and the stub server does not serve them), metrics off (the default).
 * Everything else keeps the driver's defaults (event loop threads, write coalescer, heartbeats).
 */
final class JavaDriverAdapter implements DriverAdapter {

  private record Prepared(PreparedStatement statement) implements Handle {}

  private record Simple(String cql) implements Handle {}

  private CqlSession session;
  private int connections;

  @Override
  public String name() {
    return "java-driver";
  }

  @Override
  public String version() {
    return Session.OSS_DRIVER_COORDINATES.getVersion().toString();
  }

  @Override
  public void connect(Options o) {
    // Its documented best: a connection carries at most 32,768 requests (max-requests-per-connection),
    // so the pool grows until every request the harness may have in flight has a stream id.
    connections = Math.max(o.connections(), (o.maxInFlight() + 32767) / 32768);
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.PROTOCOL_VERSION, "V" + o.protocolVersion())
        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, connections)
        .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, Math.max(1024, Math.min(32768, o.maxInFlight())))
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, o.requestTimeout())
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, o.consistency())
        .withInt(DefaultDriverOption.REQUEST_PAGE_SIZE, o.fetchSize())
        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
        .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
        .build();
    session = CqlSession.builder()
        .addContactPoint(new InetSocketAddress(o.host(), o.port()))
        .withLocalDatacenter(o.localDatacenter())
        .withConfigLoader(config)
        .build();
  }

  @Override
  public String protocolVersion() {
    return session.getContext().getProtocolVersion().toString();
  }

  @Override
  public int effectiveConnections() {
    return connections;
  }

  @Override
  public Handle prepare(String cql) {
    return new Prepared(session.prepare(cql));
  }

  @Override
  public Handle simple(String cql) {
    return new Simple(cql);
  }

  private static Statement<?> statement(Handle handle, Object[] values) {
    if (handle instanceof Prepared p) {
      return p.statement().bind(values);
    }
    return SimpleStatement.newInstance(((Simple) handle).cql(), values);
  }

  private static BatchStatement batch(Handle handle, Object[][] rows) {
    BatchStatementBuilder builder = BatchStatement.builder(DefaultBatchType.UNLOGGED);
    for (Object[] row : rows) {
      builder.addStatement((com.datastax.oss.driver.api.core.cql.BatchableStatement<?>) statement(handle, row));
    }
    return builder.build();
  }

  @Override
  public int executeBlocking(Handle handle, Object... values) {
    return consumeSync(session.execute(statement(handle, values)));
  }

  @Override
  public CompletionStage<?> executeAsync(Handle handle, Object... values) {
    return session.executeAsync(statement(handle, values));
  }

  @Override
  public int executeBatchBlocking(Handle handle, Object[][] rows) {
    return consumeSync(session.execute(batch(handle, rows)));
  }

  @Override
  public CompletionStage<?> executeBatchAsync(Handle handle, Object[][] rows) {
    return session.executeAsync(batch(handle, rows));
  }

  private static int consumeSync(ResultSet rs) {
    boolean kv = rs.getColumnDefinitions().size() >= 2;
    int rows = 0;
    long sum = 0;
    for (int i = rs.getAvailableWithoutFetching(); i > 0; i--) {
      Row row = rs.one();
      if (rs.getColumnDefinitions().size() == 5) {
        sum += wide(row);
      } else if (kv) {
        sum += row.getLong(0) + row.getString(1).length();
      }
      rows++;
    }
    return sum == Long.MIN_VALUE ? rows + 1 : rows; // keeps the reads alive
  }

  @Override
  public int consume(Object result) {
    AsyncResultSet rs = (AsyncResultSet) result;
    boolean kv = rs.getColumnDefinitions().size() >= 2;
    int rows = 0;
    long sum = 0;
    boolean wide = rs.getColumnDefinitions().size() == 5;
    for (Row row : rs.currentPage()) {
      if (wide) {
        sum += wide(row);
      } else if (kv) {
        sum += row.getLong(0) + row.getString(1).length();
      }
      rows++;
    }
    return sum == Long.MIN_VALUE ? rows + 1 : rows;
  }

  /** Reads every cell of a b.wide row (int, bigint, text, uuid, blob) by index. */
  private static long wide(Row row) {
    return row.getInt(0) + row.getLong(1) + row.getString(2).length()
        + row.getUuid(3).getLeastSignificantBits() + row.getByteBuffer(4).remaining();
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
  }
}
