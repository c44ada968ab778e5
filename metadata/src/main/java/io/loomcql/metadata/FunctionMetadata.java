package io.loomcql.metadata;

import java.util.List;
import java.util.Objects;

/**
 * A user-defined function (the Python driver's {@code cassandra.metadata.Function}), from {@code
 * system_schema.functions}. Keyed in {@link KeyspaceMetadata#functions()} by {@link #signature()}.
 *
 * @param keyspace the keyspace of the function
 * @param name the function's name
 * @param argumentNames the arguments' names, in order
 * @param argumentTypes the arguments' types as stored, same order
 * @param returnType the type it returns, as stored
 * @param language the language of the body, e.g. {@code java}
 * @param body the source of the body
 * @param calledOnNullInput true for {@code CALLED ON NULL INPUT}, false for {@code RETURNS NULL ON
 *     NULL INPUT}
 */
public record FunctionMetadata(
    String keyspace,
    String name,
    List<String> argumentNames,
    List<String> argumentTypes,
    String returnType,
    String language,
    String body,
    boolean calledOnNullInput) {

  /** Copies the lists; checks that nothing is null. */
  public FunctionMetadata {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    argumentNames = List.copyOf(argumentNames);
    argumentTypes = List.copyOf(argumentTypes);
    Objects.requireNonNull(returnType, "returnType");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(body, "body");
  }

  /**
   * {@code name(type1,type2)}: the name and argument types joined by commas without spaces
   * (Python: {@code SignatureDescriptor.format_signature}).
   */
  public String signature() {
    return signature(name, argumentTypes);
  }

  static String signature(String name, List<String> argumentTypes) {
    return name + "(" + String.join(",", argumentTypes) + ")";
  }

  /**
   * The {@code CREATE FUNCTION} statement as Cassandra 5.0's DESCRIBE prints it, without the final
   * semicolon; argument and return types lose an outer {@code frozen<>} as the server prints them.
   */
  public String asCqlQuery() {
    StringBuilder out =
        new StringBuilder("CREATE FUNCTION ").append(CqlNames.qualified(keyspace, name)).append('(');
    for (int i = 0; i < argumentTypes.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      String argumentName = i < argumentNames.size() ? argumentNames.get(i) : "arg" + i;
      out.append(CqlNames.protectName(argumentName))
          .append(' ')
          .append(CqlTypeParser.withoutOuterFrozen(argumentTypes.get(i)));
    }
    out.append(")\n    ")
        .append(calledOnNullInput ? "CALLED ON NULL INPUT" : "RETURNS NULL ON NULL INPUT")
        .append("\n    RETURNS ")
        .append(CqlTypeParser.withoutOuterFrozen(returnType))
        .append("\n    LANGUAGE ")
        .append(language)
        .append("\n    AS ")
        .append(body.contains("$$") ? CqlNames.quoteString(body) : "$$" + body + "$$");
    return out.toString();
  }

  /** {@link #asCqlQuery()} followed by a semicolon. */
  public String exportAsString() {
    return asCqlQuery() + ";";
  }
}
