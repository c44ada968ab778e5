/** CQL data types, as servers describe them in result metadata and as the schema declares them. */
package io.loomcql.cqltypes;
