package io.loomcql.mapping.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.StructCodecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a user type to a Java record (what {@code Cluster.registerUserType} installs): each record
 * component takes the UDT field of the same name (exactly, else ignoring case, else the
 * snake_case form of a camelCase name: {@code zipCode} → {@code zip_code}). Fields without a
 * component are sent as null and ignored when read; a null field read into a primitive component
 * becomes 0 or false. A component whose type is a record or bean class, for a field of a user
 * type, maps recursively ({@link ClassMapping#codecFor}).
 *
 * <p>The record must be accessible to this module: public, in a package that its module exports
 * (or opens) to {@code io.loomcql.core}, or on the class path. Immutable and thread-safe.
 *
 * @param <R> the record class
 */
final class RecordCodec<R extends Record> implements TypeCodec<R> {

  private static final Map<Class<?>, Object> PRIMITIVE_DEFAULTS = Map.of(
      int.class, 0, long.class, 0L, boolean.class, false, double.class, 0.0, float.class, 0.0f,
      short.class, (short) 0, byte.class, (byte) 0, char.class, '\0');

  private final UserType type;
  private final Class<R> recordClass;
  private final Constructor<R> constructor;
  private final Method[] accessors;
  // field index of each component
  private final int[] fieldOf;
  // per UDT field: its codec (a RecordCodec for nested records)
  private final List<TypeCodec<?>> fieldCodecs;
  private final Class<?>[] componentTypes;

  private RecordCodec(UserType type, Class<R> recordClass, MappedClassCodecs mappedClasses) {
    this.type = type;
    this.recordClass = recordClass;
    RecordComponent[] components = recordClass.getRecordComponents();
    this.accessors = new Method[components.length];
    this.fieldOf = new int[components.length];
    this.componentTypes = new Class<?>[components.length];
    List<TypeCodec<?>> codecs = new ArrayList<>();
    for (int f = 0; f < type.fieldTypes().size(); f++) {
      codecs.add(null);
    }
    for (int c = 0; c < components.length; c++) {
      RecordComponent component = components[c];
      int field = fieldIndex(type, component.getName());
      if (field < 0) {
        throw new IllegalArgumentException("Record " + recordClass.getName() + " has a component '"
            + component.getName() + "' but user type " + type.keyspace() + "." + type.name()
            + " has no such field; its fields are " + type.fieldNames());
      }
      DataType fieldType = type.fieldTypes().get(field);
      Class<?> javaType = ClassMapping.boxed(component.getType());
      TypeCodec<?> codec;
      if (fieldType instanceof UserType nested && !javaType.isAssignableFrom(
          UdtValue.class)) {
        codec = ClassMapping.codecFor(nested, javaType, mappedClasses);
      } else {
        codec = Codecs.codecFor(fieldType, mappedClasses);
        if (!javaType.isAssignableFrom(codec.javaType())) {
          throw new IllegalArgumentException("Component '" + component.getName() + "' of "
              + recordClass.getName() + " is a " + component.getType().getName() + " but field '"
              + type.fieldNames().get(field) + "' of " + type.keyspace() + "." + type.name()
              + " is a " + fieldType.cqlName() + " (read as " + codec.javaType().getName() + ")");
        }
      }
      codecs.set(field, codec);
      fieldOf[c] = field;
      componentTypes[c] = component.getType();
      accessors[c] = component.getAccessor();
    }
    for (int f = 0; f < codecs.size(); f++) {
      if (codecs.get(f) == null) {
        codecs.set(f, Codecs.codecFor(type.fieldTypes().get(f), mappedClasses));
      }
    }
    this.fieldCodecs = List.copyOf(codecs);
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int c = 0; c < components.length; c++) {
      parameterTypes[c] = components[c].getType();
    }
    try {
      this.constructor = recordClass.getDeclaredConstructor(parameterTypes);
      trySetAccessible(constructor);
      for (Method accessor : accessors) {
        trySetAccessible(accessor);
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "Record " + recordClass.getName() + " has no canonical constructor", e);
    }
  }

  /**
   * The codec mapping {@code type} to {@code recordClass}, the user types inside it mapped by
   * {@code mappedClasses}.
   *
   * @throws IllegalArgumentException naming the component if one has no field of its name or a
   *     Java type that the field's CQL type does not map to
   */
  static <R extends Record> RecordCodec<R> of(
      UserType type, Class<R> recordClass, MappedClassCodecs mappedClasses) {
    return new RecordCodec<>(type, recordClass, mappedClasses);
  }

  private static int fieldIndex(UserType type, String componentName) {
    int i = type.indexOf(componentName);
    if (i < 0) {
      String snake = componentName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
      i = type.indexOf(snake);
    }
    return i;
  }

  private static void trySetAccessible(AccessibleObject o) {
    try {
      o.trySetAccessible();
    } catch (SecurityException e) {
      // keep the default access check: a public record in an exported package still works
    }
  }

  @Override
  public DataType cqlType() {
    return type;
  }

  @Override
  public Class<R> javaType() {
    return recordClass;
  }

  @Override
  public ByteBuffer encode(R value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    Object[] values = new Object[fieldCodecs.size()];
    for (int c = 0; c < accessors.length; c++) {
      values[fieldOf[c]] = invoke(accessors[c], value);
    }
    return StructCodecs.encodeComponents(fieldCodecs, values, version);
  }

  @Override
  public R decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null) {
      return null;
    }
    Object[] values = StructCodecs.decodeComponents(bytes, fieldCodecs, type, version);
    Object[] args = new Object[accessors.length];
    for (int c = 0; c < args.length; c++) {
      Object v = values[fieldOf[c]];
      args[c] = v == null ? PRIMITIVE_DEFAULTS.get(componentTypes[c]) : v;
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("The constructor of " + recordClass.getName()
          + " refused the fields of a " + type.keyspace() + "." + type.name() + ": "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot construct " + recordClass.getName()
          + "; is its package exported to io.loomcql.core?", e);
    }
  }

  private Object invoke(Method accessor, R value) {
    try {
      return accessor.invoke(value);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Accessor " + accessor.getName() + " of "
          + recordClass.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read " + recordClass.getName()
          + "; is its package exported to io.loomcql.core?", e);
    }
  }

  @Override
  public String toString() {
    return "RecordCodec[" + type.keyspace() + "." + type.name() + " <-> " + recordClass.getName()
        + "]";
  }
}
