package io.loomcql.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster configuration file: a JSON object whose keys are the builder attributes under their
 * Python-driver names ({@code connect_timeout}, {@code idle_heartbeat_interval}, ...; the
 * camelCase builder names are accepted too). Durations are seconds as in the Python driver ({@code 2.5})
 * or strings ({@code "500ms"}, {@code "2s"}, {@code "1m"}, {@code "PT2S"}); policies are a class
 * name, or {@code {"class": name, "args": [...]}} with constructor arguments (nested policies
 * allowed). Simple class names are looked up in the driver's packages.
 *
 * <p>Java-style line and block comments and trailing commas are allowed. Mistakes fail the
 * build with the key, its JSON path and file, and the nearest valid key.
 */
final class ConfigFile {

  /** Packages searched, in order, for a class given by its simple name. */
  private static final List<String> CLASS_PACKAGES =
      List.of(
          "io.loomcql.policies.", "io.loomcql.auth.", "io.loomcql.timestamps.",
          "io.loomcql.transport.", "io.loomcql.cluster.");

  /** JSON, plus the comments a documented configuration file needs. */
  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

  /** How one attribute reaches the builder from its JSON value. */
  interface Setter {
    void apply(Cluster.Builder builder, Value value);
  }

  /** A value of the file with where it came from, for messages. */
  record Value(JsonNode node, String path, String source) {

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          "Configuration " + source + ", " + path + ": " + message);
    }

    IllegalArgumentException wrongType(String expected) {
      return error("expected " + expected + ", got " + describe(node));
    }

    Value child(String key, JsonNode child) {
      return new Value(child, path + "." + key, source);
    }

    Value element(int index, JsonNode child) {
      return new Value(child, path + "[" + index + "]", source);
    }

    int asInt() {
      if (!node.canConvertToInt() || !node.isIntegralNumber()) {
        throw wrongType("an integer");
      }
      return node.intValue();
    }

    long asLong() {
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw wrongType("an integer");
      }
      return node.longValue();
    }

    double asDouble() {
      if (!node.isNumber()) {
        throw wrongType("a number");
      }
      return node.doubleValue();
    }

    boolean asBoolean() {
      if (!node.isBoolean()) {
        throw wrongType("true or false");
      }
      return node.booleanValue();
    }

    String asText() {
      if (!node.isTextual()) {
        throw wrongType("a string");
      }
      return node.textValue();
    }

    /** A string, or an array of strings. */
    List<String> asTextList() {
      if (node.isTextual()) {
        return List.of(node.textValue());
      }
      if (!node.isArray()) {
        throw wrongType("a string or an array of strings");
      }
      List<String> all = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        all.add(element(i, node.get(i)).asText());
      }
      return all;
    }

    /** Seconds (the Python driver's unit) or a string with a unit: "500ms", "2s", "1m", "1h", "PT2S". */
    Duration asDuration() {
      if (node.isNumber()) {
        return Duration.ofNanos(Math.round(node.doubleValue() * 1e9));
      }
      if (node.isTextual()) {
        String text = node.textValue().trim();
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
          double amount = Double.parseDouble(m.group(1));
          double nanosPerUnit =
              switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
          return Duration.ofNanos(Math.round(amount * nanosPerUnit));
        }
        try {
          return Duration.parse(text);
        } catch (DateTimeParseException e) {
          // fall through to the error below
        }
      }
      throw wrongType("a duration (seconds, or a string like \"500ms\", \"2s\", \"PT2S\")");
    }

    <E extends Enum<E>> E asEnum(Class<E> type) {
      String text = asText();
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text)) {
          return constant;
        }
      }
      throw error(
          "\"" + text + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** {@code key}, an object key of the parent, as a constant of {@code type}. */
    <E extends Enum<E>> E asEnumKey(String key, Class<E> type) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(key)) {
          return constant;
        }
      }
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name().toLowerCase(Locale.ROOT));
      }
      throw error("unknown key \"" + key + "\"" + nearest(key.toLowerCase(Locale.ROOT), names));
    }

    Value field(String key) {
      if (!node.isObject()) {
        throw wrongType("an object");
      }
      JsonNode child = node.get(key);
      return child == null ? null : child(key, child);
    }

    /**
     * An instance of {@code type}: a class name (no-argument constructor) or {@code {"class":
     * name, "args": [...]}} (the public constructor whose parameters the arguments fit).
     */
    <T> T asInstance(Class<T> type) {
      String className;
      List<Value> args = new ArrayList<>();
      if (node.isTextual()) {
        className = node.textValue();
      } else if (node.isObject()) {
        Value name = field("class");
        if (name == null) {
          throw error("a \"class\" is required for " + type.getSimpleName());
        }
        className = name.asText();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
          String key = keys.next();
          if (!key.equals("class") && !key.equals("args")) {
            throw child(key, node.get(key))
                .error("unknown key \"" + key + "\"" + nearest(key, List.of("class", "args")));
          }
        }
        Value given = field("args");
        if (given != null) {
          if (!given.node.isArray()) {
            throw given.wrongType("an array of constructor arguments");
          }
          for (int i = 0; i < given.node.size(); i++) {
            args.add(given.element(i, given.node.get(i)));
          }
        }
      } else {
        throw wrongType("a class name or {\"class\": ..., \"args\": [...]}");
      }
      return instantiate(resolve(className, type), args);
    }

    private <T> Class<? extends T> resolve(String className, Class<T> type) {
      List<String> candidates = new ArrayList<>();
      if (className.contains(".")) {
        candidates.add(className);
      } else {
        CLASS_PACKAGES.forEach(p -> candidates.add(p + className));
      }
      for (String candidate : candidates) {
        Class<?> found;
        try {
          found = Class.forName(candidate, true, ConfigFile.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          continue;
        }
        if (!type.isAssignableFrom(found)) {
          throw error(found.getName() + " is not a " + type.getSimpleName());
        }
        return found.asSubclass(type);
      }
      throw error("no class " + className + " (simple names are looked up in " + CLASS_PACKAGES + ")");
    }

    private <T> T instantiate(Class<? extends T> type, List<Value> args) {
      List<String> failures = new ArrayList<>();
      for (Constructor<?> constructor : type.getConstructors()) {
        if (constructor.getParameterCount() != args.size()
            || !Modifier.isPublic(constructor.getModifiers())) {
          continue;
        }
        Object[] converted = new Object[args.size()];
        try {
          Class<?>[] parameters = constructor.getParameterTypes();
          for (int i = 0; i < parameters.length; i++) {
            converted[i] = args.get(i).as(parameters[i]);
          }
        } catch (IllegalArgumentException e) {
          failures.add(e.getMessage());
          continue;
        }
        try {
          return type.cast(constructor.newInstance(converted));
        } catch (InvocationTargetException e) {
          throw error(type.getSimpleName() + " refused its arguments: " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
          throw error("cannot create " + type.getName() + ": " + e);
        }
      }
      throw error(
          "no public constructor of "
              + type.getSimpleName()
              + " takes these "
              + args.size()
              + " argument(s)"
              + (failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
    }

    /** This value as a constructor argument of type {@code type}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object as(Class<?> type) {
      if (node.isNull()) {
        if (type.isPrimitive()) {
          throw wrongType(type.getName());
        }
        return null;
      }
      if (type == String.class) {
        return asText();
      }
      if (type == int.class || type == Integer.class) {
        return asInt();
      }
      if (type == long.class || type == Long.class) {
        return asLong();
      }
      if (type == double.class || type == Double.class) {
        return asDouble();
      }
      if (type == boolean.class || type == Boolean.class) {
        return asBoolean();
      }
      if (type == Duration.class) {
        return asDuration();
      }
      if (type.isEnum()) {
        return asEnum((Class) type);
      }
      if (type == List.class || type == Collection.class || type == Set.class) {
        List<String> texts = asTextList();
        return type == Set.class ? Set.copyOf(texts) : texts;
      }
      return asInstance(type);
    }
  }

  private final Map<String, Setter> setters;
  private final Value root;

  private ConfigFile(Map<String, Setter> setters, Value root) {
    this.setters = setters;
    this.root = root;
  }

  /** Reads and parses {@code file}; its keys are checked when applied. */
  static ConfigFile read(Path file, Map<String, Setter> setters) {
    String source = file.toString();
    JsonNode node;
    try {
      node = READER.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Configuration " + source + " is not valid JSON: " + e.getOriginalMessage()
              + " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the configuration " + source + ": " + e, e);
    }
    Value root = new Value(node, "$", source);
    if (node == null || !node.isObject()) {
      throw root.wrongType("a JSON object of settings");
    }
    return new ConfigFile(setters, root);
  }

  /**
   * Applies every setting of the file whose key {@code setInCode} does not claim, in file
   * order. Unknown keys fail, naming the nearest valid key.
   */
  void applyTo(Cluster.Builder builder, Predicate<String> setInCode) {
    for (Iterator<Map.Entry<String, JsonNode>> it = root.node().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = pythonName(entry.getKey());
      Value value = root.child(entry.getKey(), entry.getValue());
      Setter setter = setters.get(key);
      if (setter == null) {
        throw value.error("unknown setting \"" + entry.getKey() + "\"" + nearest(key, setters.keySet()));
      }
      if (!setInCode.test(key)) {
        try {
          setter.apply(builder, value);
        } catch (IllegalArgumentException | NullPointerException e) {
          if (e.getMessage() != null && e.getMessage().startsWith("Configuration ")) {
            throw e;
          }
          throw value.error(String.valueOf(e.getMessage()));
        }
      }
    }
  }

  /** {@code connectTimeout} -> {@code connect_timeout}; Python-driver names pass unchanged. */
  static String pythonName(String key) {
    return CAMEL_HUMP.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
  }

  /** "; did you mean \"x\"?" for the valid key closest to {@code key}, or "" when none is close. */
  static String nearest(String key, Collection<String> valid) {
    return valid.stream()
        .min(Comparator.comparingInt(candidate -> distance(key, candidate)))
        .filter(
            best ->
                distance(key, best) <= Math.max(3, key.length() / 3)
                    || best.startsWith(key)
                    || key.startsWith(best))
        .map(best -> "; did you mean \"" + best + "\"?")
        .orElse("; valid settings are " + valid);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    JsonNodeType type = node.getNodeType();
    String text = node.toString();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return type.name().toLowerCase(Locale.ROOT) + " " + text;
  }

  /** An ordered table of setters, for the builder to fill. */
  static Map<String, Setter> table() {
    return new LinkedHashMap<>();
  }
}
