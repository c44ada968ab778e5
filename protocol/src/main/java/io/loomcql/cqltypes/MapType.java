package io.loomcql.cqltypes;

import java.util.Objects;

/**
 * {@code map<key, value>} (protocol code 0x0021).
 *
 * @param key the type of the keys
 * @param value the type of the values
 */
public record MapType(DataType key, DataType value) implements DataType {

  /** Checks that both types are given. */
  public MapType {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public int protocolCode() {
    return 0x0021;
  }

  @Override
  public String cqlName() {
    return "map<" + key.cqlName() + ", " + value.cqlName() + ">";
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
