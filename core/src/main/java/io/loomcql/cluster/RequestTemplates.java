package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.cqltypes.DataType;
import io.loomcql.protocol.internal.Batch;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.wire.Request;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.PreparedInternals;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Request templates: what a statement and its execution profile become on the wire (QUERY,
 * EXECUTE or BATCH), with the options fixed once per execution (consistency, fetch size, client
 * timestamp) and the rest (paging state, protocol version, a retry's consistency) per attempt.
 * Stateless; called on the executing thread.
 */
final class RequestTemplates {

  private RequestTemplates() {}

  /** {@return the statement's timeout, else its profile's; null for none} */
  static Duration timeoutOf(Statement statement, ExecutionProfile profile) {
    return statement.timeout() != null ? statement.timeout() : profile.requestTimeout();
  }

  /** {@return a timeout in milliseconds for the request path: 0 for none, else at least 1} */
  static long millis(Duration timeout) {
    return timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toMillis());
  }

  /**
   * Loads and initializes the messages of the first EXECUTE and BATCH now, on the connecting
   * thread: the JVM loads a class under a per-class monitor, and thousands of virtual threads making
   * their first requests at once would otherwise wait on it pinned to their carriers.
   */
  static void loadClasses() {
    for (Class<?> type :
        List.of(Execute.class, Batch.class,
            QueryOptions.class)) {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Cannot load " + type.getName(), e);
      }
    }
    // A record's equals and hashCode link a call site on their first call (encoding compares
    // column types): link them here too.
    DataType.BLOB.equals(DataType.INT);
    DataType.BLOB.hashCode();
  }

  /**
   * The template of a statement's messages, built per attempt (the protocol version may differ per
   * node); the client timestamp is drawn once so retries and later pages reuse it.
   */
  static RequestTemplate of(
      Statement statement, ExecutionProfile profile, int defaultFetchSize, boolean useClientTimestamp,
      LongSupplier timestampGenerator) {
    ConsistencyLevel consistency =
        statement.consistencyLevel() != null ? statement.consistencyLevel() : profile.consistencyLevel();
    ConsistencyLevel serial =
        statement.serialConsistencyLevel() != null
            ? statement.serialConsistencyLevel()
            : profile.serialConsistencyLevel();
    int fetchSize = statement.fetchSize() != null ? statement.fetchSize() : defaultFetchSize;
    long timestamp =
        statement.timestamp() != Long.MIN_VALUE
            ? statement.timestamp()
            : useClientTimestamp ? timestampGenerator.getAsLong() : QueryOptions.NO_TIMESTAMP;
    String requestKeyspace = statement.keyspace();
    int now = statement.nowInSeconds();
    RequestTemplate.Messages messages = switch (statement) {
      case SimpleStatement simple ->
          (pagingState, version, level) ->
              new Query(
                  simple.queryString(),
                  new QueryOptions(
                      level, encodeValues(simple.values(), version), null, false, fetchSize,
                      pagingState, serial, timestamp, keyspaceFor(requestKeyspace, version), now));
      case BoundStatement bound ->
          // the most frequent request: one object is both the builder and its messages
          new BoundMessages(profile, consistency, bound, fetchSize, serial, timestamp, now);
      case BatchStatement batch ->
          (pagingState, version, level) -> {
            List<Object> queriesOrIds = new ArrayList<>(batch.size());
            List<List<ByteBuffer>> values = new ArrayList<>(batch.size());
            for (Statement child : batch.statements()) {
              if (child instanceof BoundStatement bound) {
                queriesOrIds.add(PreparedInternals.queryId(bound.preparedStatement()));
                values.add(bound.values());
              } else if (child instanceof SimpleStatement simple) {
                queriesOrIds.add(simple.queryString());
                values.add(encodeValues(simple.values(), version));
              }
            }
            return new Batch(
                batch.batchType().code(), queriesOrIds, values, level, serial, timestamp,
                keyspaceFor(requestKeyspace, version), now);
          };
    };
    return messages instanceof BoundMessages bound
        ? bound
        : new RequestTemplate(profile, consistency, messages);
  }

  /** The builder of a bound statement's EXECUTE messages, and their builder itself. */
  private static final class BoundMessages extends RequestTemplate
      implements RequestTemplate.Messages {
    private final BoundStatement bound;
    private final int fetchSize;
    private final ConsistencyLevel serial;
    private final long timestamp;
    private final int now;

    BoundMessages(
        ExecutionProfile profile, ConsistencyLevel consistency, BoundStatement bound, int fetchSize,
        ConsistencyLevel serial, long timestamp, int now) {
      super(profile, consistency, null);
      this.bound = bound;
      this.fetchSize = fetchSize;
      this.serial = serial;
      this.timestamp = timestamp;
      this.now = now;
    }

    @Override
    public Request build(ByteBuffer pagingState, ProtocolVersion version, ConsistencyLevel level) {
      PreparedStatement prepared = bound.preparedStatement();
      // Read once: a METADATA_CHANGED answer may replace it concurrently.
      ColumnDefinitions resultColumns = PreparedInternals.resultColumnsOrNull(prepared);
      boolean skipMetadata = resultColumns != null && resultColumns.size() > 0;
      return new Execute(
          PreparedInternals.queryId(prepared),
          version.isAtLeast(ProtocolVersion.V5) ? PreparedInternals.resultMetadataId(prepared) : null,
          new QueryOptions(
              level, bound.values(), null, skipMetadata, fetchSize, pagingState, serial,
              timestamp, null, now));
    }
  }

  /** The per-request keyspace is a protocol v5 feature; older versions route with it only. */
  private static String keyspaceFor(String keyspace, ProtocolVersion version) {
    return keyspace != null && version.isAtLeast(ProtocolVersion.V5) ? keyspace : null;
  }

  private static List<ByteBuffer> encodeValues(List<Object> values, ProtocolVersion version) {
    if (values.isEmpty()) {
      return List.of();
    }
    List<ByteBuffer> encoded = new ArrayList<>(values.size());
    for (Object value : values) {
      if (value == null) {
        encoded.add(null);
      } else {
        @SuppressWarnings("unchecked")
        TypeCodec<Object> codec =
            (TypeCodec<Object>) Codecs.codecForValue(value);
        encoded.add(codec.encode(value, version));
      }
    }
    return encoded;
  }
}
