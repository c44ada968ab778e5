package io.loomcql.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A keyspace and everything in it (the Python driver's {@code KeyspaceMetadata}): replication,
 * user types, functions, aggregates, tables, views and indexes. Immutable; a schema refresh builds
 * a new instance, and an unchanged keyspace rebuilt from the same rows is {@link #equals equal} to
 * the old one. The virtual keyspaces of Cassandra 4.0 and later ({@code system_views}, {@code
 * system_virtual_schema}) are here too, {@linkplain #isVirtual() marked virtual}.
 */
public final class KeyspaceMetadata {

  private final String name;
  private final boolean durableWrites;
  private final Map<String, String> replication;
  private final ReplicationStrategy replicationStrategy;
  private final Map<String, UserType> userTypes;
  private final Map<String, FunctionMetadata> functions;
  private final Map<String, AggregateMetadata> aggregates;
  private final Map<String, TableMetadata> tables;
  private final Map<String, MaterializedViewMetadata> views;
  private final Map<String, IndexMetadata> indexes;
  private final boolean virtual;

  KeyspaceMetadata(
      String name,
      boolean durableWrites,
      Map<String, String> replication,
      Map<String, UserType> userTypes,
      Map<String, FunctionMetadata> functions,
      Map<String, AggregateMetadata> aggregates,
      Map<String, TableMetadata> tables,
      Map<String, MaterializedViewMetadata> views,
      boolean virtual) {
    this.name = Objects.requireNonNull(name, "name");
    this.durableWrites = durableWrites;
    this.replication = Collections.unmodifiableMap(new TreeMap<>(replication));
    this.replicationStrategy = ReplicationStrategy.create(replication);
    this.userTypes = userTypes;
    this.functions = functions;
    this.aggregates = aggregates;
    this.tables = tables;
    this.views = views;
    Map<String, IndexMetadata> allIndexes = new LinkedHashMap<>();
    for (TableMetadata table : tables.values()) {
      allIndexes.putAll(table.indexes());
    }
    this.indexes = Collections.unmodifiableMap(allIndexes);
    this.virtual = virtual;
  }

  /** {@return the keyspace's name, case preserved and unquoted} */
  public String name() {
    return name;
  }

  /**
   * {@return whether writes go through the commit log (Python: {@code durable_writes}); false for
   * a virtual keyspace, whose tables are not written to disk (Python: None)}
   */
  public boolean durableWrites() {
    return durableWrites;
  }

  /**
   * {@return the replication map as stored, {@code class} included (full class name); empty for a
   * virtual keyspace, which is not replicated}
   */
  public Map<String, String> replication() {
    return replication;
  }

  /**
   * {@return the replication strategy made from {@link #replication()} (Python: {@code
   * replication_strategy})}
   */
  public ReplicationStrategy replicationStrategy() {
    return replicationStrategy;
  }

  /**
   * The user types by name, in dependency order (a type after the types it uses), as DESCRIBE
   * lists them (Python: {@code user_types}).
   */
  public Map<String, UserType> userTypes() {
    return userTypes;
  }

  /** {@return the user-defined functions by {@linkplain FunctionMetadata#signature() signature}} */
  public Map<String, FunctionMetadata> functions() {
    return functions;
  }

  /**
   * {@return the user-defined aggregates by {@linkplain AggregateMetadata#signature() signature}}
   */
  public Map<String, AggregateMetadata> aggregates() {
    return aggregates;
  }

  /** {@return the tables by name, ordered as DESCRIBE lists them (by name, ignoring case)} */
  public Map<String, TableMetadata> tables() {
    return tables;
  }

  /** {@return a table by its (case-sensitive, unquoted) name, or null} */
  public TableMetadata table(String tableName) {
    return tables.get(tableName);
  }

  /** {@return the materialized views of all tables, by name} */
  public Map<String, MaterializedViewMetadata> views() {
    return views;
  }

  /** {@return the secondary indexes of all tables, by name (Python: {@code indexes})} */
  public Map<String, IndexMetadata> indexes() {
    return indexes;
  }

  /**
   * Whether this is a virtual keyspace (Python: {@code virtual}): {@code system_views} or {@code
   * system_virtual_schema} (Cassandra 4.0 and later), read from {@code
   * system_virtual_schema.keyspaces}. Always false for servers before 4.0. Its tables are {@link
   * TableMetadata#isVirtual() virtual}; it has no replication, user types, functions, aggregates,
   * views or indexes, and cannot be created with CQL, so {@link #exportAsString()} describes it
   * inside comments.
   */
  public boolean isVirtual() {
    return virtual;
  }

  /**
   * {@code CREATE KEYSPACE name WITH replication = {...}  AND durable_writes = true}, as
   * Cassandra 5.0's DESCRIBE prints it (two spaces before AND included), without semicolon. For a
   * virtual keyspace, {@code VIRTUAL KEYSPACE name}, the line the server's DESCRIBE puts inside its
   * warning comment (the Python driver returns {@code // VIRTUAL KEYSPACE name}).
   */
  public String asCqlQuery() {
    if (virtual) {
      return "VIRTUAL KEYSPACE " + CqlNames.protectName(name);
    }
    StringBuilder out = new StringBuilder("CREATE KEYSPACE ").append(CqlNames.protectName(name));
    out.append(" WITH replication = {'class': ");
    String className = replication.getOrDefault("class", replicationStrategy.className());
    if (className.startsWith(ReplicationStrategy.LOCATOR_PREFIX)) {
      className = className.substring(ReplicationStrategy.LOCATOR_PREFIX.length());
    }
    out.append(CqlNames.quoteString(className));
    for (Map.Entry<String, String> entry : replication.entrySet()) {
      if (!entry.getKey().equals("class")) {
        out.append(", ")
            .append(CqlNames.quoteString(entry.getKey()))
            .append(": ")
            .append(CqlNames.quoteString(entry.getValue()));
      }
    }
    return out.append("}  AND durable_writes = ").append(durableWrites).toString();
  }

  /**
   * The whole keyspace as CQL, in DESCRIBE KEYSPACE's order: the keyspace, its user types in
   * dependency order, functions, aggregates, then each table followed by its indexes and views;
   * statements end with a semicolon and are separated by blank lines (Python: {@code
   * export_as_string}).
   *
   * <p>A virtual keyspace cannot be recreated with CQL; as the server's DESCRIBE does (and the
   * Python driver, which wraps virtual keyspaces in a comment too), it is exported as comments
   * that show its structure: the keyspace, then each table as {@link
   * TableMetadata#exportAsString()} gives it.
   *
   * <pre>
   * /*
   * Warning: Keyspace system_views is a virtual keyspace and cannot be recreated with CQL.
   * Structure, for reference:
   * VIRTUAL KEYSPACE system_views;
   * &#42;/
   *
   * /*
   * Warning: Table system_views.caches is a virtual table and cannot be recreated with CQL.
   * ...
   * </pre>
   */
  public String exportAsString() {
    StringBuilder out = new StringBuilder();
    if (virtual) {
      out.append("/*\nWarning: Keyspace ").append(CqlNames.protectName(name))
          .append(" is a virtual keyspace and cannot be recreated with CQL.\n")
          .append("Structure, for reference:\n").append(asCqlQuery()).append(";\n*/");
    } else {
      out.append(asCqlQuery()).append(';');
    }
    for (UserType type : userTypes.values()) {
      out.append("\n\n").append(type.exportAsString());
    }
    for (FunctionMetadata function : functions.values()) {
      out.append("\n\n").append(function.exportAsString());
    }
    for (AggregateMetadata aggregate : aggregates.values()) {
      out.append("\n\n").append(aggregate.exportAsString());
    }
    for (TableMetadata table : tables.values()) {
      out.append("\n\n").append(table.exportAsString());
    }
    return out.toString();
  }

  /**
   * {@return the {@code CREATE TYPE} statements in dependency order (Python: {@code
   * user_type_strings})}
   */
  public List<String> userTypeStrings() {
    return userTypes.values().stream().map(UserType::exportAsString).toList();
  }

  /** Equal when every part is equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof KeyspaceMetadata that
        && name.equals(that.name)
        && durableWrites == that.durableWrites
        && replication.equals(that.replication)
        && userTypes.equals(that.userTypes)
        && functions.equals(that.functions)
        && aggregates.equals(that.aggregates)
        && tables.equals(that.tables)
        && views.equals(that.views)
        && virtual == that.virtual;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, replication, tables.keySet());
  }

  /** {@code KeyspaceMetadata[name]}. */
  @Override
  public String toString() {
    return "KeyspaceMetadata[" + CqlNames.protectName(name) + "]";
  }
}
