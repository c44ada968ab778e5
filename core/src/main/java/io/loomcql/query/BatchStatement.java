package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Several statements executed as one request, the Java form of the Python driver's
 * {@code BatchStatement}: simple statements (with {@code ?} values) and bound statements, mixed
 * freely. At most 65535 statements.
 */
public final class BatchStatement extends Statement {

  private static final int MAX_STATEMENTS = 0xFFFF;

  private final BatchType batchType;
  private final List<Statement> statements = new ArrayList<>();

  /** A LOGGED batch. */
  public BatchStatement() {
    this(BatchType.LOGGED);
  }

  /** A batch of the given type. */
  public BatchStatement(BatchType batchType) {
    this.batchType = Objects.requireNonNull(batchType, "batchType");
  }

  /** {@return the type of this batch (LOGGED by default)} */
  public BatchType batchType() {
    return batchType;
  }

  /** Adds a simple or bound statement. */
  public BatchStatement add(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    if (statement instanceof BatchStatement) {
      throw new IllegalArgumentException("A batch cannot contain another batch");
    }
    if (statements.size() == MAX_STATEMENTS) {
      throw new IllegalArgumentException("A batch holds at most " + MAX_STATEMENTS + " statements");
    }
    statements.add(statement);
    return this;
  }

  /** Adds a CQL string with values for its {@code ?} markers. */
  public BatchStatement add(String query, Object... values) {
    return add(SimpleStatement.newInstance(query, values));
  }

  /** Binds {@code values} to {@code prepared} and adds the result. */
  public BatchStatement add(PreparedStatement prepared, Object... values) {
    return add(prepared.bind(values));
  }

  /** Adds each statement in turn. */
  public BatchStatement addAll(Statement... statements) {
    Arrays.stream(statements).forEach(this::add);
    return this;
  }

  /** {@return the statements added so far, in order (a read-only view)} */
  public List<Statement> statements() {
    return Collections.unmodifiableList(statements);
  }

  /** {@return how many statements the batch holds} */
  public int size() {
    return statements.size();
  }

  /** Removes every statement, so the batch can be filled again. */
  public BatchStatement clear() {
    statements.clear();
    return this;
  }

  /**
   * The batch's routing key if set, else that of the first statement that has both a routing key
   * and a keyspace (as Python's batches); null if none has. Statements without a keyspace (a
   * simple statement against the session's keyspace, say) are skipped: their key alone says
   * nothing about which replicas hold it.
   */
  @Override
  public ByteBuffer routingKey() {
    ByteBuffer own = super.routingKey();
    if (own != null) {
      return own;
    }
    Statement routed = routingStatement();
    return routed == null ? null : routed.routingKey();
  }

  /**
   * The batch's keyspace: the keyspace of the statement giving the routing key when the batch has
   * none of its own (as Python's batches); else the one set with {@link #setKeyspace}, null by
   * default. On protocol v5 it is sent with the batch, so unqualified tables resolve in it.
   */
  @Override
  public String keyspace() {
    if (super.routingKey() == null) {
      Statement routed = routingStatement();
      if (routed != null) {
        return routed.keyspace();
      }
    }
    return super.keyspace();
  }

  /** The first statement with both a routing key and a keyspace, or null. */
  private Statement routingStatement() {
    for (Statement statement : statements) {
      if (statement.keyspace() != null && statement.routingKey() != null) {
        return statement;
      }
    }
    return null;
  }

  @Override
  public BatchStatement setConsistencyLevel(ConsistencyLevel consistencyLevel) {
    super.setConsistencyLevel(consistencyLevel);
    return this;
  }

  @Override
  public BatchStatement setSerialConsistencyLevel(ConsistencyLevel level) {
    super.setSerialConsistencyLevel(level);
    return this;
  }

  @Override
  public BatchStatement setIdempotent(boolean idempotent) {
    super.setIdempotent(idempotent);
    return this;
  }

  @Override
  public String toString() {
    ConsistencyLevel cl = consistencyLevel();
    return "<BatchStatement type=" + batchType + ", statements=" + statements.size()
        + ", consistency=" + (cl == null ? "Not Set" : cl) + ">";
  }
}
