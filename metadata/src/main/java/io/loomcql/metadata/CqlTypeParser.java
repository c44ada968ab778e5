package io.loomcql.metadata;

import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import io.loomcql.protocol.internal.MarshalTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses CQL type strings as {@code system_schema} stores them ({@code columns.type}, {@code
 * types.field_types}, {@code functions.argument_types}, ...) into {@link DataType}s: native types,
 * {@code list}, {@code set}, {@code map}, {@code tuple}, {@code vector<element, n>}, {@code
 * frozen<...>} (accepted and dropped: a {@link DataType} carries no frozenness), user types by
 * bare or double-quoted name, and custom types written as a single-quoted marshal class name
 * ({@code 'org.apache.cassandra.db.marshal.DynamicCompositeType(...)'}).
 *
 * <p>User type names are resolved through a function, so that types are resolved against their
 * keyspace's types; a name the function does not know becomes a {@link UserType} without fields.
 * Stateless and thread-safe.
 */
public final class CqlTypeParser {

  private static final Map<String, DataType> NATIVE =
      Map.ofEntries(
          Map.entry("ascii", DataType.ASCII),
          Map.entry("bigint", DataType.BIGINT),
          Map.entry("blob", DataType.BLOB),
          Map.entry("boolean", DataType.BOOLEAN),
          Map.entry("counter", DataType.COUNTER),
          Map.entry("date", DataType.DATE),
          Map.entry("decimal", DataType.DECIMAL),
          Map.entry("double", DataType.DOUBLE),
          Map.entry("duration", DataType.DURATION),
          Map.entry("float", DataType.FLOAT),
          Map.entry("inet", DataType.INET),
          Map.entry("int", DataType.INT),
          Map.entry("smallint", DataType.SMALLINT),
          Map.entry("text", DataType.TEXT),
          Map.entry("varchar", DataType.VARCHAR),
          Map.entry("time", DataType.TIME),
          Map.entry("timestamp", DataType.TIMESTAMP),
          Map.entry("timeuuid", DataType.TIMEUUID),
          Map.entry("tinyint", DataType.TINYINT),
          Map.entry("uuid", DataType.UUID),
          Map.entry("varint", DataType.VARINT));

  private CqlTypeParser() {}

  /**
   * Parses a type without user types to resolve: every user type becomes a {@link UserType}
   * without fields in keyspace {@code ""}.
   *
   * @throws IllegalArgumentException if the string is not a CQL type
   */
  public static DataType parse(String cqlType) {
    return parse(cqlType, "", name -> null);
  }

  /**
   * Parses a type of a keyspace, resolving user type names with {@code userTypes}.
   *
   * @param cqlType the type as {@code system_schema} prints it, e.g. {@code frozen<map<text,
   *     frozen<list<int>>>>}
   * @param keyspace the keyspace the type is used in; unqualified user types belong to it
   * @param userTypes the user type of a (case-sensitive, unquoted) name in {@code keyspace}, or
   *     null if unknown
   * @throws IllegalArgumentException if the string is not a CQL type
   */
  public static DataType parse(
      String cqlType, String keyspace, Function<String, ? extends DataType> userTypes) {
    Objects.requireNonNull(cqlType, "cqlType");
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(userTypes, "userTypes");
    Parser parser = new Parser(cqlType, keyspace, userTypes);
    DataType type = parser.type();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw parser.error("unexpected text after the type");
    }
    return type;
  }

  /**
   * The names of the user types a type string mentions, in order of appearance (for dependency
   * ordering of a keyspace's types).
   */
  static Set<String> referencedUserTypes(String cqlType) {
    Set<String> names = new LinkedHashSet<>();
    parse(
        cqlType,
        "",
        name -> {
          names.add(name);
          return null;
        });
    return names;
  }

  /**
   * Whether a column of this type is multi-cell ("complex" to the server): a collection or user
   * type not wrapped in {@code frozen<>}. The server lists complex columns after simple ones.
   */
  static boolean isMultiCell(String cqlType) {
    String type = cqlType.strip();
    if (type.startsWith("frozen<") || type.startsWith("'")) {
      return false;
    }
    if (type.startsWith("list<") || type.startsWith("set<") || type.startsWith("map<")) {
      return true;
    }
    if (type.startsWith("\"")) {
      return true;
    }
    int angle = type.indexOf('<');
    String head = (angle < 0 ? type : type.substring(0, angle)).strip().toLowerCase(Locale.ROOT);
    return angle < 0 && !NATIVE.containsKey(head);
  }

  /** The type without an outer {@code frozen<...>}, as DESCRIBE prints function argument types. */
  static String withoutOuterFrozen(String cqlType) {
    String type = cqlType.strip();
    if (type.startsWith("frozen<") && type.endsWith(">")) {
      return type.substring("frozen<".length(), type.length() - 1).strip();
    }
    return type;
  }

  /** A recursive-descent parser over one type string. */
  private static final class Parser {
    private final String text;
    private final String keyspace;
    private final Function<String, ? extends DataType> userTypes;
    private int at;

    Parser(String text, String keyspace, Function<String, ? extends DataType> userTypes) {
      this.text = text;
      this.keyspace = keyspace;
      this.userTypes = userTypes;
    }

    DataType type() {
      skipSpaces();
      if (atEnd()) {
        throw error("a type was expected");
      }
      char c = text.charAt(at);
      if (c == '\'') {
        return MarshalTypes.parse(quoted('\''));
      }
      if (c == '"') {
        return userType(quoted('"'), false);
      }
      String name = identifier();
      String lower = name.toLowerCase(Locale.ROOT);
      skipSpaces();
      boolean hasParameters = !atEnd() && text.charAt(at) == '<';
      if (!hasParameters) {
        DataType nativeType = NATIVE.get(lower);
        if (nativeType != null) {
          return nativeType;
        }
        return userType(lower, true);
      }
      at++; // '<'
      DataType result =
          switch (lower) {
            case "frozen" -> type();
            case "list" -> new ListType(type());
            case "set" -> new SetType(type());
            case "map" -> {
              DataType key = type();
              expect(',');
              yield new MapType(key, type());
            }
            case "tuple" -> {
              List<DataType> components = new ArrayList<>();
              components.add(type());
              while (peek(',')) {
                at++;
                components.add(type());
              }
              yield new TupleType(components);
            }
            case "vector" -> {
              DataType element = type();
              expect(',');
              yield new VectorType(element, number());
            }
            default -> throw error("unknown parameterized type '" + name + "'");
          };
      expect('>');
      return result;
    }

    private DataType userType(String name, boolean mayBeQualified) {
      String ks = keyspace;
      String typeName = name;
      int dot = name.indexOf('.');
      if (mayBeQualified && dot > 0) {
        ks = name.substring(0, dot);
        typeName = name.substring(dot + 1);
      }
      DataType resolved = userTypes.apply(typeName);
      return resolved != null ? resolved : new UserType(ks, typeName, List.of(), List.of());
    }

    private String identifier() {
      int start = at;
      while (!atEnd()) {
        char c = text.charAt(at);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
          at++;
        } else {
          break;
        }
      }
      if (start == at) {
        throw error("a type name was expected");
      }
      return text.substring(start, at);
    }

    private String quoted(char quote) {
      StringBuilder out = new StringBuilder();
      at++;
      while (true) {
        if (atEnd()) {
          throw error("unterminated " + quote + "quoted name");
        }
        char c = text.charAt(at++);
        if (c == quote) {
          if (!atEnd() && text.charAt(at) == quote) {
            out.append(quote);
            at++;
          } else {
            return out.toString();
          }
        } else {
          out.append(c);
        }
      }
    }

    private int number() {
      skipSpaces();
      int start = at;
      while (!atEnd() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (start == at) {
        throw error("a vector dimension was expected");
      }
      try {
        return Integer.parseInt(text.substring(start, at));
      } catch (NumberFormatException e) {
        throw error("vector dimension out of range");
      }
    }

    private boolean peek(char c) {
      skipSpaces();
      return !atEnd() && text.charAt(at) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("'" + c + "' was expected");
      }
      at++;
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    boolean atEnd() {
      return at >= text.length();
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "Cannot parse CQL type \"" + text + "\" at offset " + at + ": " + what);
    }
  }
}
