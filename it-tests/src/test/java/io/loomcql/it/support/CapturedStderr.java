package io.loomcql.it.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to System.err while open (where slf4j-simple logs), still passed through.
 */
public final class CapturedStderr implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  public CapturedStderr() {
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            captured.write(b);
            original.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            captured.write(b, off, len);
            original.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** {@return everything written so far} */
  public String text() {
    System.err.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }
}
