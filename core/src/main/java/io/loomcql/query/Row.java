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

  ColumnDefinitions columnDefinitions();

  boolean isNull(int index);

  boolean isNull(String name);

  /** The value as the Java type of the column's CQL type (see API.md's mapping), or null. */
  Object getObject(int index);

  Object getObject(String name);

  /**
   * The value as {@code type}, which must be the Java type of the column's CQL type (or a
   * supertype of it), or null.
   *
   * @throws IllegalArgumentException naming both types when they do not match
   */
  <T> T get(int index, Class<T> type);

  <T> T get(String name, Class<T> type);

  /** ascii, text, varchar. */
  String getString(int index);

  String getString(String name);

  /** int. */
  int getInt(int index);

  int getInt(String name);

  /** bigint, counter. */
  long getLong(int index);

  long getLong(String name);

  boolean getBoolean(int index);

  boolean getBoolean(String name);

  /** uuid, timeuuid. */
  UUID getUuid(int index);

  UUID getUuid(String name);

  /** timestamp, millisecond precision. */
  Instant getInstant(int index);

  Instant getInstant(String name);

  /** blob, as a read-only buffer of its own. */
  ByteBuffer getBytes(int index);

  ByteBuffer getBytes(String name);
}
