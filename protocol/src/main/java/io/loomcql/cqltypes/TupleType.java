package io.loomcql.cqltypes;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code tuple<t1, t2, ...>} (protocol code 0x0031).
 *
 * @param components the types of the components, in order (an immutable copy)
 */
public record TupleType(List<DataType> components) implements DataType {

  /** Copies the component list. */
  public TupleType {
    components = List.copyOf(components);
  }

  @Override
  public int protocolCode() {
    return 0x0031;
  }

  @Override
  public String cqlName() {
    return components.stream().map(DataType::cqlName).collect(Collectors.joining(", ", "tuple<", ">"));
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
