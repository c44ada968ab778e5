package io.loomcql.mapping.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.StructCodecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a user type to a bean-like class (the other kind {@code Cluster.registerUserType} accepts
 * besides records): a public no-argument constructor, and per UDT field a property of the same
 * name, or of the camelCase form of a snake_case name ({@code zip_code} → {@code zipCode}), read
 * through {@code getX()}/{@code isX()} or a public field and written through {@code setX(..)} or
 * a public field. Fields without a property are sent as null and ignored when read; a null read
 * into a primitive property leaves it at its default. A property whose type is a record or bean
 * class, for a field of a user type, maps recursively ({@link ClassMapping#codecFor}).
 *
 * <p>The class must be accessible to this module (public, exported or opened to {@code
 * io.loomcql.core}, or on the class path). Immutable and thread-safe; the beans are not.
 *
 * @param <T> the bean class
 */
final class BeanCodec<T> implements TypeCodec<T> {

  private final UserType type;
  private final Class<T> beanClass;
  private final Constructor<T> constructor;
  private final List<TypeCodec<?>> fieldCodecs;
  // per UDT field: how to read and write it (null = no property)
  private final Method[] getters;
  private final Method[] setters;
  private final Field[] fields;

  private BeanCodec(UserType type, Class<T> beanClass, MappedClassCodecs mappedClasses) {
    this.type = type;
    this.beanClass = beanClass;
    int n = type.fieldNames().size();
    this.getters = new Method[n];
    this.setters = new Method[n];
    this.fields = new Field[n];
    List<TypeCodec<?>> codecs = new ArrayList<>(n);
    int mapped = 0;
    for (int f = 0; f < n; f++) {
      String property = camel(type.fieldNames().get(f));
      Method getter = method(beanClass, "get" + capital(property));
      if (getter == null) {
        getter = method(beanClass, "is" + capital(property));
      }
      Field field = publicField(beanClass, property);
      Class<?> javaType = getter != null ? getter.getReturnType()
          : field != null ? field.getType() : null;
      Method setter = javaType == null ? null : method(beanClass, "set" + capital(property), javaType);
      DataType fieldType = type.fieldTypes().get(f);
      TypeCodec<?> codec = Codecs.codecFor(fieldType, mappedClasses);
      if (javaType != null) {
        Class<?> boxed = ClassMapping.boxed(javaType);
        if (fieldType instanceof UserType nested && !boxed.isAssignableFrom(codec.javaType())) {
          codec = ClassMapping.codecFor(nested, boxed, mappedClasses);
        } else if (!boxed.isAssignableFrom(codec.javaType())) {
          throw new IllegalArgumentException("Property '" + property + "' of " + beanClass.getName()
              + " is a " + javaType.getName() + " but field '" + type.fieldNames().get(f) + "' of "
              + type.keyspace() + "." + type.name() + " is a " + fieldType.cqlName()
              + " (read as " + codec.javaType().getName() + ")");
        }
        mapped++;
      }
      codecs.add(codec);
      getters[f] = getter;
      setters[f] = setter;
      fields[f] = getter == null || setter == null ? field : null;
    }
    if (mapped == 0) {
      throw new IllegalArgumentException(beanClass.getName() + " has no property for any field of "
          + type.keyspace() + "." + type.name() + " " + type.fieldNames());
    }
    this.fieldCodecs = List.copyOf(codecs);
    try {
      this.constructor = beanClass.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          beanClass.getName() + " needs a public no-argument constructor to map user type "
              + type.keyspace() + "." + type.name(), e);
    }
  }

  /**
   * The codec mapping {@code type} to {@code beanClass}, the user types inside it mapped by {@code
   * mappedClasses}.
   *
   * @throws IllegalArgumentException naming the property that does not fit, or if none fits
   */
  static <T> BeanCodec<T> of(UserType type, Class<T> beanClass, MappedClassCodecs mappedClasses) {
    return new BeanCodec<>(type, beanClass, mappedClasses);
  }

  private static String camel(String name) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static Method method(Class<?> c, String name, Class<?>... parameters) {
    try {
      Method m = c.getMethod(name, parameters);
      return Modifier.isStatic(m.getModifiers()) ? null : m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Field publicField(Class<?> c, String name) {
    try {
      Field f = c.getField(name);
      int mods = f.getModifiers();
      return Modifier.isStatic(mods) || Modifier.isFinal(mods) ? null : f;
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  @Override
  public DataType cqlType() {
    return type;
  }

  @Override
  public Class<T> javaType() {
    return beanClass;
  }

  @Override
  public ByteBuffer encode(T value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    Object[] values = new Object[fieldCodecs.size()];
    try {
      for (int f = 0; f < values.length; f++) {
        if (getters[f] != null) {
          values[f] = getters[f].invoke(value);
        } else if (fields[f] != null) {
          values[f] = fields[f].get(value);
        }
      }
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "A getter of " + beanClass.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Cannot read " + beanClass.getName() + "; is its package exported to io.loomcql.core?", e);
    }
    return StructCodecs.encodeComponents(fieldCodecs, values, version);
  }

  @Override
  public T decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null) {
      return null;
    }
    Object[] values = StructCodecs.decodeComponents(bytes, fieldCodecs, type, version);
    try {
      T bean = constructor.newInstance();
      for (int f = 0; f < values.length; f++) {
        Object v = values[f];
        boolean primitive = setters[f] != null ? setters[f].getParameterTypes()[0].isPrimitive()
            : fields[f] != null && fields[f].getType().isPrimitive();
        if (v == null && primitive) {
          continue;
        }
        if (setters[f] != null) {
          setters[f].invoke(bean, v);
        } else if (fields[f] != null) {
          fields[f].set(bean, v);
        }
      }
      return bean;
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("The constructor or a setter of " + beanClass.getName()
          + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot build " + beanClass.getName()
          + "; is its package exported to io.loomcql.core?", e);
    }
  }

  @Override
  public String toString() {
    return "BeanCodec[" + type.keyspace() + "." + type.name() + " <-> " + beanClass.getName() + "]";
  }
}
