package io.loomcql.query;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a result, in order, with lookup by name. A name matches exactly first; failing
 * that, case-insensitively (CQL folds unquoted identifiers to lower case).
 */
public final class ColumnDefinitions implements Iterable<ColumnDefinition> {

  private final List<ColumnDefinition> columns;
  private final Map<String, Integer> byName;
  private final Map<String, Integer> byLowerCaseName;

  /** The given columns, in order. */
  public ColumnDefinitions(List<ColumnDefinition> columns) {
    this.columns = List.copyOf(columns);
    this.byName = new HashMap<>(columns.size() * 2);
    this.byLowerCaseName = new HashMap<>(columns.size() * 2);
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      byName.putIfAbsent(name, i);
      byLowerCaseName.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
    }
  }

  /** {@return how many columns there are} */
  public int size() {
    return columns.size();
  }

  /**
   * The column at {@code index} (0-based); throws {@link IndexOutOfBoundsException} outside the
   * range.
   */
  public ColumnDefinition get(int index) {
    if (index < 0 || index >= columns.size()) {
      throw new IndexOutOfBoundsException(
          "Column index " + index + " out of range: the result has " + columns.size() + " columns");
    }
    return columns.get(index);
  }

  /** {@return the index of the column named {@code name}, or -1} */
  public int indexOf(String name) {
    Integer index = byName.get(name);
    if (index == null) {
      index = byLowerCaseName.get(name.toLowerCase(Locale.ROOT));
    }
    return index == null ? -1 : index;
  }

  /**
   * {@return the index of the column named {@code name}, matched as by {@link #indexOf}}
   *
   * @throws IllegalArgumentException naming the available columns if there is no such column
   */
  public int indexOfExisting(String name) {
    int index = indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "No column named '" + name + "' in this result; its columns are " + names());
    }
    return index;
  }

  /** {@return the column names, in order} */
  public List<String> names() {
    return columns.stream().map(ColumnDefinition::name).toList();
  }

  /** {@return the columns, in order (an unmodifiable list)} */
  public List<ColumnDefinition> asList() {
    return columns;
  }

  @Override
  public Iterator<ColumnDefinition> iterator() {
    return columns.iterator();
  }

  @Override
  public String toString() {
    return columns.toString();
  }
}
