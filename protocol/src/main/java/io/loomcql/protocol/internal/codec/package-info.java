/**
 * Codecs between the values of CQL types and their Java forms, for the driver's own modules
 * ({@link io.loomcql.protocol.internal.codec.Codecs} finds them). Classes an application maps user
 * types to are not known here: the driver's core supplies their codecs through {@link
 * io.loomcql.protocol.internal.codec.MappedClassCodecs}. Not part of the public API.
 */
package io.loomcql.protocol.internal.codec;
