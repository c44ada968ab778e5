package io.loomcql.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a keyspace places its replicas on the ring (the Python driver's {@code ReplicationStrategy}
 * classes), made from the keyspace's {@code replication} map by {@link #create(Map)}. Strategies
 * are values: two keyspaces with equal strategies share one precomputed replica table in {@link
 * TokenMap}.
 */
public sealed interface ReplicationStrategy {

  /** The prefix of the server's strategy classes, left out when printed. */
  String LOCATOR_PREFIX = "org.apache.cassandra.locator.";

  /**
   * {@return the strategy of a {@code system_schema.keyspaces.replication} map (Python: {@code
   * ReplicationStrategy.create})} Classes are matched by the end of their name; an unknown class,
   * or options that do not parse, give an {@link UnknownStrategy}.
   */
  static ReplicationStrategy create(Map<String, String> replication) {
    Map<String, String> options = new TreeMap<>(replication);
    String className = options.remove("class");
    if (className == null) {
      return new UnknownStrategy("", options);
    }
    try {
      if (className.endsWith("SimpleStrategy")) {
        String rf = options.get("replication_factor");
        if (rf != null) {
          return new SimpleStrategy(ReplicationFactor.parse(rf));
        }
      } else if (className.endsWith("NetworkTopologyStrategy")) {
        Map<String, ReplicationFactor> dcs = new TreeMap<>();
        for (Map.Entry<String, String> entry : options.entrySet()) {
          if (!entry.getKey().equals("replication_factor")) {
            dcs.put(entry.getKey(), ReplicationFactor.parse(entry.getValue()));
          }
        }
        return new NetworkTopologyStrategy(dcs);
      } else if (className.endsWith("LocalStrategy")) {
        return new LocalStrategy();
      } else if (className.endsWith("EverywhereStrategy")) {
        return new EverywhereStrategy();
      }
    } catch (IllegalArgumentException e) {
      return new UnknownStrategy(className, options);
    }
    return new UnknownStrategy(className, options);
  }

  /** {@return the strategy's class name as DESCRIBE prints it, e.g. {@code SimpleStrategy}} */
  String className();

  /** {@return the options other than {@code class}, as strings} */
  Map<String, String> options();

  /**
   * {@return the replication map as CQL writes it: {@code {'class': 'SimpleStrategy',
   * 'replication_factor': '3'}} (Python: {@code export_for_schema})}
   */
  default String exportForSchema() {
    StringBuilder out = new StringBuilder("{'class': ").append(CqlNames.quoteString(className()));
    for (Map.Entry<String, String> entry : new TreeMap<>(options()).entrySet()) {
      out.append(", ")
          .append(CqlNames.quoteString(entry.getKey()))
          .append(": ")
          .append(CqlNames.quoteString(entry.getValue()));
    }
    return out.append('}').toString();
  }

  /**
   * {@code SimpleStrategy}: the replicas of a token are the owners of the next {@code
   * replication_factor} distinct nodes clockwise on the ring, racks and data centers ignored.
   *
   * @param replicationFactor the number of replicas
   */
  record SimpleStrategy(ReplicationFactor replicationFactor) implements ReplicationStrategy {

    /** Checks the factor. */
    public SimpleStrategy {
      Objects.requireNonNull(replicationFactor, "replicationFactor");
    }

    @Override
    public String className() {
      return "SimpleStrategy";
    }

    @Override
    public Map<String, String> options() {
      return Map.of("replication_factor", replicationFactor.toString());
    }
  }

  /**
   * {@code NetworkTopologyStrategy}: a replication factor per data center, replicas spread over as
   * many racks of each data center as possible (Cassandra's {@code calculateNaturalReplicas}).
   *
   * @param dcReplicationFactors the replication factor of each data center, by name
   */
  record NetworkTopologyStrategy(Map<String, ReplicationFactor> dcReplicationFactors)
      implements ReplicationStrategy {

    /** Copies the map (sorted by data center). */
    public NetworkTopologyStrategy {
      dcReplicationFactors = Collections.unmodifiableMap(new TreeMap<>(dcReplicationFactors));
    }

    @Override
    public String className() {
      return "NetworkTopologyStrategy";
    }

    @Override
    public Map<String, String> options() {
      Map<String, String> options = new LinkedHashMap<>();
      dcReplicationFactors.forEach((dc, rf) -> options.put(dc, rf.toString()));
      return options;
    }
  }

  /** {@code LocalStrategy} (system keyspaces): data stays on each node; no replicas for routing. */
  record LocalStrategy() implements ReplicationStrategy {
    @Override
    public String className() {
      return "LocalStrategy";
    }

    @Override
    public Map<String, String> options() {
      return Map.of();
    }
  }

  /** {@code EverywhereStrategy}: every node is a replica of every token. */
  record EverywhereStrategy() implements ReplicationStrategy {
    @Override
    public String className() {
      return "EverywhereStrategy";
    }

    @Override
    public Map<String, String> options() {
      return Map.of();
    }
  }

  /**
   * A strategy the driver does not know, or whose options it cannot read; it has no replicas for
   * routing (Python: {@code _UnknownStrategy}).
   *
   * @param strategyClass the class name as the server gave it
   * @param strategyOptions the other options
   */
  record UnknownStrategy(String strategyClass, Map<String, String> strategyOptions)
      implements ReplicationStrategy {

    /** Copies the options. */
    public UnknownStrategy {
      Objects.requireNonNull(strategyClass, "strategyClass");
      strategyOptions = Map.copyOf(strategyOptions);
    }

    @Override
    public String className() {
      return strategyClass.startsWith(LOCATOR_PREFIX)
          ? strategyClass.substring(LOCATOR_PREFIX.length())
          : strategyClass;
    }

    @Override
    public Map<String, String> options() {
      return strategyOptions;
    }
  }
}
