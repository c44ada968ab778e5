/**
 * Runnable examples of loomcql, compiled as a named module so that they use the driver's exported
 * packages only: the quickstart {@code bin/demo} runs, and {@link
 * io.loomcql.examples.transport.RecordingTransport}, a transport written against the SPI in
 * {@code io.loomcql.transport.spi} from outside the driver.
 */
module io.loomcql.examples {
  requires io.loomcql.core;

  exports io.loomcql.examples;
  exports io.loomcql.examples.transport;
}
