package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The usual rule matchers for {@link CqlTestServer#when}. */
public final class Match {

  private Match() {}

  /** Every request. */
  public static Predicate<Request> any() {
    return request -> true;
  }

  /** Requests of {@code opcode} ({@link Frames}). */
  public static Predicate<Request> opcode(int opcode) {
    return request -> request.opcode() == opcode;
  }

  /** QUERY and PREPARE requests whose CQL text starts with {@code prefix}. */
  public static Predicate<Request> queryStartsWith(String prefix) {
    return request -> (request.opcode() == Opcodes.QUERY || request.opcode() == Opcodes.PREPARE)
        && request.queryStartsWith(prefix);
  }

  /** QUERY and PREPARE requests whose whole CQL text matches {@code regex}. */
  public static Predicate<Request> queryMatches(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return request -> (request.opcode() == Opcodes.QUERY || request.opcode() == Opcodes.PREPARE)
        && pattern.matcher(request.query()).matches();
  }

  /** Statements: QUERY (system table reads excluded), EXECUTE and BATCH. */
  public static Predicate<Request> statements() {
    return request -> request.opcode() == Opcodes.EXECUTE || request.opcode() == Opcodes.BATCH
        || (request.opcode() == Opcodes.QUERY && !request.isSystemSelect());
  }
}
