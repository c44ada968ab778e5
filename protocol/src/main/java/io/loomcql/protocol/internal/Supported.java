package io.loomcql.protocol.internal;

import java.util.List;
import java.util.Map;

/**
 * SUPPORTED: the STARTUP options the server supports (answer to OPTIONS), e.g. {@code CQL_VERSION ->
 * [3.4.7]}, {@code COMPRESSION -> [snappy, lz4]}, {@code PROTOCOL_VERSIONS -> [3/v3, 4/v4, 5/v5]}.
 *
 * @param options the [string multimap], in wire order
 */
public record Supported(Map<String, List<String>> options) implements Response {}
