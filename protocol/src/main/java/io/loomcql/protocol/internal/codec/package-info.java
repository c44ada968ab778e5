/**
 * Codecs between CQL values and Java objects, for the driver's own modules ({@link
 * io.loomcql.protocol.internal.codec.Codecs} finds them). Not part of the public API.
 */
package io.loomcql.protocol.internal.codec;
