package io.loomcql.mapping.internal;

import io.loomcql.cqltypes.UserType;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import java.lang.invoke.MethodType;

/** Which codec maps a user type to a Java class: a record's, else a bean's. Stateless. */
final class ClassMapping {

  private ClassMapping() {}

  /**
   * The codec mapping {@code type} to {@code javaClass}: a {@link RecordCodec} for a record, else a
   * {@link BeanCodec}; the user types inside it (in collections, say) mapped by {@code
   * mappedClasses}.
   *
   * @throws IllegalArgumentException naming the property or component that does not fit
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> TypeCodec<T> codecFor(
      UserType type, Class<T> javaClass, MappedClassCodecs mappedClasses) {
    if (javaClass.isRecord()) {
      return (TypeCodec<T>) RecordCodec.of(type, (Class) javaClass, mappedClasses);
    }
    return BeanCodec.of(type, javaClass, mappedClasses);
  }

  /** {@code c}, or its wrapper class if it is a primitive type ({@code int} → {@code Integer}). */
  static Class<?> boxed(Class<?> c) {
    return c.isPrimitive() ? MethodType.methodType(c).wrap().returnType() : c;
  }
}
