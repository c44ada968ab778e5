package io.loomcql.it.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against real Cassandra 5.0: parameters of type {@link TestCluster} (in the
 * constructor, lifecycle methods or test methods) receive a running cluster with these options.
 * All classes asking for the same options share one cluster; the plain single node
 * ({@code @RealCassandra} without options) is shared by the whole run.
 *
 * <pre>{@code
 * @RealCassandra(nodes = 3)
 * class FailoverIT {
 *     @Test
 *     void survives_a_crashed_replica(TestCluster cluster) {
 *         cluster.node(3).kill();
 *         ...
 *         cluster.node(3).restart();
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CassandraExtension.class)
public @interface RealCassandra {

    /** Nodes in all; with several data centers, dc1's nodes come first. */
    int nodes() default 1;

    int dataCenters() default 1;

    /** -Xms/-Xmx per node, e.g. "2g"; empty for 1g (one node) or 512m (more). */
    String heap() default "";

    /** Extra cassandra.yaml lines, e.g. {@code "authenticator: PasswordAuthenticator"}. */
    String[] yaml() default {};

    /**
     * Extra server system properties as key=value, e.g.
     * {@code "cassandra.custom_query_handler_class=org.apache.cassandra.cql3.CustomPayloadMirroringQueryHandler"}.
     */
    String[] systemProperties() default {};
}
