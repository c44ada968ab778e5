package io.loomcql.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} or a bare {@code --flag}. Unknown names
 * are an error once {@link #checkAllUsed()} runs, so a typo does not silently run the default.
 */
final class Args {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("Expected an option (--name), got '" + name + "'");
      }
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[++i]);
      } else {
        values.put(name, "true");
      }
    }
  }

  String string(String name, String defaultValue) {
    used.add(name);
    return values.getOrDefault(name, defaultValue);
  }

  int integer(String name, int defaultValue) {
    return Integer.parseInt(string(name, Integer.toString(defaultValue)).replace("_", ""));
  }

  long longValue(String name, long defaultValue) {
    return Long.parseLong(string(name, Long.toString(defaultValue)).replace("_", ""));
  }

  double decimal(String name, double defaultValue) {
    return Double.parseDouble(string(name, Double.toString(defaultValue)));
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(string(name, "false"));
  }

  /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m}, or plain seconds. */
  Duration duration(String name, Duration defaultValue) {
    String v = string(name, null);
    return v == null ? defaultValue : parseDuration(v);
  }

  List<String> list(String name, String defaultValue) {
    String v = string(name, defaultValue);
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  void checkAllUsed() {
    for (String name : values.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException("Unknown option " + name);
      }
    }
  }

  static Duration parseDuration(String v) {
    v = v.trim();
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    if (v.endsWith("s")) {
      return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
    }
    if (v.endsWith("m")) {
      return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
    }
    return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
  }
}
