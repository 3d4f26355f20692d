package dev.baton.store.accounts;

import java.time.Instant;
import java.util.List;

/**
 * A person who signs in to Baton: an agent, a supervisor or an admin. The username is also the
 * agent id the conversations, the presence and the transcript know them by.
 *
 * @param role AGENT, SUPERVISOR or ADMIN
 * @param queues the queues an agent may serve; supervisors and admins serve every queue
 */
public record Account(
    String username, String name, String role, List<String> queues, boolean disabled, Instant createdAt) {

  public static final String AGENT = "AGENT";
  public static final String SUPERVISOR = "SUPERVISOR";
  public static final String ADMIN = "ADMIN";
  public static final List<String> ROLES = List.of(AGENT, SUPERVISOR, ADMIN);
}
