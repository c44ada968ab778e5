package io.loomcql.protocol.internal;

import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.Primitive;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Translates between Cassandra's server-side marshal class names
 * ({@code org.apache.cassandra.db.marshal.Int32Type}, {@code ...VectorType(...FloatType,3)}) and
 * {@link DataType}s. Used for custom types in metadata, where Cassandra 5.0 sends vectors.
 */
public final class MarshalTypes {

  private static final String PREFIX = "org.apache.cassandra.db.marshal.";

  private static final Map<String, DataType> SIMPLE =
      Map.ofEntries(
          Map.entry("AsciiType", DataType.ASCII),
          Map.entry("LongType", DataType.BIGINT),
          Map.entry("BytesType", DataType.BLOB),
          Map.entry("BooleanType", DataType.BOOLEAN),
          Map.entry("CounterColumnType", DataType.COUNTER),
          Map.entry("DecimalType", DataType.DECIMAL),
          Map.entry("DoubleType", DataType.DOUBLE),
          Map.entry("FloatType", DataType.FLOAT),
          Map.entry("Int32Type", DataType.INT),
          Map.entry("TimestampType", DataType.TIMESTAMP),
          Map.entry("DateType", DataType.TIMESTAMP),
          Map.entry("UUIDType", DataType.UUID),
          Map.entry("UTF8Type", DataType.VARCHAR),
          Map.entry("IntegerType", DataType.VARINT),
          Map.entry("TimeUUIDType", DataType.TIMEUUID),
          Map.entry("InetAddressType", DataType.INET),
          Map.entry("SimpleDateType", DataType.DATE),
          Map.entry("TimeType", DataType.TIME),
          Map.entry("ShortType", DataType.SMALLINT),
          Map.entry("ByteType", DataType.TINYINT),
          Map.entry("DurationType", DataType.DURATION));

  private MarshalTypes() {}

  /**
   * The type a custom class name stands for: a {@link VectorType} for {@code VectorType(...)} whose
   * element is understood; the native type of a native marshal class (servers send {@code
   * DurationType} as a custom type on v4, and date, time, smallint and tinyint on v3); otherwise a
   * {@link CustomType} of the name as given. Never throws.
   */
  public static DataType parse(String className) {
    if (className.startsWith(PREFIX)) {
      DataType parsed = new Parser(className).parseOrNull();
      if (parsed instanceof VectorType || parsed instanceof Primitive) {
        return parsed;
      }
    }
    return new CustomType(className);
  }

  /** The marshal class name of a type, e.g. {@code ...VectorType(...FloatType,3)}. */
  public static String className(DataType type) {
    return switch (type) {
      case Primitive p -> PREFIX + simpleName(p);
      case CustomType c -> c.className();
      case VectorType v -> PREFIX + "VectorType(" + className(v.element()) + "," + v.dimension()
          + ")";
      case ListType l -> PREFIX + "ListType(" + className(l.element()) + ")";
      case SetType s -> PREFIX + "SetType(" + className(s.element()) + ")";
      case MapType m -> PREFIX + "MapType(" + className(m.key()) + "," + className(m.value())
          + ")";
      case TupleType t -> {
        StringBuilder sb = new StringBuilder(PREFIX).append("TupleType(");
        for (int i = 0; i < t.components().size(); i++) {
          sb.append(i == 0 ? "" : ",").append(className(t.components().get(i)));
        }
        yield sb.append(')').toString();
      }
      case UserType u -> {
        StringBuilder sb = new StringBuilder(PREFIX).append("UserType(").append(u.keyspace())
            .append(',').append(HexFormat.of().formatHex(
                u.name().getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < u.fieldNames().size(); i++) {
          sb.append(',').append(HexFormat.of().formatHex(
                  u.fieldNames().get(i).getBytes(StandardCharsets.UTF_8)))
              .append(':').append(className(u.fieldTypes().get(i)));
        }
        yield sb.append(')').toString();
      }
    };
  }

  private static String simpleName(Primitive p) {
    if (p == DataType.TIMESTAMP) {
      return "TimestampType";
    }
    for (Map.Entry<String, DataType> e : SIMPLE.entrySet()) {
      if (e.getValue() == p && !e.getKey().equals("DateType")) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("No marshal class for " + p);
  }

  /** A recursive-descent parser of marshal class names; returns null on anything it lacks. */
  private static final class Parser {
    private final String s;
    private int i;
    private int depth;

    Parser(String s) {
      this.s = s;
    }

    DataType parseOrNull() {
      DataType t = type();
      return (t != null && i == s.length()) ? t : null;
    }

    private DataType type() {
      if (++depth > DataTypeCodec.MAX_DEPTH) {
        return null;
      }
      try {
        int start = i;
        while (i < s.length() && s.charAt(i) != '(' && s.charAt(i) != ',' && s.charAt(i) != ')') {
          i++;
        }
        String name = s.substring(start, i).trim();
        if (name.startsWith(PREFIX)) {
          name = name.substring(PREFIX.length());
        }
        List<DataType> args = new ArrayList<>();
        boolean hasArgs = i < s.length() && s.charAt(i) == '(';
        if (hasArgs && name.equals("VectorType")) {
          i++;
          DataType element = type();
          if (element == null || !eat(',')) {
            return null;
          }
          skipSpaces();
          int numStart = i;
          while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
          }
          int numEnd = i;
          if (numStart == numEnd || numEnd - numStart > 9 || !eat(')')) {
            return null;
          }
          int dim = Integer.parseInt(s.substring(numStart, numEnd));
          return dim < 1 ? null : new VectorType(element, dim);
        }
        if (hasArgs && name.equals("UserType")) {
          i++;
          return userType();
        }
        if (hasArgs) {
          i++;
          if (!eat(')')) {
            do {
              DataType a = type();
              if (a == null) {
                return null;
              }
              args.add(a);
            } while (eat(','));
            if (!eat(')')) {
              return null;
            }
          }
        }
        return switch (name) {
          case "ListType" -> args.size() == 1 ? new ListType(args.get(0)) : null;
          case "SetType" -> args.size() == 1 ? new SetType(args.get(0)) : null;
          case "MapType" -> args.size() == 2 ? new MapType(args.get(0), args.get(1)) : null;
          case "TupleType" -> args.isEmpty() ? null : new TupleType(args);
          case "FrozenType", "ReversedType" -> args.size() == 1 ? args.get(0) : null;
          default -> hasArgs ? null : SIMPLE.get(name);
        };
      } finally {
        depth--;
      }
    }

    /** After {@code UserType(}: {@code ks,hexname(,hexfield:type)*)}. */
    private DataType userType() {
      String keyspace = token();
      if (keyspace.isEmpty() || !eat(',')) {
        return null;
      }
      String name = unhex(token());
      List<String> names = new ArrayList<>();
      List<DataType> types = new ArrayList<>();
      while (name != null && eat(',')) {
        String field = unhex(token());
        if (field == null || !eat(':')) {
          return null;
        }
        DataType t = type();
        if (t == null) {
          return null;
        }
        names.add(field);
        types.add(t);
      }
      return name != null && eat(')') ? new UserType(keyspace, name, names, types) : null;
    }

    private String token() {
      int start = i;
      while (i < s.length() && "(),:".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      return s.substring(start, i).trim();
    }

    private static String unhex(String hex) {
      try {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private void skipSpaces() {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
    }

    /** Consumes {@code c} and the spaces around it (Cassandra 5.0 writes "FloatType , 3"). */
    private boolean eat(char c) {
      skipSpaces();
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        skipSpaces();
        return true;
      }
      return false;
    }
  }
}
