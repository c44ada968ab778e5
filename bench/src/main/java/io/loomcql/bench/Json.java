package io.loomcql.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The harness's one-line JSON: a flat object whose values are strings, numbers, booleans or null.
 * {@link Writer} builds it; {@link #parse} reads it back (only that subset).
 */
final class Json {

  private Json() {}

  /** Builds one flat JSON object, keys in insertion order. */
  static final class Writer {
    private final StringBuilder sb = new StringBuilder("{");

    private Writer key(String key) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      quote(sb, key);
      sb.append(':');
      return this;
    }

    Writer put(String key, String value) {
      key(key);
      if (value == null) {
        sb.append("null");
      } else {
        quote(sb, value);
      }
      return this;
    }

    Writer put(String key, long value) {
      key(key).sb.append(value);
      return this;
    }

    Writer put(String key, double value) {
      key(key);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        sb.append("null");
      } else {
        sb.append(Math.round(value * 1000.0) / 1000.0);
      }
      return this;
    }

    Writer put(String key, boolean value) {
      key(key).sb.append(value);
      return this;
    }

    @Override
    public String toString() {
      return sb + "}";
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Parses a flat JSON object: string values come back as String, numbers as Double (or Long when
   * integral and without exponent), booleans as Boolean, null as null.
   *
   * @throws IllegalArgumentException if {@code json} is not such an object
   */
  static Map<String, Object> parse(String json) {
    Parser p = new Parser(json.trim());
    Map<String, Object> out = new LinkedHashMap<>();
    p.expect('{');
    p.skipWs();
    if (p.peek() == '}') {
      p.pos++;
      p.end();
      return out;
    }
    while (true) {
      p.skipWs();
      String key = p.string();
      p.skipWs();
      p.expect(':');
      p.skipWs();
      out.put(key, p.value());
      p.skipWs();
      char c = p.next();
      if (c == '}') {
        p.end();
        return out;
      }
      if (c != ',') {
        throw p.error("expected ',' or '}'");
      }
    }
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(pos);
    }

    char next() {
      char c = peek();
      pos++;
      return c;
    }

    void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    void end() {
      skipWs();
      if (pos != s.length()) {
        throw error("trailing characters");
      }
    }

    Object value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (s.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      if (s.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String number = s.substring(start, pos);
      if (number.isEmpty()) {
        throw error("expected a value");
      }
      if (number.matches("-?\\d+")) {
        return Long.parseLong(number);
      }
      return Double.parseDouble(number);
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = next();
          switch (e) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("Bad JSON at " + pos + ": " + what + " in " + s);
    }
  }
}
