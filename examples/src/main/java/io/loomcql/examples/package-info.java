/** Runnable examples of the public API, starting with the README's quickstart. */
package io.loomcql.examples;
