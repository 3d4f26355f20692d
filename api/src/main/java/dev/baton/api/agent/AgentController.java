package dev.baton.api.agent;

import org.springframework.web.bind.annotation.ResponseStatus;
import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.security.Caller;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.Agent;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Agents say who they are, which queues they serve, how much they can take, and if they are in. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/agents", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agents", description = "Agent presence, queues and capacity")
class AgentController {
  static final String AGENT_ID = Limits.ID;

  private final AgentStore agents;
  private final AccountStore accounts;

  AgentController(AgentStore agents, AccountStore accounts) {
    this.agents = agents;
    this.accounts = accounts;
  }

  enum Presence {
    ONLINE,
    AWAY,
    OFFLINE
  }

  record SetPresence(
      @NotNull Presence status,
      @NotEmpty @Size(max = Limits.AGENT_QUEUES)
          List<@NotNull @Pattern(regexp = QueueStore.NAME, message = "must be a queue name") String> queues,
      @NotNull @Min(1) @Max(50) Integer maxConcurrent,
      @Size(max = Limits.AGENT_NAME) @Clean String name) {}

  @PutMapping(path = "/{agentId}/presence", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Go online, away or offline, for some queues, with a capacity",
      description =
          "An agent sets their own presence, for queues they are assigned to (403 naming the others);"
              + " a supervisor may set anyone's. ONLINE lasts while heartbeats come: an agent not seen"
              + " for baton.agents.presence-timeout (60 s) counts as OFFLINE.")
  Agent presence(
      @PathVariable @Pattern(regexp = AGENT_ID, message = "must be 1-128 letters, digits or ._:@-") String agentId,
      @Valid @RequestBody SetPresence body) {
    List<String> unassigned = body.queues().stream().filter(q -> !assigned(agentId).contains(q)).toList();
    if (!unassigned.isEmpty() && !servesAll(agentId)) {
      throw new ApiException(
          Problems.FORBIDDEN,
          HttpStatus.FORBIDDEN,
          agentId + " is not assigned to " + String.join(", ", unassigned) + "; a supervisor assigns queues.",
          java.util.Map.of("queues", unassigned),
          null);
    }
    return agents.setPresence(agentId, body.name(), body.status().name(), body.queues(), body.maxConcurrent());
  }

  @ResponseStatus(HttpStatus.NO_CONTENT) // the documented success status (the body is built below)
  @PostMapping("/{agentId}/heartbeat")
  @Operation(
      summary = "Still here: renews an ONLINE or AWAY presence",
      description =
          "The console sends one every 20 s; API clients should too. 409 presence-expired once the"
              + " presence has lapsed (or the agent went OFFLINE): go online again with PUT presence.")
  ResponseEntity<Void> heartbeat(@PathVariable String agentId) {
    if (!agents.heartbeat(agentId)) {
      throw new ApiException(
          Problems.PRESENCE_EXPIRED,
          HttpStatus.CONFLICT,
          agentId + " is OFFLINE (or was not seen for " + agents.presenceTimeout().toSeconds() + " s); go online again.");
    }
    return ResponseEntity.noContent().build();
  }

  /** The queues the agent may serve: with the caller's token, else as their account says. */
  private List<String> assigned(String agentId) {
    Caller caller = Caller.current();
    if (caller.name().equals(agentId) && !caller.queues().isEmpty()) {
      return caller.queues();
    }
    return accounts.find(agentId).map(Account::queues).orElse(List.of());
  }

  /** Supervisors and admins serve every queue. */
  private boolean servesAll(String agentId) {
    Caller caller = Caller.current();
    if (caller.name().equals(agentId)) {
      return caller.supervisor();
    }
    return accounts.find(agentId).map(a -> !Account.AGENT.equals(a.role())).orElse(false);
  }

  @GetMapping("/{agentId}")
  @Operation(summary = "An agent's presence, queues and load")
  Agent get(@PathVariable @Pattern(regexp = AGENT_ID, message = Limits.ID_MESSAGE) String agentId) {
    return agents.find(agentId).orElseThrow(() -> new UnknownAgent(agentId));
  }

  static final class UnknownAgent extends ApiException {
    private static final long serialVersionUID = 1L;

    UnknownAgent(String agentId) {
      super(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "There is no agent " + agentId + ".");
    }
  }
}
