package io.loomcql.testserver;

/**
 * Decides the {@link Reply} to one request. Runs on the thread that serves the request's
 * connection; the {@link Request} it gets is valid during the call only ({@link Request#record()}
 * keeps a copy).
 */
@FunctionalInterface
public interface Responder {

  /**
   * The reply to {@code request}, or null to leave the request to the next rule (and in the end
   * to the server's default answers).
   */
  Reply answer(Request request);
}
