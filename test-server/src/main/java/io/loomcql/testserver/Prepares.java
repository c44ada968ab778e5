package io.loomcql.testserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** The default answer to PREPARE: an MD5 id, as Cassandra's, and one blob marker per '?'. */
final class Prepares {

  private Prepares() {}

  static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Reply prepared(int version, String query, byte[] id) {
    List<Rows.Column> markers = new ArrayList<>();
    boolean inString = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\'') {
        inString = !inString;
      } else if (c == '?' && !inString) {
        markers.add(new Rows.Column("m" + markers.size(), Rows.BLOB));
      }
    }
    return Reply.prepared(version, id, md5("result:" + query), "ks", "t", markers, List.of());
  }
}
