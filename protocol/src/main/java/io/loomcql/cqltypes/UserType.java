package io.loomcql.cqltypes;

import java.util.List;
import java.util.Objects;

/**
 * A user-defined type (protocol code 0x0030), with its fields in declaration order.
 *
 * @param keyspace the keyspace the type belongs to
 * @param name the type's name
 * @param fieldNames the names of its fields (an immutable copy)
 * @param fieldTypes the types of its fields, same order and size as {@code fieldNames}
 */
public record UserType(
    String keyspace, String name, List<String> fieldNames, List<DataType> fieldTypes)
    implements DataType {

  /** Copies the lists and checks that they have the same size. */
  public UserType {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    fieldNames = List.copyOf(fieldNames);
    fieldTypes = List.copyOf(fieldTypes);
    if (fieldNames.size() != fieldTypes.size()) {
      throw new IllegalArgumentException(
          "A user type needs as many field types as field names, got " + fieldNames.size()
              + " names and " + fieldTypes.size() + " types");
    }
  }

  /** {@return a value of this user type with every field null} */
  public UdtValue newValue() {
    return new UdtValue(this);
  }

  /**
   * {@return the position of the field called {@code name} (exactly, else ignoring case), or -1}
   */
  public int indexOf(String name) {
    int i = fieldNames.indexOf(name);
    if (i >= 0) {
      return i;
    }
    for (int j = 0; j < fieldNames.size(); j++) {
      if (fieldNames.get(j).equalsIgnoreCase(name)) {
        return j;
      }
    }
    return -1;
  }

  @Override
  public int protocolCode() {
    return 0x0030;
  }

  /** The type's name qualified by its keyspace, wrapped in frozen: {@code frozen<ks.name>}. */
  @Override
  public String cqlName() {
    return "frozen<" + keyspace + "." + name + ">";
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
