package dev.baton.api.conversation;

import dev.baton.store.StoreWatch;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.Agent;
import dev.baton.store.agents.AgentStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The name a customer knows an agent by: the one the agent gave with their presence, else their
 * account's name. Never their login (the agent id, which is the username they sign in with): a
 * presence without a name is stored under the login, and a name that is exactly the login is
 * taken for that, not for a display name.
 */
@Component
class AgentNames {
  private static final Logger log = LoggerFactory.getLogger(AgentNames.class);
  /** Whether the database answered lately: while it does not, names are left out at once. */
  private final StoreWatch storeWatch;
  /** What the conversation says of an agent who gave no name ("An agent has joined the conversation."). */
  static final String UNNAMED = "An agent";

  private final AgentStore agents;
  private final AccountStore accounts;

  AgentNames(AgentStore agents, AccountStore accounts) {
    this.agents = agents;
    this.accounts = accounts;
    this.storeWatch = new StoreWatch(StoreWatch.REST).probeWith(() -> agents.find("store-probe"));
  }

  /**
   * The agent's display name; empty when they gave none but their login, or while the database
   * does not answer: a reply on its way to a customer never waits for a name (the line carries
   * none, as for an agent who gave none).
   */
  Optional<String> displayName(String agentId) {
    if (agentId == null || !storeWatch.tryNow()) {
      return Optional.empty();
    }
    try {
      Optional<String> name = agents.find(agentId).map(Agent::name).filter(given -> shown(given, agentId))
          .or(() -> accounts.find(agentId).map(Account::name).filter(given -> shown(given, agentId)));
      storeWatch.answered();
      return name;
    } catch (DataAccessException e) {
      storeWatch.failed();
      log.warn("Agent {} shown without a name: the database did not answer: {}", agentId, e.getMessage());
      return Optional.empty();
    }
  }

  /** The name the conversation's own sentences use for the agent: the display name, or {@link #UNNAMED}. */
  String forSentences(String agentId) {
    return displayName(agentId).orElse(UNNAMED);
  }

  /** Display names of several agents, each looked up once (a transcript names the same few again and again). */
  Lookup lookup() {
    return new Lookup();
  }

  /** Display names for one answer. */
  final class Lookup {
    private final Map<String, Optional<String>> known = new HashMap<>();

    String of(String agentId) {
      return agentId == null ? null : known.computeIfAbsent(agentId, AgentNames.this::displayName).orElse(null);
    }
  }

  private static boolean shown(String name, String agentId) {
    return name != null && !name.isBlank() && !name.strip().equals(agentId);
  }
}
