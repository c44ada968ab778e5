package io.loomcql.encoder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns Java values into CQL literals for seed-style {@code %s} queries, the Java form of the
 * Python driver's {@code cassandra.encoder.Encoder}: {@code session.execute("INSERT INTO t (k, v)
 * VALUES (%s, %s)", 1, "it's")} sends {@code INSERT INTO t (k, v) VALUES (1, 'it''s')}.
 *
 * <p>Every supported value is rendered so it cannot change the statement around it (strings are
 * quoted with embedded quotes doubled, blobs become hex); a value of any other type is refused
 * rather than embedded with {@code toString()}. Prefer {@code ?} markers or prepared statements:
 * they send values in binary and need no escaping at all.
 */
public class Encoder {

  private static final HexFormat HEX = HexFormat.of();

  /** An encoder with the standard mapping of Java values to CQL literals ({@link #encode}). */
  public Encoder() {}

  /**
   * Replaces each {@code %s} of {@code query} with the literal of the next value; {@code %%}
   * stands for a literal {@code %}.
   *
   * @throws IllegalArgumentException if the number of placeholders and values differ, or the
   *     query holds another {@code %} sequence
   */
  public String bind(String query, List<?> values) {
    StringBuilder out = new StringBuilder(query.length() + 16 * values.size());
    int next = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      char following = i + 1 < query.length() ? query.charAt(i + 1) : 0;
      if (following == '%') {
        out.append('%');
      } else if (following == 's') {
        if (next == values.size()) {
          throw new IllegalArgumentException(
              "Not enough values for the %s placeholders of: " + query + " (got " + values.size()
                  + ")");
        }
        out.append(encode(values.get(next++)));
      } else {
        throw new IllegalArgumentException(
            "Unsupported placeholder at index " + i + " of: " + query
                + " (use %s for a value and %% for a literal %)");
      }
      i++;
    }
    if (next != values.size()) {
      throw new IllegalArgumentException(
          "Too many values for the %s placeholders of: " + query + " (got " + values.size()
              + ", used " + next + ")"
              + (hasMarkers(query)
                  ? "; the query uses ? markers, which this method does not fill: pass"
                      + " SimpleStatement.newInstance(query, values) or prepare the query"
                  : ""));
    }
    return out.toString();
  }

  /** Whether {@code query} holds a {@code ?} outside string literals. */
  private static boolean hasMarkers(String query) {
    boolean inString = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\'') {
        inString = !inString; // a doubled quote toggles twice
      } else if (c == '?' && !inString) {
        return true;
      }
    }
    return false;
  }

  /** {@return the CQL literal of {@code value}} */
  public String encode(Object value) {
    return switch (value) {
      case null -> "NULL";
      case String s -> quote(s);
      case Boolean b -> b.toString();
      case Integer i -> i.toString();
      case Long l -> l.toString();
      case Short s -> s.toString();
      case Byte b -> b.toString();
      case BigInteger b -> b.toString();
      case BigDecimal d -> d.toString();
      case Double d -> encodeDouble(d);
      case Float f -> encodeDouble(f.doubleValue());
      case UUID u -> u.toString();
      case Instant t -> Long.toString(t.toEpochMilli());
      case LocalDate d -> quote(d.toString());
      case LocalTime t -> quote(t.toString());
      case InetAddress a -> quote(a.getHostAddress());
      case ByteBuffer b -> "0x" + HEX.formatHex(bytesOf(b));
      case byte[] b -> "0x" + HEX.formatHex(b);
      case List<?> list -> join("[", list.iterator(), "]");
      case Set<?> set -> join("{", set.iterator(), "}");
      case Map<?, ?> map -> encodeMap(map);
      default ->
          throw new IllegalArgumentException(
              "Cannot encode a " + value.getClass().getName()
                  + " as a CQL literal; pass a supported type or use a ? marker");
    };
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String encodeDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return Double.toString(d);
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private String join(String open, Iterator<?> items, String close) {
    StringBuilder out = new StringBuilder(open);
    while (items.hasNext()) {
      out.append(encode(items.next()));
      if (items.hasNext()) {
        out.append(", ");
      }
    }
    return out.append(close).toString();
  }

  private String encodeMap(Map<?, ?> map) {
    StringBuilder out = new StringBuilder("{");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      out.append(encode(entry.getKey())).append(": ").append(encode(entry.getValue()));
      if (entries.hasNext()) {
        out.append(", ");
      }
    }
    return out.append('}').toString();
  }
}
