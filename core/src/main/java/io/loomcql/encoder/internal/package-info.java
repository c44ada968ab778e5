/**
 * The driver's side of {@code %s} literals: a session's encoder ({@code SessionEncoder}), which
 * renders the classes registered with {@code Cluster.registerUserType} as user type literals on top
 * of {@code Encoder}'s. Not exported.
 */
package io.loomcql.encoder.internal;
