package io.loomcql.cqltypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What tuple and user type values share: a fixed list of typed, nullable components read and
 * written by position. Setters check each value's Java class against its component's {@link
 * DataType#javaClass()} and return the value itself for chaining. Not thread-safe: share a value
 * between threads only after it is built.
 *
 * @param <S> the concrete value class
 */
abstract sealed class IndexedValue<S extends IndexedValue<S>> permits TupleValue, UdtValue {

  private final List<DataType> types;
  private final Object[] values;

  IndexedValue(List<DataType> types) {
    this.types = types;
    this.values = new Object[types.size()];
  }

  /** "component 2 of tuple<int, text>" or "field 'name' of ks.address", for messages. */
  abstract String describe(int index);

  /** {@return the CQL type of the whole value} */
  public abstract DataType type();

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  /** {@return the number of components} */
  public int size() {
    return values.length;
  }

  /** {@return whether the component at {@code index} is null} */
  public boolean isNull(int index) {
    return values[check(index)] == null;
  }

  /**
   * {@return the component at {@code index} as its Java class ({@link DataType#javaClass()}), or
   * null}
   */
  public Object getObject(int index) {
    return values[check(index)];
  }

  /**
   * {@return the component at {@code index} as {@code javaClass}, or null}
   *
   * @throws IllegalArgumentException naming the component's CQL type if it is not read as {@code
   *     javaClass}
   */
  public <T> T get(int index, Class<T> javaClass) {
    DataType type = types.get(check(index));
    Class<?> actual = type.javaClass();
    if (!javaClass.isAssignableFrom(actual)) {
      throw new IllegalArgumentException(capitalized(describe(index)) + " is of CQL type "
          + type.cqlName() + " (read as " + actual.getName() + "), not " + javaClass.getName());
    }
    return javaClass.cast(values[index]);
  }

  /** {@return an int component; 0 if null} */
  public int getInt(int index) {
    Integer v = get(index, Integer.class);
    return v == null ? 0 : v;
  }

  /** {@return a bigint or counter component; 0 if null} */
  public long getLong(int index) {
    Long v = get(index, Long.class);
    return v == null ? 0L : v;
  }

  /** {@return a boolean component; false if null} */
  public boolean getBoolean(int index) {
    Boolean v = get(index, Boolean.class);
    return v != null && v;
  }

  /** {@return a double component; 0 if null} */
  public double getDouble(int index) {
    Double v = get(index, Double.class);
    return v == null ? 0.0 : v;
  }

  /** {@return a float component; 0 if null} */
  public float getFloat(int index) {
    Float v = get(index, Float.class);
    return v == null ? 0.0f : v;
  }

  /** {@return a smallint component; 0 if null} */
  public short getShort(int index) {
    Short v = get(index, Short.class);
    return v == null ? 0 : v;
  }

  /** {@return a tinyint component; 0 if null} */
  public byte getByte(int index) {
    Byte v = get(index, Byte.class);
    return v == null ? 0 : v;
  }

  /** {@return a text, varchar or ascii component, or null} */
  public String getString(int index) {
    return get(index, String.class);
  }

  /** {@return a blob (or custom type) component, or null} */
  public ByteBuffer getBytes(int index) {
    ByteBuffer b = get(index, ByteBuffer.class);
    return b == null ? null : b.duplicate();
  }

  /** {@return a uuid or timeuuid component, or null} */
  public UUID getUuid(int index) {
    return get(index, UUID.class);
  }

  /** {@return a timestamp component, or null} */
  public Instant getInstant(int index) {
    return get(index, Instant.class);
  }

  /** {@return a date component, or null} */
  public LocalDate getLocalDate(int index) {
    return get(index, LocalDate.class);
  }

  /** {@return a time component, or null} */
  public LocalTime getLocalTime(int index) {
    return get(index, LocalTime.class);
  }

  /** {@return a varint component, or null} */
  public BigInteger getVarint(int index) {
    return get(index, BigInteger.class);
  }

  /** {@return a decimal component, or null} */
  public BigDecimal getDecimal(int index) {
    return get(index, BigDecimal.class);
  }

  /** {@return an inet component, or null} */
  public InetAddress getInetAddress(int index) {
    return get(index, InetAddress.class);
  }

  /** {@return a duration component, or null} */
  public CqlDuration getDuration(int index) {
    return get(index, CqlDuration.class);
  }

  /** {@return a list component (or a vector of non-floats), or null} */
  @SuppressWarnings("unchecked")
  public <E> List<E> getList(int index, Class<E> elementClass) {
    return (List<E>) get(index, List.class);
  }

  /** {@return a set component, or null} */
  @SuppressWarnings("unchecked")
  public <E> Set<E> getSet(int index, Class<E> elementClass) {
    return (Set<E>) get(index, Set.class);
  }

  /** {@return a map component, or null} */
  @SuppressWarnings("unchecked")
  public <K, V> Map<K, V> getMap(int index, Class<K> keyClass, Class<V> valueClass) {
    return (Map<K, V>) get(index, Map.class);
  }

  /** {@return a tuple component, or null} */
  public TupleValue getTupleValue(int index) {
    return get(index, TupleValue.class);
  }

  /** {@return a user type component, or null} */
  public UdtValue getUdtValue(int index) {
    return get(index, UdtValue.class);
  }

  /** {@return a {@code vector<float, n>} component, or null} */
  public float[] getFloatVector(int index) {
    float[] v = get(index, float[].class);
    return v == null ? null : v.clone();
  }

  /**
   * Sets the component at {@code index}; null clears it. A {@code byte[]} is accepted for a blob.
   *
   * @return this value
   * @throws IllegalArgumentException naming the component and its CQL type if {@code value} is not
   *     of its Java class
   * @throws IndexOutOfBoundsException if there is no such component
   */
  public S set(int index, Object value) {
    DataType type = types.get(check(index));
    if (value instanceof byte[] bytes && type.javaClass() == ByteBuffer.class) {
      value = ByteBuffer.wrap(bytes.clone());
    }
    if (value != null && !type.javaClass().isInstance(value)) {
      throw new IllegalArgumentException(capitalized(describe(index)) + " is of CQL type "
          + type.cqlName() + " and takes a " + type.javaClass().getName() + ", got "
          + value.getClass().getName());
    }
    if (value instanceof float[] floats) {
      int dimension = ((VectorType) type).dimension();
      if (floats.length != dimension) {
        throw new IllegalArgumentException(capitalized(describe(index)) + " is a "
            + type.cqlName() + " and needs " + dimension + " floats, got " + floats.length);
      }
      value = floats.clone();
    }
    values[index] = value;
    return self();
  }

  /** Sets the first {@code values.length} components in order. */
  S setAll(Object... newValues) {
    if (newValues.length > values.length) {
      throw new IllegalArgumentException(capitalized(type().cqlName()) + " has " + values.length
          + " components, got " + newValues.length + " values");
    }
    for (int i = 0; i < newValues.length; i++) {
      set(i, newValues[i]);
    }
    return self();
  }

  private int check(int index) {
    if (index < 0 || index >= values.length) {
      throw new IndexOutOfBoundsException("Index " + index + " out of range: " + type().cqlName()
          + " has " + values.length + " components");
    }
    return index;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Values are equal when their types and components are (float vectors by content). */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    IndexedValue<?> other = (IndexedValue<?>) o;
    return type().equals(other.type()) && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type(), Arrays.deepHashCode(values));
  }

  /** A component in CQL literal style, for {@code toString}. */
  static String show(Object v) {
    if (v instanceof float[] f) {
      return Arrays.toString(f);
    }
    if (v instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (v instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    return String.valueOf(v);
  }

  Object rawValue(int index) {
    return values[index];
  }
}
