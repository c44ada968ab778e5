package io.loomcql.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Ordering and collection helpers shared by the schema model. */
final class SchemaElements {

  /** DESCRIBE's order of tables, views, indexes and functions: by name, ignoring case. */
  static final Comparator<String> NAME_ORDER =
      Comparator.<String, String>comparing(s -> s, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(Comparator.naturalOrder());

  private SchemaElements() {}

  /** An unmodifiable map of the elements keyed by {@code key}, in {@link #NAME_ORDER}. */
  static <T> Map<String, T> byName(Collection<T> elements, Function<T, String> key) {
    List<T> sorted = new ArrayList<>(elements);
    sorted.sort(Comparator.comparing(key, NAME_ORDER));
    Map<String, T> map = new LinkedHashMap<>();
    for (T element : sorted) {
      map.put(key.apply(element), element);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The columns in the order of the server's {@code CREATE TABLE} (TableMetadata's
   * allColumnsInCreateOrder): partition key by position, clustering columns by position, then
   * static columns and then regular ones, each group with its single-cell columns before its
   * multi-cell ones, by the UTF-8 bytes of their names.
   */
  static List<ColumnMetadata> createOrder(Collection<ColumnMetadata> columns) {
    List<ColumnMetadata> sorted = new ArrayList<>(columns);
    sorted.sort(
        Comparator.comparingInt((ColumnMetadata c) -> group(c.kind()))
            .thenComparingInt(
                c -> c.kind() == ColumnMetadata.Kind.PARTITION_KEY
                        || c.kind() == ColumnMetadata.Kind.CLUSTERING
                    ? c.position()
                    : 0)
            .thenComparingInt(c -> c.isMultiCell() ? 1 : 0)
            .thenComparing(
                (a, b) ->
                    Arrays.compareUnsigned(
                        a.name().getBytes(StandardCharsets.UTF_8),
                        b.name().getBytes(StandardCharsets.UTF_8))));
    return List.copyOf(sorted);
  }

  private static int group(ColumnMetadata.Kind kind) {
    return switch (kind) {
      case PARTITION_KEY -> 0;
      case CLUSTERING -> 1;
      case STATIC -> 2;
      case REGULAR -> 3;
    };
  }

  /** Appends {@code (a, b)} or {@code a}: a partition key as a PRIMARY KEY clause writes it. */
  static void appendPrimaryKey(
      StringBuilder out, List<ColumnMetadata> partitionKey, List<ColumnMetadata> clusteringKey) {
    out.append("PRIMARY KEY (");
    if (partitionKey.size() == 1) {
      out.append(CqlNames.protectName(partitionKey.get(0).name()));
    } else {
      out.append('(');
      appendNames(out, partitionKey);
      out.append(')');
    }
    if (!clusteringKey.isEmpty()) {
      out.append(", ");
      appendNames(out, clusteringKey);
    }
    out.append(')');
  }

  /** Appends {@code a, b, c}. */
  static void appendNames(StringBuilder out, List<ColumnMetadata> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(CqlNames.protectName(columns.get(i).name()));
    }
  }

  /** Appends {@code CLUSTERING ORDER BY (a ASC, b DESC)}. */
  static void appendClusteringOrder(StringBuilder out, List<ColumnMetadata> clusteringKey) {
    out.append("CLUSTERING ORDER BY (");
    for (int i = 0; i < clusteringKey.size(); i++) {
      ColumnMetadata column = clusteringKey.get(i);
      if (i > 0) {
        out.append(", ");
      }
      out.append(CqlNames.protectName(column.name())).append(column.isReversed() ? " DESC" : " ASC");
    }
    out.append(')');
  }
}
