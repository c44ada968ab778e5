package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.query.internal.PreparedInfo;
import io.loomcql.query.internal.PreparedInternals;
import io.loomcql.query.internal.StatementOptions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A statement the server has parsed once and keeps under an id, the Java form of the Python
 * driver's {@code PreparedStatement}. Obtained from {@code session.prepare(query)}; bind values
 * with {@link #bind} and execute the resulting {@link BoundStatement} as often as needed: only
 * the id and the values travel.
 *
 * <p>Its consistency level, serial consistency level, fetch size and idempotence (all unset /
 * false by default) are copied to each statement it binds. Thread-safe once configured.
 */
public final class PreparedStatement {

  static {
    PreparedInternals.install(
        new PreparedInternals.Access() {
          @Override
          public PreparedStatement create(PreparedInfo info) {
            return new PreparedStatement(info);
          }

          @Override
          public byte[] queryId(PreparedStatement statement) {
            return statement.info.queryId();
          }

          @Override
          public byte[] resultMetadataId(PreparedStatement statement) {
            return statement.resultMetadata.id();
          }

          @Override
          public ColumnDefinitions resultColumnsOrNull(PreparedStatement statement) {
            return statement.resultMetadata.columns();
          }

          @Override
          public TypeCodec<?>[] resultCodecs(PreparedStatement statement, ColumnDefinitions columns) {
            ResultMetadata current = statement.resultMetadata;
            return current.columns() == columns ? current.codecs() : null;
          }

          @Override
          public void updateResultMetadata(
              PreparedStatement statement, byte[] id, ColumnDefinitions columns) {
            statement.resultMetadata = new ResultMetadata(id, columns);
          }
        });
  }

  // What the server's answer to PREPARE said; immutable, its arrays never written.
  private final PreparedInfo info;
  // Replaced by the driver (PreparedInternals) when the server reports new result columns.
  private volatile ResultMetadata resultMetadata;

  private volatile ConsistencyLevel consistencyLevel;
  private volatile ConsistencyLevel serialConsistencyLevel;
  private volatile Integer fetchSize;
  private volatile boolean idempotent;

  /** The columns a prepared statement returns and the id the server knows them by (v5). */
  record ResultMetadata(
      byte[] id, ColumnDefinitions columns, TypeCodec<?>[] codecs) {
    ResultMetadata(byte[] id, ColumnDefinitions columns) {
      this(id, columns, PreparedInternals.codecsOf(columns));
    }
  }

  /**
   * Made by the session from the server's answer to PREPARE; values of the user types that
   * {@code info.userTypes()} has codecs for (the cluster's {@code registerUserType}) bind as
   * instances of their mapped class.
   */
  private PreparedStatement(PreparedInfo info) {
    this.info = info;
    this.resultMetadata = new ResultMetadata(info.resultMetadataId(), info.resultColumns());
  }

  /** {@return the CQL string that was prepared} */
  public String queryString() {
    return info.queryString();
  }

  /** {@return the keyspace given to {@code prepare(query, keyspace)}, or null} */
  public String keyspace() {
    return info.keyspace();
  }

  /** {@return the server's id of the prepared statement (a copy)} */
  public byte[] queryId() {
    return info.queryId().clone();
  }

  /** {@return the server's id of the result metadata (protocol v5), or null} */
  public byte[] resultMetadataId() {
    byte[] id = resultMetadata.id();
    return id == null ? null : id.clone();
  }

  /** {@return the bind variables, in marker order} */
  public ColumnDefinitions columnMetadata() {
    return info.variables();
  }

  /** {@return the columns the statement returns; empty for statements that return no rows} */
  public ColumnDefinitions resultMetadata() {
    ColumnDefinitions columns = resultMetadata.columns();
    return columns == null ? new ColumnDefinitions(List.of()) : columns;
  }

  /** Indexes of the bind variables that form the partition key, in partition key order. */
  public int[] routingKeyIndexes() {
    return info.routingKeyIndexes().clone();
  }

  /** {@link #routingKeyIndexes()} without the copy, for the driver's own reads. */
  int[] routingKeyIndexesShared() {
    return info.routingKeyIndexes();
  }

  /** {@return the protocol version the statement was prepared with} */
  public ProtocolVersion protocolVersion() {
    return info.protocolVersion();
  }

  /**
   * Binds positional values, one per {@code ?} marker. Fewer values than markers leave the rest
   * unset (protocol v4+).
   *
   * @throws IllegalArgumentException with too many values, a value of the wrong Java type for its
   *     column (the message names the column, the CQL type and the Java type given), or an unset
   *     partition key component
   */
  public BoundStatement bind(Object... values) {
    if (values == null) {
      values = new Object[0];
    }
    int markers = info.variables().size();
    if (values.length > markers) {
      throw new IllegalArgumentException(
          "Too many arguments provided to bind() (got " + values.length + ", expected "
              + markers + ")");
    }
    ByteBuffer[] encoded = new ByteBuffer[markers];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = i < values.length ? encode(i, values[i]) : unsetOrFail(i);
    }
    return newBound(encoded);
  }

  /** Binds values by marker name; markers missing from the map stay unset (protocol v4+). */
  public BoundStatement bind(Map<String, ?> values) {
    ByteBuffer[] encoded = new ByteBuffer[info.variables().size()];
    for (int i = 0; i < encoded.length; i++) {
      String name = info.variables().get(i).name();
      encoded[i] = values.containsKey(name) ? encode(i, values.get(name)) : unsetOrFail(i);
    }
    return newBound(encoded);
  }

  private BoundStatement newBound(ByteBuffer[] encoded) {
    for (int index : info.routingKeyIndexes()) {
      if (encoded[index] == QueryOptions.UNSET) {
        throw new IllegalArgumentException(
            "Cannot leave the partition key column '" + info.variables().get(index).name()
                + "' unset");
      }
    }
    BoundStatement bound = new BoundStatement(this, encoded);
    bound.setConsistencyLevel(consistencyLevel);
    bound.setSerialConsistencyLevel(serialConsistencyLevel);
    bound.setFetchSize(fetchSize);
    bound.setIdempotent(idempotent);
    return bound;
  }

  private ByteBuffer unsetOrFail(int index) {
    if (!info.protocolVersion().isAtLeast(ProtocolVersion.V4)) {
      throw new IllegalArgumentException(
          "No value for '" + info.variables().get(index).name() + "': protocol "
              + info.protocolVersion() + " cannot leave values unset; bind every marker");
    }
    return QueryOptions.UNSET;
  }

  private ByteBuffer encode(int index, Object value) {
    if (value == null) {
      return null;
    }
    ColumnDefinition column = info.variables().get(index);
    try {
      return Codecs.encode(value, column.type(), info.protocolVersion(), info.userTypes());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Received an argument of invalid type for column \"" + column.name() + "\". Expected: "
              + column.type().cqlName() + ", Got: " + value.getClass().getName() + "; ("
              + e.getMessage() + ")",
          e);
    }
  }

  ResultMetadata currentResultMetadata() {
    return resultMetadata;
  }

  /**
   * The consistency level copied to each bound statement, or null (the default) for the session's.
   */
  public ConsistencyLevel consistencyLevel() {
    return consistencyLevel;
  }

  /** Sets the consistency level copied to each bound statement from now on. */
  public PreparedStatement setConsistencyLevel(ConsistencyLevel level) {
    this.consistencyLevel = level;
    return this;
  }

  /**
   * {@return the serial consistency level copied to each bound statement, or null (the default)}
   */
  public ConsistencyLevel serialConsistencyLevel() {
    return serialConsistencyLevel;
  }

  /**
   * Sets the serial consistency level copied to each bound statement; SERIAL, LOCAL_SERIAL or null,
   * anything else throws {@link IllegalArgumentException}.
   */
  public PreparedStatement setSerialConsistencyLevel(ConsistencyLevel level) {
    this.serialConsistencyLevel = StatementOptions.serialConsistencyLevel(level);
    return this;
  }

  /**
   * {@return the fetch size copied to each bound statement, or null (the default) for the
   * session's}
   */
  public Integer fetchSize() {
    return fetchSize;
  }

  /**
   * Sets the fetch size copied to each bound statement from now on: rows per page, 0 for no
   * paging, null for the session's default.
   *
   * @throws IllegalArgumentException for a negative size
   */
  public PreparedStatement setFetchSize(Integer fetchSize) {
    this.fetchSize = StatementOptions.fetchSize(fetchSize);
    return this;
  }

  /** {@return whether bound statements are marked idempotent (default false)} */
  public boolean isIdempotent() {
    return idempotent;
  }

  /** Sets whether bound statements are marked idempotent from now on. */
  public PreparedStatement setIdempotent(boolean idempotent) {
    this.idempotent = idempotent;
    return this;
  }

  @Override
  public String toString() {
    ConsistencyLevel cl = consistencyLevel;
    return "<PreparedStatement query=\"" + info.queryString() + "\", consistency="
        + (cl == null ? "Not Set" : cl) + ">";
  }

  /** Two prepared statements are the same if the server gave them the same id. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PreparedStatement that
        && Arrays.equals(info.queryId(), that.info.queryId());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(info.queryId());
  }

  String idHex() {
    return HexFormat.of().formatHex(info.queryId());
  }
}
