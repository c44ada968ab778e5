package io.loomcql.it.harness;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link TestCluster} parameters with a running cluster, as {@link RealCassandra} on the
 * test class (or an enclosing class) describes; without the annotation (plain
 * {@code @ExtendWith(CassandraExtension.class)}), the shared single node.
 *
 * <p>The {@link ClusterPool} sits in the root store, so clusters outlive test classes and stop at
 * the end of the run. Each top-level test class acquires its cluster once and keeps it in its own
 * store: a node a test kills on purpose is not restarted behind its back by the next test method.
 */
public final class CassandraExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = topLevelClassContext(extensionContext);
        ClusterSpec spec = specFor(extensionContext);
        ClusterPool pool = extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClusterPool.class, key -> new ClusterPool(), ClusterPool.class);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(spec, key -> new ClassCluster(pool.acquire(spec)), ClassCluster.class)
                .cluster();
    }

    /**
     * Wraps the cluster in the class's store: JUnit closes AutoCloseable values of a store when its
     * context ends, and a shared cluster must outlive the class.
     */
    private record ClassCluster(TestCluster cluster) {
    }

    /** The nearest {@link RealCassandra}: on the class, its superclasses, or an enclosing class. */
    static ClusterSpec specFor(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        for (Class<?> type = testClass.orElse(null); type != null; type = type.getEnclosingClass()) {
            Optional<RealCassandra> annotation = AnnotationSupport.findAnnotation(type, RealCassandra.class);
            if (annotation.isPresent()) {
                return ClusterSpec.of(annotation.get());
            }
        }
        return ClusterSpec.singleNode();
    }

    private static ExtensionContext topLevelClassContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getParent().get().getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
