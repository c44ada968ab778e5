package io.loomcql.it.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test asks for: the shape of the cluster and its configuration. Two equal specs are served
 * by one shared cluster.
 *
 * @param nodes nodes in all, split evenly over the data centers
 * @param dataCenters 1, or more for GossipingPropertyFileSnitch data centers dc1, dc2, ...
 * @param heap -Xms/-Xmx of each node, such as "1g"; empty for the default (1g for one node, 512m each for more)
 * @param yaml extra cassandra.yaml lines
 * @param systemProperties extra -D properties of the server JVMs
 */
public record ClusterSpec(int nodes, int dataCenters, String heap, List<String> yaml,
                          Map<String, String> systemProperties) {

    public ClusterSpec {
        if (nodes < 1 || dataCenters < 1 || nodes % dataCenters != 0) {
            throw new IllegalArgumentException("Cannot split " + nodes + " nodes evenly over " + dataCenters
                    + " data centers");
        }
        yaml = List.copyOf(yaml);
        // Sorted, so that the same properties in another order make an equal spec.
        systemProperties = Map.copyOf(new TreeMap<>(systemProperties));
    }

    public static ClusterSpec singleNode() {
        return new ClusterSpec(1, 1, "", List.of(), Map.of());
    }

    public static ClusterSpec ofNodes(int nodes) {
        return new ClusterSpec(nodes, 1, "", List.of(), Map.of());
    }

    /** From the annotation's strings: yaml lines as they are, properties as "key=value". */
    public static ClusterSpec of(RealCassandra annotation) {
        return new ClusterSpec(annotation.nodes(), annotation.dataCenters(), annotation.heap(),
                Arrays.asList(annotation.yaml()), parseProperties(annotation.systemProperties()));
    }

    public ClusterSpec withDataCenters(int count) {
        return new ClusterSpec(nodes, count, heap, yaml, systemProperties);
    }

    public ClusterSpec withHeap(String size) {
        return new ClusterSpec(nodes, dataCenters, size, yaml, systemProperties);
    }

    public ClusterSpec withYaml(String... lines) {
        List<String> all = new ArrayList<>(yaml);
        all.addAll(Arrays.asList(lines));
        return new ClusterSpec(nodes, dataCenters, heap, all, systemProperties);
    }

    public ClusterSpec withSystemProperty(String key, String value) {
        Map<String, String> all = new TreeMap<>(systemProperties);
        all.put(key, value);
        return new ClusterSpec(nodes, dataCenters, heap, yaml, all);
    }

    /** The shared node most test classes use. */
    public boolean isDefaultSingleNode() {
        return equals(singleNode());
    }

    public String effectiveHeap() {
        return !heap.isBlank() ? heap : nodes == 1 ? "1g" : "512m";
    }

    public int nodesPerDataCenter() {
        return nodes / dataCenters;
    }

    /** Short and file-name safe, e.g. "3n-1dc". */
    String shape() {
        return nodes + "n-" + dataCenters + "dc";
    }

    static Map<String, String> parseProperties(String[] keyValues) {
        Map<String, String> properties = new TreeMap<>();
        for (String keyValue : keyValues) {
            int equals = keyValue.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("System property \"" + keyValue + "\" is not key=value");
            }
            properties.put(keyValue.substring(0, equals).strip(), keyValue.substring(equals + 1).strip());
        }
        return properties;
    }
}
