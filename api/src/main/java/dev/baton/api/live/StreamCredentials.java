package dev.baton.api.live;

import java.util.Set;

/**
 * The credential each event stream was opened with, asked about at every heartbeat: a stream
 * outlives no token (signed out, ended by a password change or a disabled account, expired). A
 * request is checked once, when it is made; a stream is a request that lasts half an hour.
 */
public interface StreamCredentials {
  /**
   * A key for the current request's credential, which {@link #ended} can be asked about later;
   * null for a credential that cannot end before the stream does.
   */
  String current();

  /** Of these keys, the ones whose credential no longer signs anyone in (one look-up for all). */
  Set<String> ended(Set<String> keys);
}
