package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleConvictionPolicyTest {

  // The real io.loomcql.OperationTimedOutException lives in the protocol module, which policies
  // does not depend on. Declaring a class of that name in these test sources would shadow the
  // real one once the dependency exists, so the stand-ins are compiled into a temporary directory
  // and loaded by a class loader of their own.
  private static Class<?> operationTimedOut;
  private static Class<?> subclassOfOperationTimedOut;

  @BeforeAll
  static void compileStandIns(@TempDir Path dir) throws Exception {
    Path base = write(dir, "io/loomcql/OperationTimedOutException.java",
        "package io.loomcql; public class OperationTimedOutException extends RuntimeException {}");
    Path sub = write(dir, "example/ClientTimeout.java",
        "package example; public class ClientTimeout extends io.loomcql.OperationTimedOutException"
            + " {}");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", dir.toString(), base.toString(), sub.toString());
    assertThat(status).as("javac exit status").isZero();

    URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    operationTimedOut = loader.loadClass("io.loomcql.OperationTimedOutException");
    subclassOfOperationTimedOut = loader.loadClass("example.ClientTimeout");
  }

  @Test
  void should_convict_on_any_other_failure() {
    SimpleConvictionPolicy policy = new SimpleConvictionPolicy();

    assertThat(policy.addFailure(new ConnectException("Connection refused"))).isTrue();
    assertThat(policy.addFailure(new IOException("reset by peer"))).isTrue();
    assertThat(policy.addFailure(new IllegalStateException())).isTrue();
    // A JDK timeout is not the driver's client-side request timeout.
    assertThat(policy.addFailure(new TimeoutException())).isTrue();
  }

  @Test
  void should_not_convict_on_an_operation_timed_out_or_a_subclass_of_it() throws Exception {
    SimpleConvictionPolicy policy = new SimpleConvictionPolicy();

    assertThat(policy.addFailure(newInstance(operationTimedOut))).isFalse();
    assertThat(policy.addFailure(newInstance(subclassOfOperationTimedOut))).isFalse();
  }

  @Test
  void should_look_at_the_error_itself_not_its_causes() throws Exception {
    Throwable wrapped = new RuntimeException(newInstance(operationTimedOut));

    assertThat(new SimpleConvictionPolicy().addFailure(wrapped)).isTrue();
  }

  @Test
  void should_spare_the_errors_the_given_predicate_accepts() {
    SimpleConvictionPolicy policy =
        new SimpleConvictionPolicy(error -> error instanceof TimeoutException);

    assertThat(policy.addFailure(new TimeoutException())).isFalse();
    assertThat(policy.addFailure(new ConnectException())).isTrue();
  }

  @Test
  void should_keep_convicting_after_a_reset() {
    SimpleConvictionPolicy policy = new SimpleConvictionPolicy();
    policy.reset();

    assertThat(policy.addFailure(new ConnectException())).isTrue();
  }

  @Test
  void should_reject_a_null_error() {
    assertThatThrownBy(() -> new SimpleConvictionPolicy().addFailure(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static Throwable newInstance(Class<?> type) throws Exception {
    return (Throwable) type.getConstructor().newInstance();
  }

  private static Path write(Path dir, String relative, String source) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, source);
  }
}
