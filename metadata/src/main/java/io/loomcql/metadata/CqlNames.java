package io.loomcql.metadata;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Quoting of CQL identifiers and literals, as the server's {@code DESCRIBE} output does it (the
 * Python driver's {@code protect_name}, {@code maybe_escape_name}, {@code escape_name}, {@code
 * is_valid_name} and {@code protect_value} for strings).
 *
 * <p>An identifier is left bare when it matches {@code [a-z][a-z0-9_]*} and is not one of
 * Cassandra 5.0's reserved keywords ({@code ColumnIdentifier.maybeQuote}); otherwise it is put in
 * double quotes with inner double quotes doubled.
 */
public final class CqlNames {

  /** Cassandra 5.0's reserved keywords ({@code org/apache/cassandra/cql3/reserved_keywords.txt}). */
  public static final Set<String> RESERVED_KEYWORDS =
      Set.of(
          "ADD", "ALLOW", "ALTER", "AND", "APPLY", "ASC", "AUTHORIZE", "BATCH", "BEGIN", "BY",
          "COLUMNFAMILY", "CREATE", "DELETE", "DESC", "DESCRIBE", "DROP", "ENTRIES", "EXECUTE",
          "FROM", "FULL", "GRANT", "IF", "IN", "INDEX", "INFINITY", "INSERT", "INTO", "IS",
          "KEYSPACE", "LIMIT", "MATERIALIZED", "MODIFY", "NAN", "NORECURSIVE", "NOT", "NULL", "OF",
          "ON", "OR", "ORDER", "PRIMARY", "RENAME", "REVOKE", "SCHEMA", "SELECT", "SET", "TABLE",
          "TO", "TOKEN", "TRUNCATE", "UNLOGGED", "UPDATE", "USE", "USING", "VIEW", "WHERE", "WITH");

  private static final Pattern UNQUOTED = Pattern.compile("[a-z][a-z0-9_]*");

  private CqlNames() {}

  /**
   * {@return whether the name can be written without quotes (Python: {@code is_valid_name})}
   *
   * @param name an identifier as stored by the server (case preserved); not null
   */
  public static boolean isValidName(String name) {
    return UNQUOTED.matcher(name).matches()
        && !RESERVED_KEYWORDS.contains(name.toUpperCase(Locale.ROOT));
  }

  /**
   * The identifier as CQL must write it: bare when {@link #isValidName valid}, else double-quoted
   * (Python: {@code protect_name} / {@code maybe_escape_name}).
   */
  public static String protectName(String name) {
    return isValidName(name) ? name : escapeName(name);
  }

  /**
   * {@return the identifier in double quotes, inner double quotes doubled (Python: {@code
   * escape_name})}
   */
  public static String escapeName(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * {@return a string literal: single quotes, inner single quotes doubled (Python: {@code
   * protect_value})}
   */
  public static String quoteString(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /**
   * {@code keyspace.name}, each part protected: how DESCRIBE names tables, types and views.
   */
  static String qualified(String keyspace, String name) {
    return protectName(keyspace) + "." + protectName(name);
  }

  /** A {@code map<text, text>} literal with keys in ascending order: {@code {'a': '1', 'b': '2'}}. */
  static String mapLiteral(Map<String, String> map) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(quoteString(entry.getKey())).append(": ").append(quoteString(entry.getValue()));
    }
    return out.append('}').toString();
  }
}
