package io.loomcql.query;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a result row into the object the application wants, the Java form of the Python
 * driver's row factories: {@link #tuple()}, {@link #namedTuple()} (the default: {@link Row}
 * itself), {@link #dict()}, {@link #orderedDict()}, and {@link #record(Class)} for Java records.
 *
 * <pre>{@code
 * record User(int id, String name) {}
 * for (User user : session.execute("SELECT id, name FROM users").as(RowFactory.record(User.class))) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface RowFactory<T> {

  /** {@return the application's object for {@code row}} */
  T apply(Row row);

  /**
   * {@return each row as an array of its values in column order (the Python driver's {@code tuple_factory})}
   */
  static RowFactory<Object[]> tuple() {
    return row -> {
      Object[] values = new Object[row.columnDefinitions().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.getObject(i);
      }
      return values;
    };
  }

  /**
   * {@return the row itself, with getters by index and name (the Python driver's default {@code
   * named_tuple_factory})}
   */
  static RowFactory<Row> namedTuple() {
    return row -> row;
  }

  /**
   * {@return each row as an unmodifiable map of column name to value (the Python driver's {@code
   * dict_factory})}
   */
  static RowFactory<Map<String, Object>> dict() {
    return row -> Collections.unmodifiableMap(orderedDict().apply(row));
  }

  /** {@return each row as a map in column order (the Python driver's {@code ordered_dict_factory})} */
  static RowFactory<LinkedHashMap<String, Object>> orderedDict() {
    return row -> {
      ColumnDefinitions columns = row.columnDefinitions();
      LinkedHashMap<String, Object> values = new LinkedHashMap<>(columns.size() * 2);
      for (int i = 0; i < columns.size(); i++) {
        values.put(columns.get(i).name(), row.getObject(i));
      }
      return values;
    };
  }

  /**
   * Each row as an instance of the record {@code type}: each component takes the column of the
   * same name, or of the same name once cleaned as the Python driver cleans named-tuple fields
   * ({@code [applied]} → {@code applied}, {@code system.count(*)} → {@code system_count}), or
   * whose snake_case name matches the camelCase component ({@code release_version} →
   * {@code releaseVersion}).
   *
   * @throws IllegalArgumentException on the first row if a component matches no column, naming
   *     the component and the columns
   */
  static <R extends Record> RowFactory<R> record(Class<R> type) {
    return new RecordRowFactory<>(type);
  }

  /**
   * The Python driver's cleaning of a column name into an identifier: leading non-alphanumerics removed,
   * trailing characters outside {@code [A-Za-z0-9_]} removed, other non-alphanumerics replaced
   * by {@code _}.
   */
  static String cleanColumnName(String name) {
    String cleaned = name.replaceAll("^[^a-zA-Z0-9]*", "").replaceAll("[^a-zA-Z0-9_]*$", "");
    return cleaned.replaceAll("[^a-zA-Z0-9_]", "_");
  }

  /** Maps rows to a record through its canonical constructor; the column mapping is cached. */
  final class RecordRowFactory<R extends Record> implements RowFactory<R> {

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private final Class<R> type;
    private final RecordComponent[] components;
    private final MethodHandle constructor;
    private final Map<ColumnDefinitions, int[]> mappings = new ConcurrentHashMap<>();

    RecordRowFactory(Class<R> type) {
      this.type = type;
      this.components = type.getRecordComponents();
      Class<?>[] parameterTypes = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        parameterTypes[i] = components[i].getType();
      }
      try {
        Constructor<R> canonical = type.getDeclaredConstructor(parameterTypes);
        if (!canonical.trySetAccessible()) {
          throw new IllegalArgumentException(
              "Cannot access the constructor of record " + type.getName()
                  + ": make it public, or open its package to module io.loomcql.core");
        }
        this.constructor = MethodHandles.lookup().unreflectConstructor(canonical);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(
            "Record " + type.getName() + " has no accessible canonical constructor", e);
      }
    }

    @Override
    public R apply(Row row) {
      int[] mapping = mappings.computeIfAbsent(row.columnDefinitions(), this::map);
      Object[] arguments = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        Class<?> componentType = components[i].getType();
        Object value = row.getObject(mapping[i]);
        arguments[i] = value == null && componentType.isPrimitive() ? defaultOf(componentType) : value;
      }
      try {
        return type.cast(constructor.invokeWithArguments(arguments));
      } catch (ClassCastException | IllegalArgumentException | WrongMethodTypeException e) {
        throw new IllegalArgumentException(
            "Cannot build a " + type.getSimpleName() + " from " + row + ": " + e.getMessage(), e);
      } catch (Throwable t) {
        throw new IllegalArgumentException(
            "The constructor of " + type.getName() + " failed for " + row + ": " + t, t);
      }
    }

    private int[] map(ColumnDefinitions columns) {
      int[] mapping = new int[components.length];
      for (int i = 0; i < components.length; i++) {
        mapping[i] = find(columns, components[i].getName());
        if (mapping[i] < 0) {
          throw new IllegalArgumentException(
              "Record component '" + components[i].getName() + "' of " + type.getName()
                  + " matches no column; the columns are " + columns.names());
        }
      }
      return mapping;
    }

    private static int find(ColumnDefinitions columns, String component) {
      String snake = CAMEL_HUMP.matcher(component).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i).name();
        if (column.equals(component)
            || cleanColumnName(column).equals(component)
            || column.equals(snake)
            || cleanColumnName(column).equalsIgnoreCase(component)) {
          return i;
        }
      }
      return -1;
    }

    private static Object defaultOf(Class<?> primitive) {
      if (primitive == boolean.class) {
        return false;
      }
      if (primitive == char.class) {
        return '\0';
      }
      if (primitive == long.class) {
        return 0L;
      }
      if (primitive == double.class) {
        return 0.0;
      }
      if (primitive == float.class) {
        return 0.0f;
      }
      if (primitive == short.class) {
        return (short) 0;
      }
      if (primitive == byte.class) {
        return (byte) 0;
      }
      return 0;
    }
  }
}
