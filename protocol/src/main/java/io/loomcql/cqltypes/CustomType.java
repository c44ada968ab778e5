package io.loomcql.cqltypes;

import java.util.Objects;

/**
 * A custom type (protocol code 0x0000), named by the server-side Java class that implements it,
 * e.g. {@code org.apache.cassandra.db.marshal.DynamicCompositeType(...)}. Values of custom types are
 * handled as raw bytes.
 *
 * @param className the fully qualified marshal class name, with its parameters if any
 */
public record CustomType(String className) implements DataType {

  /** Checks that the class name is given. */
  public CustomType {
    Objects.requireNonNull(className, "className");
  }

  @Override
  public int protocolCode() {
    return 0x0000;
  }

  /** The class name in single quotes, as CQL writes a custom type. */
  @Override
  public String cqlName() {
    return "'" + className + "'";
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
