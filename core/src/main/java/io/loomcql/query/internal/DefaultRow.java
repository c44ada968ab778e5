package io.loomcql.query.internal;

import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.UUID;

/** A row of a {@link RowsPage}: a page and an index, nothing decoded until asked. */
final class DefaultRow implements Row {

  private final RowsPage page;
  private final int row;

  DefaultRow(RowsPage page, int row) {
    this.page = page;
    this.row = row;
  }

  private int indexOf(String name) {
    return page.columns().indexOfExisting(name);
  }

  @Override
  public ColumnDefinitions columnDefinitions() {
    return page.columns();
  }

  @Override
  public boolean isNull(int index) {
    return page.isNull(row, index);
  }

  @Override
  public boolean isNull(String name) {
    return isNull(indexOf(name));
  }

  @Override
  public Object getObject(int index) {
    return page.decode(row, index, Object.class);
  }

  @Override
  public Object getObject(String name) {
    return getObject(indexOf(name));
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    return page.decode(row, index, type);
  }

  @Override
  public <T> T get(String name, Class<T> type) {
    return get(indexOf(name), type);
  }

  @Override
  public String getString(int index) {
    return page.decode(row, index, String.class);
  }

  @Override
  public String getString(String name) {
    return getString(indexOf(name));
  }

  @Override
  public int getInt(int index) {
    return page.getInt(row, index);
  }

  @Override
  public int getInt(String name) {
    return getInt(indexOf(name));
  }

  @Override
  public long getLong(int index) {
    return page.getLong(row, index);
  }

  @Override
  public long getLong(String name) {
    return getLong(indexOf(name));
  }

  @Override
  public boolean getBoolean(int index) {
    Boolean value = page.decode(row, index, Boolean.class);
    return value != null && value;
  }

  @Override
  public boolean getBoolean(String name) {
    return getBoolean(indexOf(name));
  }

  @Override
  public UUID getUuid(int index) {
    return page.decode(row, index, UUID.class);
  }

  @Override
  public UUID getUuid(String name) {
    return getUuid(indexOf(name));
  }

  @Override
  public Instant getInstant(int index) {
    return page.decode(row, index, Instant.class);
  }

  @Override
  public Instant getInstant(String name) {
    return getInstant(indexOf(name));
  }

  @Override
  public ByteBuffer getBytes(int index) {
    return page.getBytes(row, index);
  }

  @Override
  public ByteBuffer getBytes(String name) {
    return getBytes(indexOf(name));
  }

  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "Row(", ")");
    ColumnDefinitions columns = page.columns();
    for (int i = 0; i < columns.size(); i++) {
      Object value;
      try {
        value = getObject(i);
      } catch (RuntimeException e) {
        value = "<" + e.getMessage() + ">";
      }
      joiner.add(columns.get(i).name() + "=" + value);
    }
    return joiner.toString();
  }
}
