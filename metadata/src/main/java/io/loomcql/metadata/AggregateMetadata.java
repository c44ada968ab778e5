package io.loomcql.metadata;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A user-defined aggregate (the Python driver's {@code cassandra.metadata.Aggregate}), from {@code
 * system_schema.aggregates}. Keyed in {@link KeyspaceMetadata#aggregates()} by {@link
 * #signature()}.
 *
 * @param keyspace the keyspace of the aggregate
 * @param name the aggregate's name
 * @param argumentTypes the arguments' types as stored
 * @param stateFunc the name of the state function ({@code SFUNC})
 * @param stateType the state's type as stored ({@code STYPE})
 * @param finalFunc the name of the final function ({@code FINALFUNC}), or null
 * @param initialCondition the initial state as a CQL literal ({@code INITCOND}), or null
 * @param returnType the type it returns, as stored
 */
public record AggregateMetadata(
    String keyspace,
    String name,
    List<String> argumentTypes,
    String stateFunc,
    String stateType,
    String finalFunc,
    String initialCondition,
    String returnType) {

  /** Copies the list; checks that the required parts are there. */
  public AggregateMetadata {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    argumentTypes = List.copyOf(argumentTypes);
    Objects.requireNonNull(stateFunc, "stateFunc");
    Objects.requireNonNull(stateType, "stateType");
  }

  /** {@code name(type1,type2)}, as {@link FunctionMetadata#signature()}. */
  public String signature() {
    return FunctionMetadata.signature(name, argumentTypes);
  }

  /**
   * {@return the {@code CREATE AGGREGATE} statement as Cassandra 5.0's DESCRIBE prints it, without
   * semicolon}
   */
  public String asCqlQuery() {
    StringBuilder out =
        new StringBuilder("CREATE AGGREGATE ")
            .append(CqlNames.qualified(keyspace, name))
            .append('(')
            .append(
                argumentTypes.stream()
                    .map(CqlTypeParser::withoutOuterFrozen)
                    .collect(Collectors.joining(", ")))
            .append(")\n    SFUNC ")
            .append(CqlNames.protectName(stateFunc))
            .append("\n    STYPE ")
            .append(CqlTypeParser.withoutOuterFrozen(stateType));
    if (finalFunc != null) {
      out.append("\n    FINALFUNC ").append(CqlNames.protectName(finalFunc));
    }
    if (initialCondition != null) {
      out.append("\n    INITCOND ").append(initialCondition);
    }
    return out.toString();
  }

  /** {@link #asCqlQuery()} followed by a semicolon. */
  public String exportAsString() {
    return asCqlQuery() + ";";
  }
}
