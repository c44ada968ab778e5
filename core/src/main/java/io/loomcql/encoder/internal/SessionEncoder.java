package io.loomcql.encoder.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.encoder.Encoder;
import io.loomcql.mapping.internal.UserTypeRegistry;
import io.loomcql.metadata.KeyspaceMetadata;
import io.loomcql.metadata.Metadata;
import io.loomcql.protocol.internal.codec.Codecs;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A session's {@code %s} encoder: the standard literals, and instances of the classes registered
 * with {@code Cluster.registerUserType} rendered as the literal of their user type, wherever they
 * occur (a value, a collection element, a tuple component, a field of another user type). Python's
 * {@code register_user_type} likewise installs an encoder for the class in every session.
 *
 * <p>An instance is converted to a {@link UdtValue} through the same mapping that binds it to a
 * prepared statement (serialized with the registered class's codec, read back as a {@code
 * UdtValue}), so a class renders exactly the fields it binds. Immutable; thread-safe.
 */
public final class SessionEncoder extends Encoder {

  private final UserTypeRegistry userTypes;
  private final Supplier<Metadata> metadata;

  /**
   * @param userTypes the cluster's registered classes
   * @param metadata the cluster's metadata, where the user types' fields are found
   */
  public SessionEncoder(UserTypeRegistry userTypes, Supplier<Metadata> metadata) {
    this.userTypes = userTypes;
    this.metadata = metadata;
  }

  @Override
  public String encode(Object value) {
    UdtValue udt = value == null ? null : asUdtValue(value);
    return super.encode(udt == null ? value : udt);
  }

  /** The value of a registered class as a UdtValue of its type, or null if its class is not registered. */
  private UdtValue asUdtValue(Object value) {
    UserTypeRegistry.TypeName name = null;
    for (Class<?> c = value.getClass(); c != null && name == null; c = c.getSuperclass()) {
      name = userTypes.typeOf(c);
    }
    if (name == null) {
      return null;
    }
    KeyspaceMetadata keyspace = metadata.get().keyspace(name.keyspace());
    var known = keyspace == null ? null : keyspace.userTypes().get(name.name());
    if (known == null) {
      throw new IllegalArgumentException(
          "Cannot encode a " + value.getClass().getName() + " as a literal of user type "
              + name.keyspace() + "." + name.name() + ": the schema metadata does not know the type"
              + " (refresh it with Cluster.refreshUserTypeMetadata, or bind the value to a"
              + " prepared statement)");
    }
    UserType type = known.dataType();
    // user types serialize the same way in every protocol version the driver speaks
    ByteBuffer bytes = Codecs.encode(value, type, ProtocolVersion.V4, userTypes);
    return (UdtValue) Codecs.codecFor(type).decode(bytes, ProtocolVersion.V4);
  }
}
