package io.loomcql.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the test resources captured from a Cassandra 5.0.6 node: {@code schema/schema-rows.json}
 * holds system_schema rows, values tagged where JSON has no type of their own ({"double": "0.01"},
 * {"uuid": ...}, {"blob": hex}, {"timestamp": iso}, {"set": [...]}, {"map": {...}}).
 */
final class SchemaJson {

  private final String text;
  private int at;

  private SchemaJson(String text) {
    this.text = text;
  }

  static String resource(String name) {
    try (InputStream in = SchemaJson.class.getResourceAsStream("/schema/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource schema/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The captured rows, as core would hand them over. */
  @SuppressWarnings("unchecked")
  static SchemaRows capturedRows() {
    Map<String, Object> tables = (Map<String, Object>) new SchemaJson(resource("schema-rows.json")).value();
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    tables.forEach((table, list) -> rows.put(table, (List<Map<String, Object>>) list));
    return SchemaRows.of(rows);
  }

  private Object value() {
    skip();
    char c = text.charAt(at);
    switch (c) {
      case '"':
        return string();
      case '[': {
        at++;
        List<Object> list = new ArrayList<>();
        skip();
        if (text.charAt(at) == ']') {
          at++;
          return list;
        }
        while (true) {
          list.add(value());
          skip();
          if (text.charAt(at++) == ']') {
            return list;
          }
        }
      }
      case '{': {
        Map<String, Object> object = object();
        if (object.size() == 1) {
          Map.Entry<String, Object> tag = object.entrySet().iterator().next();
          Object v = tag.getValue();
          switch (tag.getKey()) {
            case "double": return Double.valueOf((String) v);
            case "long": return ((Number) v).longValue();
            case "uuid": return UUID.fromString((String) v);
            case "blob": return ByteBuffer.wrap(HexFormat.of().parseHex((String) v));
            case "timestamp": return Instant.parse((String) v);
            case "set": return new LinkedHashSet<>((List<?>) v);
            case "map": return v;
            default: break;
          }
        }
        return object;
      }
      case 't':
        at += 4;
        return Boolean.TRUE;
      case 'f':
        at += 5;
        return Boolean.FALSE;
      case 'n':
        at += 4;
        return null;
      default: {
        int start = at;
        while (at < text.length() && "-0123456789".indexOf(text.charAt(at)) >= 0) {
          at++;
        }
        return Integer.valueOf(text.substring(start, at));
      }
    }
  }

  private Map<String, Object> object() {
    at++;
    Map<String, Object> map = new LinkedHashMap<>();
    skip();
    if (text.charAt(at) == '}') {
      at++;
      return map;
    }
    while (true) {
      skip();
      String key = string();
      skip();
      at++; // ':'
      map.put(key, value());
      skip();
      if (text.charAt(at++) == '}') {
        return map;
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    at++;
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char e = text.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
  }

  private void skip() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
