package io.loomcql.cluster.internal;

import io.loomcql.UnresolvableContactPointsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the configured contact points into addresses to connect to. Stateless. */
public final class ContactPoints {

  private static final Logger LOG = LoggerFactory.getLogger(ContactPoints.class);

  private ContactPoints() {}

  /**
   * {@return every address of every contact point, at the configured port, without duplicates}
   * A name that does not resolve is logged and skipped.
   *
   * @throws UnresolvableContactPointsException if none resolves
   */
  public static List<InetSocketAddress> resolve(ClusterConfig config, String clusterName) {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (String contactPoint : config.contactPoints()) {
      try {
        for (InetAddress address : InetAddress.getAllByName(contactPoint)) {
          InetSocketAddress endpoint = new InetSocketAddress(address, config.port());
          if (!resolved.contains(endpoint)) {
            resolved.add(endpoint);
          }
        }
      } catch (UnknownHostException e) {
        LOG.warn("{}: cannot resolve contact point '{}'; ignoring it", clusterName, contactPoint);
      }
    }
    if (resolved.isEmpty()) {
      throw new UnresolvableContactPointsException(
          "None of the contact points " + config.contactPoints() + " could be resolved");
    }
    return Collections.unmodifiableList(resolved);
  }
}
