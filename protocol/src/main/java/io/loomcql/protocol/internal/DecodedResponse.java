package io.loomcql.protocol.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A decoded response frame: the message and the optional prefixes of its body.
 *
 * @param response the message
 * @param tracingId the tracing session id (FLAG_TRACING), or null
 * @param warnings the server's warnings (FLAG_WARNING), or an empty list
 * @param customPayload the custom payload (FLAG_CUSTOM_PAYLOAD), or null
 */
public record DecodedResponse(
    Response response, UUID tracingId, List<String> warnings, Map<String, ByteBuffer> customPayload) {}
