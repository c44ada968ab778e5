package io.loomcql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every main source file of the repository follows the house rules {@link SourceRules} checks: a
 * new violation fails the build, naming the file, the line and the rule.
 */
class SourceRulesTest {

  @Test
  void every_main_source_file_follows_the_rules() {
    Path root = repositoryRoot();
    assertThat(SourceRules.mainSourceRoots(root)).as("module source roots under %s", root).hasSizeGreaterThan(5);

    assertThat(SourceRules.check(root))
        .as("violations of the source rules (file size, method size, imports, package-info)")
        .isEmpty();
  }

  /**
   * The public facades stay thin: what they do is delegated to the parts in {@code
   * io.loomcql.cluster.internal}; a facade that grows back is the first sign of a new tangle.
   */
  @Test
  void cluster_and_session_stay_thin_facades() throws IOException {
    Path cluster = repositoryRoot().resolve("core/src/main/java/io/loomcql/cluster");
    for (String facade : new String[] {"Cluster.java", "Session.java"}) {
      assertThat(Files.readAllLines(cluster.resolve(facade))).as(facade).hasSizeLessThan(450);
    }
  }

  @Test
  void names_each_kind_of_violation(@TempDir Path root) throws IOException {
    Path sources = Files.createDirectories(root.resolve("lib/src/main/java/a/b"));
    StringBuilder longMethod = new StringBuilder("package a.b;\n\nimport java.util.List;\n\n");
    longMethod.append("/** A {@link java.util.List} in a comment is fine. */\n");
    longMethod.append("final class Long {\n  String s = \"java.util.List in a string is fine, so is {\";\n");
    longMethod.append("  record R(int x) {\n    R {\n      x++;\n    }\n  }\n");
    longMethod.append("  enum E {\n    A {\n      void m() {}\n    };\n    void n() {}\n  }\n");
    longMethod.append("  void tooLong() {\n");
    for (int i = 0; i < SourceRules.MAX_METHOD_LINES - 1; i++) {
      longMethod.append("    Runnable r").append(i).append(" = () -> { };\n");
    }
    longMethod.append("  }\n\n  Object qualified() {\n    return new java.util.ArrayList<>();\n  }\n}\n");
    Files.writeString(sources.resolve("Long.java"), longMethod);
    Files.writeString(sources.resolve("Big.java"), "package a.b;\n" + "\n".repeat(SourceRules.MAX_FILE_LINES));
    Path documented = Files.createDirectories(root.resolve("lib/src/main/java/a/c"));
    Files.writeString(documented.resolve("package-info.java"), "/** Documented. */\npackage a.c;\n");
    Files.writeString(documented.resolve("Fine.java"), "package a.c;\n\nfinal class Fine {\n  void m() {}\n}\n");

    assertThat(SourceRules.check(root))
        .containsExactlyInAnyOrder(
            "lib/src/main/java/a/b: package without a package-info.java",
            "lib/src/main/java/a/b/Big.java: " + (SourceRules.MAX_FILE_LINES + 1) + " lines (at most 600)",
            "lib/src/main/java/a/b/Long.java:19: tooLong() is 81 lines (at most 80)",
            "lib/src/main/java/a/b/Long.java:102: inline qualified name java.util.ArrayList (import it)");
  }

  /** The directory holding the root pom.xml, found upwards from this module's directory. */
  private static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("core"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
