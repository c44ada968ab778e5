package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Typed, null-tolerant reads of one {@link SchemaRows} row; a missing column reads as null. */
final class Rows {

  private Rows() {}

  static String string(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }

  static String requiredString(Map<String, Object> row, String column) {
    String value = string(row, column);
    if (value == null) {
      throw new IllegalArgumentException(
          "A system_schema row has no '" + column + "' value: " + row.keySet());
    }
    return value;
  }

  static Boolean bool(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value instanceof Boolean b ? b : value == null ? null : Boolean.valueOf(value.toString());
  }

  static int integer(Map<String, Object> row, String column, int otherwise) {
    Object value = row.get(column);
    return value instanceof Number n ? n.intValue() : otherwise;
  }

  static UUID uuid(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value instanceof UUID u ? u : value == null ? null : UUID.fromString(value.toString());
  }

  static Instant instant(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value instanceof Instant i ? i : null;
  }

  static List<String> strings(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object element : (Collection<?>) value) {
      out.add(String.valueOf(element));
    }
    return List.copyOf(out);
  }

  static Set<String> stringSet(Map<String, Object> row, String column) {
    return Set.copyOf(new LinkedHashSet<>(strings(row, column)));
  }

  /** A {@code map<text, text>} column; values other than strings are turned into strings. */
  static Map<String, String> stringMap(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      out.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A {@code map<text, blob>} column (table extensions). */
  static Map<String, ByteBuffer> blobMap(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return Map.of();
    }
    Map<String, ByteBuffer> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      out.put(String.valueOf(entry.getKey()), ((ByteBuffer) entry.getValue()).asReadOnlyBuffer());
    }
    return Collections.unmodifiableMap(out);
  }
}
