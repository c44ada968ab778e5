package io.loomcql.encoder;

import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.metadata.CqlNames;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet6Address;
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
 * <p>What renders, for every CQL type the driver's codecs handle:
 *
 * <table>
 *   <caption>Java values and their CQL literals</caption>
 *   <tr><th>Java value</th><th>literal</th><th>for CQL types</th></tr>
 *   <tr><td>null</td><td>{@code NULL}</td><td>any</td></tr>
 *   <tr><td>String</td><td>{@code 'it''s'} (quotes doubled)</td><td>text, varchar, ascii</td></tr>
 *   <tr><td>Boolean</td><td>{@code true}</td><td>boolean</td></tr>
 *   <tr><td>Integer, Long, Short, Byte, BigInteger</td><td>{@code 42}</td><td>int, bigint,
 *       counter, smallint, tinyint, varint</td></tr>
 *   <tr><td>Double, Float, BigDecimal</td><td>{@code 1.5}, {@code 1E+2}, {@code NaN}, {@code
 *       Infinity}, {@code -Infinity}</td><td>double, float, decimal</td></tr>
 *   <tr><td>UUID</td><td>{@code 12345678-1234-5678-1234-567812345678}</td><td>uuid,
 *       timeuuid</td></tr>
 *   <tr><td>Instant</td><td>milliseconds since the epoch: {@code 1577934245678}</td>
 *       <td>timestamp</td></tr>
 *   <tr><td>LocalDate</td><td>{@code '2020-01-02'} (years outside 0-9999: the server's raw form,
 *       days since the epoch plus 2<sup>31</sup>, quoted)</td><td>date</td></tr>
 *   <tr><td>LocalTime</td><td>{@code '01:02:03'}, {@code '01:02:03.000000004'} (seconds always,
 *       nanoseconds when not zero)</td><td>time</td></tr>
 *   <tr><td>InetAddress</td><td>{@code '10.0.0.1'}, {@code '0:0:0:0:0:0:0:1'}</td><td>inet</td></tr>
 *   <tr><td>ByteBuffer, byte[]</td><td>{@code 0x00ff}</td><td>blob, custom types</td></tr>
 *   <tr><td>CqlDuration</td><td>{@code 1mo2d3ns}, {@code -1mo2d3ns} (as the Python driver's
 *       {@code Duration})</td><td>duration</td></tr>
 *   <tr><td>List, Set, Map</td><td>{@code [1, 2]}, {@code {1, 2}}, {@code {'k': [1]}}</td>
 *       <td>list, set, map, vector (a list)</td></tr>
 *   <tr><td>float[]</td><td>{@code [1.0, 2.5]}</td><td>{@code vector<float, n>}</td></tr>
 *   <tr><td>TupleValue</td><td>{@code (1, 'a', NULL)}</td><td>tuple</td></tr>
 *   <tr><td>UdtValue</td><td>{@code {street: 'Main', "Zip": 1234}} (field names quoted when they
 *       need it)</td><td>user types</td></tr>
 * </table>
 *
 * <p>Elements of collections, tuples and user types render by the same rules, to any depth. The
 * encoder of a session ({@code Session.encoder()}, used by {@code Session.execute(String,
 * Object...)}) also renders instances of the classes registered with {@code
 * Cluster.registerUserType} as the literal of their user type (the Python driver's {@code
 * register_user_type} installs such an encoder too); a plain {@code new Encoder()} knows no
 * registered class.
 *
 * <p>Every supported value is rendered so it cannot change the statement around it (strings are
 * quoted with embedded quotes doubled, blobs become hex, names are quoted when not plain); a value
 * of any other type is refused with an error that says what to pass instead, rather than embedded
 * with {@code toString()} as the Python driver does. Prefer {@code ?} markers or prepared
 * statements: they send values in binary and need no escaping at all.
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

  /**
   * {@return the CQL literal of {@code value}}
   *
   * @throws IllegalArgumentException if the value's class has no CQL literal (see the class
   *     comment); the message names the class and what to pass instead
   */
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
      case Float f -> encodeFloat(f);
      case UUID u -> u.toString();
      case Instant t -> Long.toString(t.toEpochMilli());
      case LocalDate d -> encodeDate(d);
      case LocalTime t -> encodeTime(t);
      case InetAddress a -> quote(hostAddress(a));
      case ByteBuffer b -> "0x" + HEX.formatHex(bytesOf(b));
      case byte[] b -> "0x" + HEX.formatHex(b);
      case CqlDuration d -> encodeDuration(d);
      case float[] f -> encodeVector(f);
      case TupleValue t -> encodeTuple(t);
      case UdtValue u -> encodeUdt(u);
      case List<?> list -> join("[", list.iterator(), "]");
      case Set<?> set -> join("{", set.iterator(), "}");
      case Map<?, ?> map -> encodeMap(map);
      default ->
          throw new IllegalArgumentException(
              "Cannot encode a " + value.getClass().getName() + " as a CQL literal. The %s"
                  + " encoder renders null, String, Boolean, Integer, Long, Short, Byte,"
                  + " BigInteger, BigDecimal, Double, Float, UUID, Instant, LocalDate, LocalTime,"
                  + " InetAddress, ByteBuffer, byte[], CqlDuration, float[], TupleValue, UdtValue,"
                  + " List, Set and Map; for a user type, register the class with"
                  + " Cluster.registerUserType(keyspace, type, class) and pass it to"
                  + " Session.execute (the session's encoder() renders registered classes), or"
                  + " build a UdtValue; or bind the value to a ? marker or a prepared statement");
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

  /** As a float's shortest decimal form (1.1f is {@code 1.1}, not its double {@code 1.100000023841858}). */
  private static String encodeFloat(float f) {
    return Float.isNaN(f) || Float.isInfinite(f) ? encodeDouble(f) : Float.toString(f);
  }

  /**
   * {@code 'yyyy-mm-dd'} as the server prints dates, for years 0 to 9999; other years (which ISO
   * prints with a sign or more digits) as the server's other date form: the unsigned day count,
   * with the epoch at 2<sup>31</sup>, quoted.
   */
  private static String encodeDate(LocalDate date) {
    int year = date.getYear();
    if (year >= 0 && year <= 9999) {
      return quote(date.toString());
    }
    return quote(Long.toString(date.toEpochDay() + (1L << 31)));
  }

  /**
   * {@code 'hh:mm:ss'} with the nanoseconds, nine digits, when not zero: LocalTime's own {@code
   * toString()} leaves out zero seconds ({@code 01:02}), a form the server refuses.
   */
  private static String encodeTime(LocalTime time) {
    StringBuilder out = new StringBuilder(20).append('\'');
    pad(out, time.getHour(), 2).append(':');
    pad(out, time.getMinute(), 2).append(':');
    pad(out, time.getSecond(), 2);
    if (time.getNano() != 0) {
      pad(out.append('.'), time.getNano(), 9);
    }
    return out.append('\'').toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int digits) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < digits; i++) {
      out.append('0');
    }
    return out.append(text);
  }

  /** The address without an IPv6 scope ({@code %eth0}), which the inet type does not hold. */
  private static String hostAddress(InetAddress address) {
    String text = address.getHostAddress();
    int scope = address instanceof Inet6Address ? text.indexOf('%') : -1;
    return scope < 0 ? text : text.substring(0, scope);
  }

  /**
   * {@code [-]{months}mo{days}d{nanoseconds}ns} (the Python driver's {@code Duration} string), an
   * unquoted duration literal; the sign is the duration's, its components having one sign.
   */
  private static String encodeDuration(CqlDuration d) {
    boolean negative = d.months() < 0 || d.days() < 0 || d.nanoseconds() < 0;
    long months = Math.abs((long) d.months());
    long days = Math.abs((long) d.days());
    // unsigned: the magnitude of Long.MIN_VALUE does not fit in a long
    String nanos = Long.toUnsignedString(negative ? -d.nanoseconds() : d.nanoseconds());
    return (negative ? "-" : "") + months + "mo" + days + "d" + nanos + "ns";
  }

  private static String encodeVector(float[] vector) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(encodeFloat(vector[i]));
    }
    return out.append(']').toString();
  }

  private String encodeTuple(TupleValue tuple) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < tuple.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(encode(tuple.getObject(i)));
    }
    return out.append(')').toString();
  }

  private String encodeUdt(UdtValue udt) {
    StringBuilder out = new StringBuilder("{");
    List<String> names = udt.type().fieldNames();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(CqlNames.protectName(names.get(i))).append(": ").append(encode(udt.getObject(i)));
    }
    return out.append('}').toString();
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
