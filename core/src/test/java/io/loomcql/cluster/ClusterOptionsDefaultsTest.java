package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.cluster.internal.ClusterConfig;
import io.loomcql.node.Host;
import io.loomcql.policies.ExponentialReconnectionPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.WrapperPolicy;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The facts about the cluster's options that are written in more than one place agree with the one
 * place they are defined: {@code Cluster.Builder} ({@link ClusterOptionsBuilder}), whose settings
 * are frozen into a {@link ClusterConfig}. The defaults are the {@link ClusterConfig} a builder
 * with nothing set makes; the setters' Javadoc ("default 5 s") is read from the source and must
 * name each of them; the configuration file ({@link ConfigSettings}) must accept exactly the
 * options of {@link ClusterConfig}, less those only code can give.
 */
class ClusterOptionsDefaultsTest {

  private static final Path SOURCE =
      Path.of(System.getProperty("basedir", ""))
          .resolve("src/main/java/io/loomcql/cluster/ClusterOptionsBuilder.java");

  /** A Javadoc comment, then a public setter of the builder. */
  private static final Pattern SETTER =
      Pattern.compile(
          "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public (?:<[^>]+>\\s+)?Cluster\\.Builder (\\w+)\\(.*?\\n  }\\n",
          Pattern.DOTALL);

  private static final Pattern SET_IN_CODE = Pattern.compile("setInCode\\.add\\(\"(\\w+)\"\\)");

  /** Setters that set no option of their own with a default: the file itself; collections added to. */
  private static final Set<String> NO_DEFAULT = Set.of("config", "executionProfiles", "executionProfile");

  /**
   * A setter's name, its Javadoc as one line of text, and the Python-driver name it marks as set
   * in code.
   */
  private record Setter(String name, String javadoc, String setInCode) {}

  @Test
  void every_setter_s_javadoc_states_the_default_the_builder_freezes_into_its_config() throws Exception {
    ClusterConfig defaults = Cluster.builder().config();
    Map<String, Setter> setters = setters();
    List<String> wrong = new ArrayList<>();
    for (RecordComponent component : ClusterConfig.class.getRecordComponents()) {
      String option = component.getName();
      Setter setter = setters.get(option);
      if (setter == null) {
        setter = setters.get(option.replaceAll("s$", "")); // socketOptions <- socketOption(...)
      }
      if (setter == null) {
        wrong.add(option + ": no setter of Cluster.Builder sets it");
        continue;
      }
      if (NO_DEFAULT.contains(setter.name())) {
        continue;
      }
      String phrase = defaultPhrase(setter.javadoc());
      if (phrase == null) {
        wrong.add(setter.name() + ": its Javadoc states no default");
        continue;
      }
      for (String expected : rendered(option, component.getAccessor().invoke(defaults), defaults)) {
        if (!phrase.contains(expected)) {
          wrong.add(setter.name() + ": the default is " + expected + ", the Javadoc says \"" + phrase + "\"");
        }
      }
    }
    assertThat(wrong).as("setters whose Javadoc disagrees with the default").isEmpty();
  }

  @Test
  void the_configuration_file_accepts_every_option_of_the_config_but_those_only_code_can_give() {
    Set<String> options = new TreeSet<>();
    for (RecordComponent component : ClusterConfig.class.getRecordComponents()) {
      options.add(ConfigFile.pythonName(component.getName()));
    }
    Set<String> inFile = new TreeSet<>(ConfigSettings.all().keySet());

    assertThat(inFile).as("options of the file that ClusterConfig does not have").isSubsetOf(options);
    assertThat(inFile).as("options both in the file and code-only").doesNotContainAnyElementsOf(ConfigSettings.CODE_ONLY);
    Set<String> missing = new TreeSet<>(options);
    missing.removeAll(inFile);
    assertThat(missing).as("options of ClusterConfig the file cannot set").isEqualTo(ConfigSettings.CODE_ONLY);
  }

  @Test
  void a_setter_marks_its_option_as_set_in_code_under_the_file_s_name() throws Exception {
    Set<String> inFile = ConfigSettings.all().keySet();
    for (Setter setter : setters().values()) {
      String option = setter.name().equals("executionProfile") ? "executionProfiles" : setter.name();
      String fileName = ConfigFile.pythonName(option);
      if (inFile.contains(fileName)) {
        // Otherwise the file would override what the code set.
        assertThat(setter.setInCode()).as("the name %s() marks as set in code", setter.name()).isEqualTo(fileName);
      }
    }
  }

  @Test
  void reads_a_default_phrase_and_renders_durations_as_the_javadoc_writes_them() {
    assertThat(defaultPhrase("Bounds the connect (default 5 s). More.")).isEqualTo("default 5 s)");
    assertThat(defaultPhrase("Unset (the default), the driver steps down.")).isEqualTo("default), the driver steps down");
    assertThat(defaultPhrase("No such word here.")).isNull();
    assertThat(human(Duration.ofSeconds(2))).isEqualTo("2 s");
    assertThat(human(Duration.ofMinutes(10))).isEqualTo("10 min");
    assertThat(human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
  }

  /** Every public setter of the builder, by name (the first of an overloaded name), from its source. */
  private static Map<String, Setter> setters() throws IOException {
    String source = Files.readString(SOURCE);
    Map<String, Setter> setters = new LinkedHashMap<>();
    Matcher m = SETTER.matcher(source);
    while (m.find()) {
      String javadoc = m.group(1).replaceAll("\\s*\\n\\s*\\*?", " ").replaceAll("\\s+", " ").strip();
      Matcher mark = SET_IN_CODE.matcher(m.group());
      setters.putIfAbsent(m.group(2), new Setter(m.group(2), javadoc, mark.find() ? mark.group(1) : null));
    }
    assertThat(setters).as("setters read from %s", SOURCE).containsKeys("port", "connectTimeout", "socketOption");
    return setters;
  }

  /** From the first "default" of {@code javadoc} to the end of its sentence, or null if there is none. */
  static String defaultPhrase(String javadoc) {
    int start = javadoc.toLowerCase(Locale.ROOT).indexOf("default");
    if (start < 0) {
      return null;
    }
    Matcher end = Pattern.compile("\\.(\\s|$)").matcher(javadoc);
    return end.find(start) ? javadoc.substring(start, end.start()) : javadoc.substring(start);
  }

  /**
   * What the Javadoc of {@code option} must say of {@code value}, its default: nothing for null
   * (the setter's Javadoc says what the driver does then, which no value shows), else each of the
   * texts.
   */
  private static List<String> rendered(String option, Object value, ClusterConfig defaults) {
    if (value == null) {
      return List.of();
    }
    return switch (option) {
      case "connectionsPerHost" -> {
        assertThat(defaults.coreConnections(HostDistance.REMOTE)).isEqualTo(defaults.coreConnections(HostDistance.LOCAL));
        assertThat(defaults.maxConnections(HostDistance.REMOTE)).isEqualTo(defaults.maxConnections(HostDistance.LOCAL));
        yield List.of(defaults.coreConnections(HostDistance.LOCAL) + " and "
            + defaults.maxConnections(HostDistance.LOCAL) + " for LOCAL and REMOTE");
      }
      case "socketOptions" -> {
        // The transport's defaults, on which the builder's socket options go.
        List<String> names = new ArrayList<>();
        for (Map.Entry<SocketOption<?>, Object> e : defaults.connectionOptions().socketOptions().entrySet()) {
          names.add(e.getKey().name() + (Boolean.TRUE.equals(e.getValue()) ? "" : "=" + e.getValue()));
        }
        yield names;
      }
      case "convictionPolicyFactory" -> {
        @SuppressWarnings("unchecked")
        Function<Host, ?> factory = (Function<Host, ?>) value;
        yield List.of(factory.apply(new Host(new InetSocketAddress("127.0.0.1", 9042))).getClass().getSimpleName());
      }
      default -> renderedByType(value);
    };
  }

  private static List<String> renderedByType(Object value) {
    if (value instanceof Duration duration) {
      return List.of(human(duration));
    }
    if (value instanceof Boolean || value instanceof Number) {
      return List.of(String.valueOf(value));
    }
    if (value instanceof Enum<?> constant) {
      return List.of(constant.name());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof ExponentialReconnectionPolicy policy) {
      return List.of(
          policy.getClass().getSimpleName() + "(" + human(policy.baseDelay()) + ", " + human(policy.maxDelay()) + ")",
          policy.maxAttempts() + " attempts");
    }
    if (value instanceof WrapperPolicy wrapper) {
      List<String> names = new ArrayList<>(List.of(wrapper.getClass().getSimpleName()));
      names.addAll(renderedByType(wrapper.child()));
      return names;
    }
    return List.of(value.getClass().getSimpleName());
  }

  /** A duration as the Javadoc writes it: {@code 10 min}, {@code 2 s}, {@code 1500 ms}. */
  static String human(Duration duration) {
    if (duration.toSeconds() >= 60 && duration.toSeconds() % 60 == 0 && duration.toNanosPart() == 0) {
      return duration.toMinutes() + " min";
    }
    if (duration.toNanosPart() == 0) {
      return duration.toSeconds() + " s";
    }
    return duration.toMillis() + " ms";
  }
}
