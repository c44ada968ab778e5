package io.loomcql.protocol.internal.codec;

import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;

/**
 * Codecs for the Java classes an application maps user types to, which the wire codecs do not
 * know: the driver's core supplies them (its registry of mapped classes, which builds record and
 * bean codecs), and {@link Codecs} asks for one wherever a user type occurs (a column, a
 * collection element, a tuple component, a field of another user type). A type it has no codec
 * for reads and writes as {@link UdtValue}.
 */
@FunctionalInterface
public interface MappedClassCodecs {

  /** Maps no user type: every one reads and writes as {@link UdtValue}. */
  MappedClassCodecs NONE = type -> null;

  /**
   * The codec reading and writing values of {@code type} as instances of the class it is mapped
   * to, or null when no class is mapped to it.
   *
   * @throws IllegalArgumentException if the mapped class cannot hold the type's fields
   */
  TypeCodec<?> codecFor(UserType type);
}
