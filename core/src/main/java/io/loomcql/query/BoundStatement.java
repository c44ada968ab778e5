package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import io.loomcql.metadata.RoutingKey;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A {@link PreparedStatement} with its values, ready to execute; the Java form of the Python
 * driver's {@code BoundStatement}. Values are encoded (and type-checked) when bound, so nothing
 * malformed is ever sent.
 */
public final class BoundStatement extends Statement {

  private final PreparedStatement prepared;
  private final List<ByteBuffer> values;
  private ByteBuffer routingKey;

  /** {@code values} is kept, not copied: the caller hands it over. */
  BoundStatement(PreparedStatement prepared, ByteBuffer[] values) {
    this.prepared = prepared;
    this.values = new Values(values);
  }

  /** An unmodifiable list over the bound values' array (one object, where a copy took three). */
  private static final class Values extends AbstractList<ByteBuffer> implements RandomAccess {
    private final ByteBuffer[] values;

    Values(ByteBuffer[] values) {
      this.values = values;
    }

    @Override
    public ByteBuffer get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  /** {@return the prepared statement these values were bound to} */
  public PreparedStatement preparedStatement() {
    return prepared;
  }

  /**
   * The encoded values, in marker order: null for a CQL null, the protocol's unset marker for a
   * value left unset.
   */
  public List<ByteBuffer> values() {
    return values;
  }

  /**
   * The serialized partition key (a single component, or the composite form for several), from
   * the bound values; null when the statement's partition key is unknown.
   */
  public ByteBuffer routingKey() {
    ByteBuffer key = routingKey;
    if (key == null) {
      int[] indexes = prepared.routingKeyIndexesShared();
      if (indexes.length == 0) {
        return null;
      }
      if (indexes.length == 1) {
        key = values.get(indexes[0]);
        if (key == null) {
          return null;
        }
        routingKey = key;
        return key.duplicate();
      }
      ByteBuffer[] components = new ByteBuffer[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        ByteBuffer component = values.get(indexes[i]);
        if (component == null) {
          return null;
        }
        components[i] = component;
      }
      key = RoutingKey.compose(components);
      routingKey = key;
    }
    return key.duplicate();
  }

  /**
   * The statement's keyspace if set, else the keyspace of the prepared statement's bound columns
   * (as Python's {@code BoundStatement.keyspace}), else the keyspace it was prepared in: what
   * token-aware routing looks the replicas up in.
   */
  @Override
  public String keyspace() {
    String own = super.keyspace();
    if (own != null) {
      return own;
    }
    ColumnDefinitions variables = prepared.columnMetadata();
    if (variables != null && variables.size() > 0 && variables.get(0).keyspace() != null) {
      return variables.get(0).keyspace();
    }
    return prepared.keyspace();
  }

  @Override
  public BoundStatement setConsistencyLevel(ConsistencyLevel consistencyLevel) {
    super.setConsistencyLevel(consistencyLevel);
    return this;
  }

  @Override
  public BoundStatement setSerialConsistencyLevel(ConsistencyLevel level) {
    super.setSerialConsistencyLevel(level);
    return this;
  }

  @Override
  public BoundStatement setFetchSize(Integer fetchSize) {
    super.setFetchSize(fetchSize);
    return this;
  }

  @Override
  public BoundStatement setIdempotent(boolean idempotent) {
    super.setIdempotent(idempotent);
    return this;
  }

  @Override
  public String toString() {
    ConsistencyLevel cl = consistencyLevel();
    return "<BoundStatement query=\"" + prepared.queryString() + "\", values=" + values.size()
        + ", consistency=" + (cl == null ? "Not Set" : cl) + ">";
  }
}
