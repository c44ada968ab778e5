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
  /** The reverse of {@link #classes}, for the %s encoder; a stale entry is checked against it. */
  private final Map<Class<?>, TypeName> types = new ConcurrentHashMap<>();

  /**
   * A user type's keyspace and name as the server stores them (quotes removed, unquoted names
   * lower-cased).
   *
   * @param keyspace the keyspace's name
   * @param name the type's name
   */
  public record TypeName(String keyspace, String name) {}

  /**
   * As {@link #register(String, String, Class, UserType)}, the type looked up in {@code metadata}
   * by the name the registration applies to (a quoted name without its quotes, an unquoted one
   * lower-cased), checked now if found.
   */
  public void register(String keyspace, String userType, Class<?> javaClass, Metadata metadata) {
    KeyspaceMetadata known = metadata.keyspace(keyspace);
    var declared = known == null ? null : known.userTypes().get(normalize(userType));
    UserType type = declared == null ? null : declared.dataType();
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
    types.put(javaClass, new TypeName(normalize(keyspace), normalize(userType)));
  }

  /**
   * {@return the user type {@code javaClass} is mapped to (by its latest registration that still
   * holds), or null}
   */
  public TypeName typeOf(Class<?> javaClass) {
    if (types.isEmpty()) {
      return null;
    }
    TypeName name = types.get(javaClass);
    return name != null && classes.get(name.keyspace() + "." + name.name()) == javaClass ? name : null;
  }

  /** {@return the class {@code type} is mapped to, or null when it reads as {@code UdtValue}} */
  public Class<?> classFor(UserType type) {
    // the type's names are as the server stores them (case kept): no CQL identifier rules apply
    return classes.isEmpty() ? null : classes.get(type.keyspace() + "." + type.name());
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
