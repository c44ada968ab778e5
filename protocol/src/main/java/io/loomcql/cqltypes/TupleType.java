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

  /**
   * A value of this tuple type holding {@code values}, in component order; missing trailing
   * components are null.
   *
   * @throws IllegalArgumentException if there are more values than components or a value's Java
   *     class does not match its component's type ({@link DataType#javaClass()})
   */
  public TupleValue newValue(Object... values) {
    return new TupleValue(this).setAll(values);
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
