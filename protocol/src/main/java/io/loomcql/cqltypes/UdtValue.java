package io.loomcql.cqltypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * A value of a user-defined type: its fields by position or by name, each nullable. Create one
 * with {@link UserType#newValue()} and fill it with {@link #set(String, Object)}; a UDT read from
 * the server is a UdtValue too (unless a class is registered for it), with trailing fields the
 * server left out (added to the type after the value was written) null. Mutable and not
 * thread-safe.
 */
public final class UdtValue extends IndexedValue<UdtValue> {

  private final UserType type;

  /** A value of {@code type} with every field null. */
  public UdtValue(UserType type) {
    super(type.fieldTypes());
    this.type = type;
  }

  @Override
  public UserType type() {
    return type;
  }

  @Override
  String describe(int index) {
    return "field '" + type.fieldNames().get(index) + "' of " + type.keyspace() + "." + type.name();
  }

  /**
   * {@return the position of field {@code name} (exactly, else ignoring case)}
   *
   * @throws IllegalArgumentException listing the fields if there is none of that name
   */
  public int indexOf(String name) {
    int i = type.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("User type " + type.keyspace() + "." + type.name()
          + " has no field '" + name + "'; its fields are " + type.fieldNames());
    }
    return i;
  }

  /** {@return whether field {@code name} is null} */
  public boolean isNull(String name) {
    return isNull(indexOf(name));
  }

  /** Field {@code name} as its Java class ({@link DataType#javaClass()}), or null. */
  public Object getObject(String name) {
    return getObject(indexOf(name));
  }

  /** Field {@code name} as {@code javaClass}, or null (see {@link #get(int, Class)}). */
  public <T> T get(String name, Class<T> javaClass) {
    return get(indexOf(name), javaClass);
  }

  /** {@return an int field; 0 if null} */
  public int getInt(String name) {
    return getInt(indexOf(name));
  }

  /** {@return a bigint or counter field; 0 if null} */
  public long getLong(String name) {
    return getLong(indexOf(name));
  }

  /** {@return a text, varchar or ascii field, or null} */
  public String getString(String name) {
    return getString(indexOf(name));
  }

  /** {@return a boolean field; false if null} */
  public boolean getBoolean(String name) {
    return getBoolean(indexOf(name));
  }

  /** {@return a double field; 0 if null} */
  public double getDouble(String name) {
    return getDouble(indexOf(name));
  }

  /** {@return a float field; 0 if null} */
  public float getFloat(String name) {
    return getFloat(indexOf(name));
  }

  /** {@return a smallint field; 0 if null} */
  public short getShort(String name) {
    return getShort(indexOf(name));
  }

  /** {@return a tinyint field; 0 if null} */
  public byte getByte(String name) {
    return getByte(indexOf(name));
  }

  /** {@return a blob (or custom type) field, or null} */
  public ByteBuffer getBytes(String name) {
    return getBytes(indexOf(name));
  }

  /** {@return a uuid or timeuuid field, or null} */
  public UUID getUuid(String name) {
    return getUuid(indexOf(name));
  }

  /** {@return a timestamp field, or null} */
  public Instant getInstant(String name) {
    return getInstant(indexOf(name));
  }

  /** {@return a date field, or null} */
  public LocalDate getLocalDate(String name) {
    return getLocalDate(indexOf(name));
  }

  /** {@return a time field, or null} */
  public LocalTime getLocalTime(String name) {
    return getLocalTime(indexOf(name));
  }

  /** {@return a varint field, or null} */
  public BigInteger getVarint(String name) {
    return getVarint(indexOf(name));
  }

  /** {@return a decimal field, or null} */
  public BigDecimal getDecimal(String name) {
    return getDecimal(indexOf(name));
  }

  /** {@return an inet field, or null} */
  public InetAddress getInetAddress(String name) {
    return getInetAddress(indexOf(name));
  }

  /** {@return a duration field, or null} */
  public CqlDuration getDuration(String name) {
    return getDuration(indexOf(name));
  }

  /** {@return a list field (or a vector of non-floats), or null} */
  public <E> List<E> getList(String name, Class<E> elementClass) {
    return getList(indexOf(name), elementClass);
  }

  /** {@return a set field, or null} */
  public <E> Set<E> getSet(String name, Class<E> elementClass) {
    return getSet(indexOf(name), elementClass);
  }

  /** {@return a map field, or null} */
  public <K, V> Map<K, V> getMap(String name, Class<K> keyClass, Class<V> valueClass) {
    return getMap(indexOf(name), keyClass, valueClass);
  }

  /** {@return a tuple field, or null} */
  public TupleValue getTupleValue(String name) {
    return getTupleValue(indexOf(name));
  }

  /** {@return a user type field, or null} */
  public UdtValue getUdtValue(String name) {
    return getUdtValue(indexOf(name));
  }

  /** {@return a {@code vector<float, n>} field, or null} */
  public float[] getFloatVector(String name) {
    return getFloatVector(indexOf(name));
  }

  /** Sets field {@code name} (see {@link #set(int, Object)}). */
  public UdtValue set(String name, Object value) {
    return set(indexOf(name), value);
  }

  /** The fields in CQL literal style, e.g. {@code {street: 'Main', zip: 1234}}. */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    for (int i = 0; i < size(); i++) {
      j.add(type.fieldNames().get(i) + ": " + show(rawValue(i)));
    }
    return j.toString();
  }
}
