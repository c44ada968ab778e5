package io.loomcql.transport.internal;

import io.loomcql.AuthenticationFailedException;
import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.auth.Authenticator;
import io.loomcql.protocol.internal.AuthChallenge;
import io.loomcql.protocol.internal.AuthResponse;
import io.loomcql.protocol.internal.AuthSuccess;
import io.loomcql.protocol.internal.Authenticate;
import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.ErrorResponse;
import io.loomcql.protocol.internal.Options;
import io.loomcql.protocol.internal.Ready;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Startup;
import io.loomcql.protocol.internal.Supported;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.ProtocolVersionRejectedException;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Brings a fresh connection to the point where it accepts queries: OPTIONS → SUPPORTED, STARTUP →
 * READY, or AUTHENTICATE → (AUTH_RESPONSE ↔ AUTH_CHALLENGE)* → AUTH_SUCCESS. Runs as callbacks on
 * the connection's loop thread, one request at a time.
 *
 * <p>On protocol v5, STARTUP and its answer (READY or AUTHENTICATE) are the last unframed
 * messages: everything after them travels in segments.
 */
final class Handshake {

  private static final int PROTOCOL_ERROR = 0x000A;
  private static final int BAD_CREDENTIALS = 0x0100;

  private final Connection connection;
  private final Framing framing;
  private final ConnectionOptions options;
  private final CompletableFuture<Connection> ready;
  private final Runnable onDone;
  private Authenticator authenticator;
  private Compressor compressor;

  /**
   * @param ready the connection's ready future: failures before it completes close the connection
   * @param onDone called once the server accepts requests
   */
  Handshake(
      Connection connection, Framing framing, ConnectionOptions options,
      CompletableFuture<Connection> ready, Runnable onDone) {
    this.connection = connection;
    this.framing = framing;
    this.options = options;
    this.ready = ready;
    this.onDone = onDone;
  }

  void start() {
    send(new Options(), this::onSupported);
  }

  private void onSupported(Response response) {
    if (!(response instanceof Supported supported)) {
      throw unexpected("SUPPORTED", response);
    }
    List<String> cqlVersions = supported.options().getOrDefault("CQL_VERSION", List.of());
    String cqlVersion = options.cqlVersion();
    if (cqlVersion == null) {
      cqlVersion = cqlVersions.isEmpty() ? "3.0.0" : cqlVersions.get(0);
    } else if (!cqlVersions.isEmpty() && !cqlVersions.contains(cqlVersion)) {
      throw new ConnectionException(
          "CQL version " + cqlVersion + " is not supported by " + connection.endpoint()
              + " (it supports " + cqlVersions + ")",
          connection.endpoint());
    }
    String compression = chooseCompression(supported.options().getOrDefault("COMPRESSION", List.of()));
    if (compression != null) {
      compressor = Framing.compressor(compression, options.maxFrameLength());
      if (!connection.protocolVersion().usesSegments()) {
        // The server may compress its answer to STARTUP already (AUTHENTICATE has a body).
        framing.expectCompressed(compressor);
      }
    }
    send(
        Startup.forCqlVersion(cqlVersion, compression, options.driverName(), options.driverVersion()),
        this::onStartupAnswer);
  }

  /**
   * The Python driver's rules: AUTO takes lz4 if listed, else snappy (not on v5, whose segments know only
   * lz4), else nothing; LZ4 and SNAPPY require the server to list them (SNAPPY on v5 means no
   * compression); NONE is none. Null means no COMPRESSION option in STARTUP.
   */
  private String chooseCompression(List<String> offered) {
    boolean v5 = connection.protocolVersion().usesSegments();
    boolean lz4 = offered.stream().anyMatch("lz4"::equalsIgnoreCase) && Framing.available("lz4");
    boolean snappy =
        offered.stream().anyMatch("snappy"::equalsIgnoreCase) && Framing.available("snappy");
    return switch (options.compression()) {
      case NONE -> null;
      case AUTO -> lz4 ? "lz4" : snappy && !v5 ? "snappy" : null;
      case LZ4 -> {
        if (!lz4) {
          throw missing("lz4", offered);
        }
        yield "lz4";
      }
      case SNAPPY -> {
        if (v5) {
          yield null;
        }
        if (!snappy) {
          throw missing("snappy", offered);
        }
        yield "snappy";
      }
    };
  }

  private ConnectionException missing(String algorithm, List<String> offered) {
    return new ConnectionException(
        "Compression " + algorithm + " was required but " + connection.endpoint()
            + " does not support it (it offers " + offered + ")"
            + (Framing.available(algorithm) ? "" : " or this build lacks it"),
        connection.endpoint());
  }

  private void onStartupAnswer(Response response) {
    if (response instanceof Ready || response instanceof Authenticate) {
      framing.enable(compressor);
    }
    if (response instanceof Ready) {
      onDone.run();
    } else if (response instanceof Authenticate authenticate) {
      if (options.authProvider() == null) {
        throw new AuthenticationFailedException(
            "Remote end requires authentication (" + authenticate.authenticator()
                + ") but no auth provider is configured",
            connection.endpoint());
      }
      authenticator =
          options.authProvider().newAuthenticator(connection.endpoint(), authenticate.authenticator());
      send(new AuthResponse(authenticator.initialResponse()), this::onAuthAnswer);
    } else {
      throw unexpected("READY or AUTHENTICATE", response);
    }
  }

  private void onAuthAnswer(Response response) {
    if (response instanceof AuthChallenge challenge) {
      send(new AuthResponse(authenticator.evaluateChallenge(challenge.token())), this::onAuthAnswer);
    } else if (response instanceof AuthSuccess success) {
      authenticator.onAuthenticationSuccess(success.token());
      onDone.run();
    } else {
      throw unexpected("AUTH_CHALLENGE or AUTH_SUCCESS", response);
    }
  }

  private RuntimeException unexpected(String expected, Response response) {
    return new ProtocolException(
        "Expected " + expected + " from " + connection.endpoint() + " during the handshake, got "
            + response);
  }

  private void send(Request request, Consumer<Response> next) {
    connection.send(
        request,
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {
            try {
              DecodedResponse decoded = ResponseDecoder.decode(frame);
              if (decoded.response() instanceof ErrorResponse error) {
                throw failure(error);
              }
              next.accept(decoded.response());
            } catch (RuntimeException e) {
              fail(e);
            }
          }

          @Override
          public void onFailure(Throwable error) {
            fail(error);
          }
        },
        Connection.NO_WAIT,
        Connection.NO_DEADLINE);
  }

  private RuntimeException failure(ErrorResponse error) {
    String message = error.message() == null ? "" : error.message();
    if (error.code() == PROTOCOL_ERROR
        && (message.contains("protocol version") || message.contains("USE_BETA"))) {
      return new ProtocolVersionRejectedException(
          connection.endpoint(), connection.protocolVersion(), message);
    }
    if (error.code() == BAD_CREDENTIALS) {
      return new AuthenticationFailedException(message, connection.endpoint());
    }
    return error.exception();
  }

  private void fail(Throwable error) {
    if (!ready.isDone()) {
      connection.closeWith(error);
    }
  }
}
