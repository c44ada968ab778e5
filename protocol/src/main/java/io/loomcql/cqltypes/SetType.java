package io.loomcql.cqltypes;

import java.util.Objects;

/**
 * {@code set<element>} (protocol code 0x0022).
 *
 * @param element the type of the elements
 */
public record SetType(DataType element) implements DataType {

  /** Checks that the element type is given. */
  public SetType {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public int protocolCode() {
    return 0x0022;
  }

  @Override
  public String cqlName() {
    return "set<" + element.cqlName() + ">";
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
