package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.Cluster;
import io.loomcql.metadata.TokenMap;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.transport.spi.TransportFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No class of the driver enters a monitor: no {@code synchronized} method, no {@code monitorenter}
 * instruction. On Java 21 a virtual thread that blocks (parks, waits for a lock, does I/O) while
 * holding a monitor pins its carrier thread; from Java 24 on it no longer does, so a run on a newer
 * JDK cannot observe that pinning and the bytecode is checked instead. java.util.concurrent locks
 * are used everywhere instead.
 */
class NoMonitorsTest {

  @ParameterizedTest
  @ValueSource(strings = {"core", "transport", "protocol", "policies", "metadata"})
  void no_class_of_the_module_uses_synchronized(String module) throws Exception {
    Path classes = classesOf(module);
    List<String> offenders = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    assertThat(files).as("classes of %s", module).isNotEmpty();
    List<String> arguments = new ArrayList<>(List.of("-c", "-p"));
    files.forEach(file -> arguments.add(file.toString()));
    StringWriter out = new StringWriter();
    int status = ToolProvider.findFirst("javap").orElseThrow()
        .run(new PrintWriter(out), new PrintWriter(out), arguments.toArray(String[]::new));
    assertThat(status).as("javap: %s", out).isZero();
    String currentClass = "";
    for (String line : out.toString().split("\n")) {
      if (line.startsWith("Compiled from")) {
        currentClass = line;
      }
      // A method declaration line carries its modifiers (indented by two); an instruction line its opcode.
      boolean synchronizedMethod = !line.startsWith("    ") && line.contains("synchronized ") && line.contains("(");
      if (synchronizedMethod || line.contains(": monitorenter")) {
        offenders.add(currentClass + ": " + line.trim());
      }
    }
    assertThat(offenders).as("monitors in %s", module).isEmpty();
  }

  /** The module's compiled classes: target/classes of the module, or its jar unpacked by javap. */
  private static Path classesOf(String module) throws URISyntaxException, IOException {
    Class<?> anchor =
        switch (module) {
          case "core" -> Cluster.class;
          case "transport" -> TransportFactory.class;
          case "protocol" -> ProtocolVersion.class;
          case "policies" -> RetryPolicy.class;
          case "metadata" -> TokenMap.class;
          default -> throw new IllegalArgumentException(module);
        };
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(location)) {
      return location;
    }
    // A jar (the reactor build hands it-tests the installed jars): unpack it once.
    Path unpacked = Files.createTempDirectory("loomcql-classes-" + module);
    try (var jar = new java.util.jar.JarFile(location.toFile())) {
      for (var entry : java.util.Collections.list(jar.entries())) {
        if (entry.getName().endsWith(".class")) {
          Path target = unpacked.resolve(entry.getName());
          Files.createDirectories(target.getParent());
          try (var in = jar.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
    return unpacked;
  }
}
