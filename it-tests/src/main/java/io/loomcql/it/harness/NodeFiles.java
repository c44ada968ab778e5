package io.loomcql.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out a node's directory: conf/ (cassandra.yaml, cassandra-rackdc.properties, logback.xml,
 * an empty triggers/), data/, logs/.
 */
final class NodeFiles {

    /**
     * Cassandra's jar has no logging configuration; without one logback logs DEBUG, which slows the
     * start and floods the node log. INFO to stdout, which the harness sends to node.log.
     */
    private static final String LOGBACK_XML = """
            <configuration scan="false">
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;

    private NodeFiles() {
    }

    /** Rewritten on every start, so a restart picks up nothing stale; data/ is kept. */
    static void write(NodeSpec node) throws IOException {
        Path conf = Files.createDirectories(node.confDirectory());
        Files.createDirectories(node.dataDirectory());
        Files.createDirectories(node.directory().resolve("logs"));
        Files.createDirectories(conf.resolve("triggers"));
        Files.writeString(conf.resolve("cassandra.yaml"), CassandraYaml.render(node));
        Files.writeString(conf.resolve("cassandra-rackdc.properties"), CassandraYaml.rackDcProperties(node));
        Files.writeString(conf.resolve("logback.xml"), LOGBACK_XML);
    }
}
