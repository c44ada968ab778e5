package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.query.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing a user can reach changes the driver's shared state: every public method of every public
 * class in a package the driver's modules export to everyone (read from their module descriptors,
 * not from a list kept by hand) is scanned, and a method whose name says it changes something
 * ({@link #MUTATOR}) fails the test unless it is on the short allow-list below, each entry with its
 * reason. The driver changes its nodes, metadata, metrics and prepared statements through updaters
 * in packages it exports to its core alone ({@code io.loomcql.node.internal}, {@code
 * io.loomcql.metadata.internal}, {@code io.loomcql.metrics.internal}, {@code
 * io.loomcql.query.internal}); those packages are not scanned, since user code cannot reach them.
 *
 * <p>Not scanned either: the service-provider packages, whose types users implement and hand to
 * the driver, which then calls their {@code on*} and {@code init} methods ({@link #SPI_PACKAGES}).
 * A policy or authenticator belongs to the user who made it; the driver never reads state from
 * one that it did not put there itself.
 */
class ReadOnlyPublicApiTest {

  /** Names that announce a change of state. */
  private static final Pattern MUTATOR =
      Pattern.compile(
          "(set|add|remove|put|clear|update|rebuild|refresh|register|unregister|mark|on|complete"
              + "|obtrude|record|increment|reset|install|replace|evict|invalidate)([A-Z].*)?");

  /** Packages whose types users implement (service providers); see the class comment. */
  private static final Set<String> SPI_PACKAGES =
      Set.of(
          "io.loomcql.policies", "io.loomcql.auth", "io.loomcql.transport", "io.loomcql.transport.spi");

  /**
   * Public mutators that are allowed, by class, with the reason. A statement or a value belongs to the user who made it: setting its options changes no state the driver
   * shares with anyone else. The operations on a cluster or a session are the Python driver's own
   * user-facing calls: they ask the driver to change its configuration or re-read the cluster,
   * and the driver applies the change on its own threads, through its own updaters.
   */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          // Statements: each is the caller's own object; the driver reads its options per request.
          Map.entry("io.loomcql.query.Statement", Set.of("*")),
          Map.entry("io.loomcql.query.SimpleStatement", Set.of("*")),
          Map.entry("io.loomcql.query.BoundStatement", Set.of("*")),
          Map.entry("io.loomcql.query.BatchStatement", Set.of("*")),
          // A prepared statement's options are defaults the caller sets for what it binds; the
          // driver's part (result columns, ids) changes only through PreparedInternals.
          Map.entry(
              "io.loomcql.query.PreparedStatement",
              Set.of("setConsistencyLevel", "setSerialConsistencyLevel", "setFetchSize", "setIdempotent")),
          // A user-defined type value and a tuple value: the caller fills them in before binding them.
          Map.entry("io.loomcql.cqltypes.UdtValue", Set.of("set")),
          Map.entry("io.loomcql.cqltypes.TupleValue", Set.of("set")),
          // Not a mutator: makes a row factory that maps rows to a record class.
          Map.entry("io.loomcql.query.RowFactory", Set.of("record")),
          // The cluster's user-facing operations (add_execution_profile, register_listener,
          // register_user_type, refresh_*_metadata, refresh_nodes in the Python driver).
          Map.entry(
              "io.loomcql.cluster.Cluster",
              Set.of(
                  "addExecutionProfile", "registerListener", "unregisterListener", "registerUserType",
                  "refreshSchemaMetadata", "refreshKeyspaceMetadata", "refreshTableMetadata",
                  "refreshMaterializedViewMetadata", "refreshUserTypeMetadata",
                  "refreshUserFunctionMetadata", "refreshUserAggregateMetadata", "refreshNodes")),
          // The session's settings and operations (default_timeout, default_consistency_level,
          // row_factory, set_keyspace, add_request_init_listener, update_created_pools in the
          // Python driver).
          Map.entry(
              "io.loomcql.cluster.Session",
              Set.of(
                  "setKeyspace", "setDefaultConsistencyLevel", "setDefaultSerialConsistencyLevel",
                  "setDefaultFetchSize", "setDefaultTimeout", "setRowFactory", "setUseClientTimestamp",
                  "addRequestInitListener", "removeRequestInitListener", "updateCreatedPools")),
          // The caller's callbacks on the caller's own future (add_callback, add_errback); the
          // completion methods it inherits from CompletableFuture are refused (they throw, see
          // ResponseFutureTest and every_refused_completion_method_is_overridden_to_refuse).
          Map.entry(
              "io.loomcql.cluster.ResponseFuture",
              Set.of(
                  "addCallback", "addCallbacks", "addErrback", "complete", "completeAsync",
                  "completeExceptionally", "completeOnTimeout", "obtrudeException", "obtrudeValue")));

  @Test
  void no_exported_class_has_a_public_mutator_of_driver_state() {
    List<String> found = publicMutators();
    assertThat(found)
        .as("public methods that change driver state; move them behind an updater in a package "
            + "exported to core only, or allow-list them here with a reason")
        .isEmpty();
  }

  @Test
  void the_scan_sees_the_exported_api_and_the_allow_list_is_used() {
    Map<String, List<Class<?>>> api = exportedApi();
    assertThat(api.keySet())
        .contains("io.loomcql", "io.loomcql.node", "io.loomcql.metadata", "io.loomcql.cluster",
            "io.loomcql.query", "io.loomcql.metrics")
        .doesNotContain("io.loomcql.node.internal", "io.loomcql.metadata.internal");
    List<String> allowed = new ArrayList<>();
    for (List<Class<?>> classes : api.values()) {
      for (Class<?> type : classes) {
        for (Method method : publicMethods(type)) {
          if (MUTATOR.matcher(method.getName()).matches() && isAllowed(type, method)) {
            allowed.add(type.getName() + "." + method.getName());
          }
        }
      }
    }
    // Each allow-list entry must still match something, or it is stale and must go.
    for (Map.Entry<String, Set<String>> entry : ALLOWED.entrySet()) {
      assertThat(allowed)
          .as("allow-list entry %s matches no method", entry.getKey())
          .anyMatch(name -> name.startsWith(entry.getKey() + "."));
    }
  }

  @Test
  void every_refused_completion_method_is_overridden_to_refuse() {
    ResponseFuture future = new ResponseFuture(new SimpleStatement("SELECT 1"), Runnable::run);
    for (Method method : ResponseFuture.class.getMethods()) {
      boolean completes = method.getName().startsWith("complete") || method.getName().startsWith("obtrude");
      if (completes && !Modifier.isStatic(method.getModifiers())) {
        assertThat(method.getDeclaringClass()).as(method.toString()).isEqualTo(ResponseFuture.class);
      }
    }
    assertThatThrownBy(() -> future.complete(null)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> future.obtrudeException(new RuntimeException()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(future.isDone()).isFalse();
  }

  /** Every public method of the exported API that {@link #MUTATOR} flags and nothing allows. */
  static List<String> publicMutators() {
    Set<String> found = new TreeSet<>();
    for (List<Class<?>> classes : exportedApi().values()) {
      for (Class<?> type : classes) {
        for (Method method : publicMethods(type)) {
          if (MUTATOR.matcher(method.getName()).matches() && !isAllowed(type, method)) {
            found.add(type.getName() + "." + method.getName());
          }
        }
      }
    }
    return List.copyOf(found);
  }

  private static boolean isAllowed(Class<?> type, Method method) {
    Set<String> names = ALLOWED.get(type.getName());
    return names != null && (names.contains("*") || names.contains(method.getName()));
  }

  /**
   * The public methods of a type that the driver declares: those declared by the driver's own
   * classes and interfaces, and those a driver class inherits from {@code CompletableFuture}
   * (whose completion methods would let a user complete a driver future). Other methods inherited
   * from the JDK ({@code Throwable.initCause}, {@code Object.notify}) change only the object they
   * are called on, which the caller holds.
   */
  private static List<Method> publicMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Method method : type.getMethods()) {
      Class<?> owner = method.getDeclaringClass();
      boolean ours = owner.getName().startsWith("io.loomcql.");
      boolean future = owner == CompletableFuture.class && type != owner;
      // A public method a public class inherits from a package-private superclass (Cluster's and
      // Session's option and refresh methods) is seen here only as the bridge javac writes into the
      // public class, so bridges count; a bridge always carries the name of a real method.
      if ((ours || future) && (!method.isSynthetic() || method.isBridge())) {
        methods.add(method);
      }
    }
    return methods;
  }

  /**
   * The public classes (nested ones included) of the packages the driver's modules export without
   * qualification, minus the service-provider packages, by package.
   */
  static Map<String, List<Class<?>>> exportedApi() {
    Map<String, List<Class<?>>> api = new TreeMap<>();
    for (ModuleReference module : driverModules()) {
      ModuleDescriptor descriptor = module.descriptor();
      Set<String> exported = new TreeSet<>();
      for (ModuleDescriptor.Exports export : descriptor.exports()) {
        if (!export.isQualified() && !SPI_PACKAGES.contains(export.source())) {
          exported.add(export.source());
        }
      }
      try (ModuleReader reader = module.open(); Stream<String> entries = reader.list()) {
        for (String entry : (Iterable<String>) entries::iterator) {
          if (!entry.endsWith(".class") || entry.endsWith("module-info.class")
              || entry.endsWith("package-info.class")) {
            continue;
          }
          String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
          String pkg = className.substring(0, className.lastIndexOf('.'));
          if (!exported.contains(pkg)) {
            continue;
          }
          Class<?> type = load(className);
          if (isPublicApi(type)) {
            api.computeIfAbsent(pkg, p -> new ArrayList<>()).add(type);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return api;
  }

  /** Public, and every enclosing class public too (a public class nested in a hidden one is hidden). */
  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ReadOnlyPublicApiTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The driver's modules ({@code io.loomcql.*}) found on the test class path, by descriptor. */
  private static List<ModuleReference> driverModules() {
    List<ModuleReference> modules = new ArrayList<>();
    try {
      for (URL url : Collections.list(
          ReadOnlyPublicApiTest.class.getClassLoader().getResources("module-info.class"))) {
        ModuleDescriptor descriptor;
        try (InputStream in = url.openStream()) {
          descriptor = ModuleDescriptor.read(in);
        }
        if (!descriptor.name().startsWith("io.loomcql.")) {
          continue;
        }
        ModuleFinder.of(rootOf(url)).find(descriptor.name()).ifPresent(modules::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(modules)
        .extracting(m -> m.descriptor().name())
        .contains("io.loomcql.protocol", "io.loomcql.transport", "io.loomcql.policies",
            "io.loomcql.metadata", "io.loomcql.core");
    return modules;
  }

  /** The class-path entry (directory or jar) a {@code module-info.class} URL comes from. */
  private static Path rootOf(URL url) {
    String text = url.toString();
    String root =
        text.startsWith("jar:")
            ? text.substring("jar:".length(), text.indexOf("!/"))
            : text.substring(0, text.length() - "module-info.class".length());
    return Path.of(URI.create(root));
  }
}
