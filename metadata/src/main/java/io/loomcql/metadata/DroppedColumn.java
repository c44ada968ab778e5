package io.loomcql.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * A column dropped from a table, from {@code system_schema.dropped_columns}. The server keeps it to
 * ignore the column's old data; DESCRIBE does not print it.
 *
 * @param name the column's name
 * @param cqlType its type when dropped (user types expanded to tuples by the server)
 * @param kind {@code regular} or {@code static}
 * @param droppedTime when it was dropped; null if the row had none
 */
public record DroppedColumn(String name, String cqlType, ColumnMetadata.Kind kind, Instant droppedTime) {

  /** Checks the name, type and kind. */
  public DroppedColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cqlType, "cqlType");
    Objects.requireNonNull(kind, "kind");
  }
}
