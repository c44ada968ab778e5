package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A CQL string executed as is, like the Python driver's {@code SimpleStatement}. Positional
 * values given here bind to {@code ?} markers and travel in the QUERY message, encoded from their
 * Java type (Integer → int, Long → bigint, String → text, Boolean → boolean, UUID → uuid,
 * Instant → timestamp, ByteBuffer or byte[] → blob).
 */
public final class SimpleStatement extends Statement {

  private final String queryString;
  private final List<Object> values;

  private SimpleStatement(String queryString, List<Object> values) {
    this.queryString = Objects.requireNonNull(queryString, "queryString");
    this.values = values;
  }

  /** A statement without values. */
  public SimpleStatement(String queryString) {
    this(queryString, List.of());
  }

  /** {@return a statement whose {@code ?} markers take {@code values}, in order} */
  public static SimpleStatement newInstance(String queryString, Object... values) {
    return new SimpleStatement(
        queryString, Collections.unmodifiableList(Arrays.asList(values.clone())));
  }

  /** {@return the CQL string} */
  public String queryString() {
    return queryString;
  }

  /** {@return the positional values (may contain nulls); empty when there are none} */
  public List<Object> values() {
    return values;
  }

  @Override
  public SimpleStatement setConsistencyLevel(ConsistencyLevel consistencyLevel) {
    super.setConsistencyLevel(consistencyLevel);
    return this;
  }

  @Override
  public SimpleStatement setSerialConsistencyLevel(ConsistencyLevel level) {
    super.setSerialConsistencyLevel(level);
    return this;
  }

  @Override
  public SimpleStatement setFetchSize(Integer fetchSize) {
    super.setFetchSize(fetchSize);
    return this;
  }

  @Override
  public SimpleStatement setIdempotent(boolean idempotent) {
    super.setIdempotent(idempotent);
    return this;
  }

  @Override
  public String toString() {
    ConsistencyLevel cl = consistencyLevel();
    return "<SimpleStatement query=\"" + queryString + "\", consistency="
        + (cl == null ? "Not Set" : cl) + ">";
  }
}
