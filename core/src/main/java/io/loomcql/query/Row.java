package io.loomcql.query;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of a result, the Java form of the Python driver's default named-tuple rows. Values
 * are decoded from the response bytes when a getter asks for them.
 *
 * <p>Getters of primitive types return {@code 0} / {@code false} for a CQL null; use
 * {@link #isNull} to tell them apart. Asking for a type other than the column's CQL type fails
 * with an {@link IllegalArgumentException} that names both.
 */
public interface Row {

  /** {@return the columns of this row's result} */
  ColumnDefinitions columnDefinitions();

  /** {@return whether the value at {@code index} (0-based) is a CQL null} */
  boolean isNull(int index);

  /** {@return whether the value of the column named {@code name} is a CQL null} */
  boolean isNull(String name);

  /**
   * {@return the value as the Java type of the column's CQL type (the mapping in the README's type table), or null}
   */
  Object getObject(int index);

  /** As {@link #getObject(int)}, by column name. */
  Object getObject(String name);

  /**
   * {@return the value as {@code type}, which must be the Java type of the column's CQL type (or a
   * supertype of it), or null}
   *
   * @throws IllegalArgumentException naming both types when they do not match
   */
  <T> T get(int index, Class<T> type);

  /** As {@link #get(int, Class)}, by column name. */
  <T> T get(String name, Class<T> type);

  /** ascii, text, varchar. */
  String getString(int index);

  /** As {@link #getString(int)}, by column name. */
  String getString(String name);

  /** int. */
  int getInt(int index);

  /** As {@link #getInt(int)}, by column name. */
  int getInt(String name);

  /** bigint, counter. */
  long getLong(int index);

  /** As {@link #getLong(int)}, by column name. */
  long getLong(String name);

  /** boolean. */
  boolean getBoolean(int index);

  /** As {@link #getBoolean(int)}, by column name. */
  boolean getBoolean(String name);

  /** uuid, timeuuid. */
  UUID getUuid(int index);

  /** As {@link #getUuid(int)}, by column name. */
  UUID getUuid(String name);

  /** timestamp, millisecond precision. */
  Instant getInstant(int index);

  /** As {@link #getInstant(int)}, by column name. */
  Instant getInstant(String name);

  /** blob, as a read-only buffer of its own. */
  ByteBuffer getBytes(int index);

  /** As {@link #getBytes(int)}, by column name. */
  ByteBuffer getBytes(String name);
}
