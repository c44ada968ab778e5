package io.loomcql.it.harness;

import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the test classes that share a cluster one after another: first those on the shared single
 * node (or none), then each other {@link ClusterSpec}'s, by class name within a group. The
 * {@link ClusterPool} keeps few clusters up at once, so classes of different clusters interleaved
 * would stop and start a multi-node cluster several times in one run.
 */
public final class ClusterGroupingOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((org.junit.jupiter.api.ClassDescriptor descriptor) -> group(descriptor.getTestClass()))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static String group(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<RealCassandra> annotation = AnnotationSupport.findAnnotation(type, RealCassandra.class);
            if (annotation.isPresent()) {
                ClusterSpec spec = ClusterSpec.of(annotation.get());
                return spec.isDefaultSingleNode() ? "0" : "1 " + spec;
            }
        }
        return "0";
    }
}
