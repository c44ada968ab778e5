package io.loomcql.protocol.internal;

/**
 * A message a server sends (section 4.2 of the specification), decoded by
 * {@link ResponseDecoder}.
 */
public sealed interface Response
    permits Ready, Supported, Authenticate, AuthChallenge, AuthSuccess, ErrorResponse, Event,
        Result {}
