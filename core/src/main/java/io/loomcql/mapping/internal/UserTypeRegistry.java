package io.loomcql.mapping.internal;

import io.loomcql.cqltypes.UserType;
import io.loomcql.metadata.KeyspaceMetadata;
import io.loomcql.metadata.Metadata;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user types of one cluster mapped to Java classes ({@code Cluster.registerUserType}): rows
 * decode their values as instances of the class, prepared statements encode instances of it. The
 * protocol's codecs ask it for the codec of each user type they meet ({@link #codecFor}).
 * Lookups are a map read, so the codecs of a page are built without a lock.
 */
public final class UserTypeRegistry implements MappedClassCodecs {

  private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

  /**
   * As {@link #register(String, String, Class, UserType)}, the type looked up in {@code metadata}
   * (a quoted name without its quotes, else by its name as given, else lower-cased), checked now
   * if found.
   */
  public void register(String keyspace, String userType, Class<?> javaClass, Metadata metadata) {
    KeyspaceMetadata known = metadata.keyspace(keyspace);
    UserType type = null;
    if (known != null) {
      var declared = known.userTypes().get(isQuoted(userType) ? unquoted(userType) : userType);
      if (declared == null && !isQuoted(userType)) {
        declared = known.userTypes().get(userType.toLowerCase(Locale.ROOT));
      }
      type = declared == null ? null : declared.dataType();
    }
    register(keyspace, userType, javaClass, type);
  }

  /**
   * Maps {@code keyspace.userType} to {@code javaClass} (a record, or a class with a public
   * no-argument constructor and getters/setters or public fields), replacing an earlier mapping.
   * Unquoted names are case-insensitive, as in CQL.
   *
   * @param known the type as the schema describes it, when known: the class is checked against
   *     its fields now rather than at the first row
   */
  public void register(String keyspace, String userType, Class<?> javaClass, UserType known) {
    Objects.requireNonNull(javaClass, "javaClass");
    if (!javaClass.isRecord()) {
      try {
        javaClass.getConstructor();
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(
            javaClass.getName() + " can map user type " + keyspace + "." + userType
                + " only as a record or with a public no-argument constructor");
      }
    }
    if (known != null) {
      ClassMapping.codecFor(known, javaClass, this); // throws naming the field that does not fit
    }
    classes.put(key(keyspace, userType), javaClass);
  }

  /**
   * {@return the class {@code type} is mapped to, or null when it reads as {@code UdtValue}}
   * The schema's names are exact: a registration under a quoted name matches them as they are,
   * one under an unquoted name matches them lower-cased.
   */
  public Class<?> classFor(UserType type) {
    if (classes.isEmpty()) {
      return null;
    }
    Class<?> mapped = classes.get(type.keyspace() + "." + type.name());
    return mapped != null ? mapped
        : classes.get(type.keyspace().toLowerCase(Locale.ROOT) + "."
            + type.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The codec of {@code type} as its mapped class (built anew, so that it follows the latest
   * registration), or null when no class is mapped to it.
   *
   * @throws IllegalArgumentException if the class cannot hold the type's fields
   */
  @Override
  public TypeCodec<?> codecFor(UserType type) {
    Class<?> mapped = classFor(type);
    return mapped == null ? null : ClassMapping.codecFor(type, mapped, this);
  }

  private static String key(String keyspace, String name) {
    return normalize(Objects.requireNonNull(keyspace, "keyspace")) + "."
        + normalize(Objects.requireNonNull(name, "userType"));
  }

  /** CQL identifiers: "Quoted" keep their case, others are lower case. */
  private static String normalize(String name) {
    return isQuoted(name) ? unquoted(name) : name.toLowerCase(Locale.ROOT);
  }

  private static boolean isQuoted(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"");
  }

  private static String unquoted(String name) {
    return name.substring(1, name.length() - 1).replace("\"\"", "\"");
  }
}
