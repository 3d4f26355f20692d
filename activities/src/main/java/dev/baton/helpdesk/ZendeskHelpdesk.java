package dev.baton.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.bot.Fact;
import dev.baton.escalation.HandoffSummary;
import dev.baton.http.BoundedBody;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A Zendesk-compatible helpdesk over its REST API (tickets, comments, updates), with token auth.
 *
 * <p>Exactly once: a ticket is created with an {@code Idempotency-Key} header and the same key as
 * its {@code external_id}. Zendesk answers a repeated key with the first ticket for about two
 * hours; after that only the external id finds it, so every retried create looks it up first (a
 * first attempt cannot have made one). Comments
 * and notes carry the key as a marker, and are skipped when a comment with the marker exists.
 */
public class ZendeskHelpdesk implements Helpdesk {
  /**
   * The most of one answer read: a page of comments (Zendesk pages at 100, each at most 64 KB of
   * text, with its HTML beside it) fits; an answer past it is the service misbehaving.
   */
  static final int MAX_BODY = 16 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base the account's URL, e.g. {@code https://acme.zendesk.com}
   * @param email the agent the API token belongs to
   */
  public ZendeskHelpdesk(URI base, String email, String token, Duration timeout) {
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString((email + "/token:" + token).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Ticket createTicket(NewTicket t, boolean retry) {
    if (retry) {
      Optional<Ticket> existing = findByExternalId(t.idempotencyKey());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    ObjectNode ticket = JSON.createObjectNode();
    ticket.put("subject", t.subject());
    ticket.put("external_id", t.idempotencyKey());
    ticket.put("priority", priority(t.priority()));
    ticket.putArray("tags").add("baton").add("baton_queue_" + t.queue());
    ObjectNode comment = ticket.putObject("comment");
    comment.put("body", body(t));
    comment.put("public", false);
    ObjectNode requester = ticket.putObject("requester");
    requester.put("name", t.customer().name() != null ? t.customer().name() : t.customer().id());
    if (t.customer().email() != null) {
      requester.put("email", t.customer().email());
    }
    JsonNode created =
        send(
            HttpRequest.newBuilder(uri("api/v2/tickets.json"))
                .header("Idempotency-Key", t.idempotencyKey())
                .POST(json(wrap(ticket))));
    return ticket(created.path("ticket"));
  }

  @Override
  public void addComment(TicketComment c) {
    if (hasMarkedComment(c.ticketId(), c.idempotencyKey())) {
      return;
    }
    ObjectNode ticket = JSON.createObjectNode();
    ObjectNode comment = ticket.putObject("comment");
    comment.put("body", c.body() + marker(c.idempotencyKey()));
    comment.put("public", false);
    send(HttpRequest.newBuilder(uri("api/v2/tickets/" + c.ticketId() + ".json")).PUT(json(wrap(ticket))));
  }

  @Override
  public void updateTicket(TicketUpdate u) {
    ObjectNode ticket = JSON.createObjectNode();
    if (u.status() != null) {
      ticket.put("status", u.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (u.priority() != null) {
      ticket.put("priority", priority(u.priority()));
    }
    if (u.note() != null && !hasMarkedComment(u.ticketId(), u.idempotencyKey())) {
      ObjectNode comment = ticket.putObject("comment");
      comment.put("body", u.note() + marker(u.idempotencyKey()));
      comment.put("public", false);
    }
    send(HttpRequest.newBuilder(uri("api/v2/tickets/" + u.ticketId() + ".json")).PUT(json(wrap(ticket))));
  }

  private Optional<Ticket> findByExternalId(String externalId) {
    JsonNode found =
        send(
            HttpRequest.newBuilder(
                    uri("api/v2/tickets.json?external_id=" + URLEncoder.encode(externalId, StandardCharsets.UTF_8)))
                .GET());
    for (JsonNode ticket : found.path("tickets")) {
      if (externalId.equals(ticket.path("external_id").asText())) {
        return Optional.of(ticket(ticket));
      }
    }
    return Optional.empty();
  }

  private boolean hasMarkedComment(String ticketId, String key) {
    JsonNode comments = send(HttpRequest.newBuilder(uri("api/v2/tickets/" + ticketId + "/comments.json")).GET());
    String marker = marker(key);
    for (JsonNode comment : comments.path("comments")) {
      if (comment.path("body").asText().contains(marker.strip())) {
        return true;
      }
    }
    return false;
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest built =
        request
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .build();
    String what = built.method() + " " + built.uri().getPath();
    HttpResponse<byte[]> response;
    try {
      response = http.send(built, BoundedBody.atMost(MAX_BODY, timeout));
    } catch (HttpTimeoutException e) {
      throw new HelpdeskUnavailableException("Zendesk did not answer within " + timeout, null, e);
    } catch (IOException e) {
      if (BoundedBody.tooSlow(e)) {
        throw new HelpdeskUnavailableException("Zendesk did not answer within " + timeout, null, e);
      }
      if (BoundedBody.tooLarge(e)) {
        // Cut off, not read whole; a retry finds a ticket made meanwhile by its external id.
        throw new HelpdeskUnavailableException(what + " answered more than " + MAX_BODY / (1024 * 1024) + " MB", null, e);
      }
      throw new HelpdeskUnavailableException("Zendesk is unreachable: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HelpdeskUnavailableException("Interrupted", null, e);
    }
    int status = response.statusCode();
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (status == 429 || status == 409 || status >= 500) {
      throw new HelpdeskUnavailableException(
          what + " answered " + status, retryAfter(response), null);
    }
    if (status >= 400) {
      throw new HelpdeskRejectedException(what + " was refused with " + status + ": " + abbreviate(body));
    }
    try {
      return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(what + " answered something that is not JSON", null, e);
    }
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            v -> {
              try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }

  private URI uri(String path) {
    return base.resolve(path);
  }

  private static Ticket ticket(JsonNode ticket) {
    String id = ticket.path("id").asText();
    if (id.isEmpty()) {
      throw new HelpdeskUnavailableException("Zendesk answered without a ticket id", null, null);
    }
    return new Ticket(id, "#" + id);
  }

  private static ObjectNode wrap(ObjectNode ticket) {
    ObjectNode root = JSON.createObjectNode();
    root.set("ticket", ticket);
    return root;
  }

  private static HttpRequest.BodyPublisher json(JsonNode body) {
    return HttpRequest.BodyPublishers.ofString(body.toString());
  }

  private static String marker(String key) {
    return "\n\n[baton:" + key + "]";
  }

  /** Baton's priority (1 low .. 5 urgent) as one of Zendesk's four. */
  static String priority(int priority) {
    if (priority >= 5) {
      return "urgent";
    }
    if (priority >= 3) {
      return "high";
    }
    return priority >= 2 ? "normal" : "low";
  }

  /** The ticket's first comment: the handoff summary, as an agent reads it in Zendesk. */
  static String body(NewTicket t) {
    StringBuilder out = new StringBuilder();
    HandoffSummary s = t.summary();
    if (s != null) {
      out.append(s.primaryIssue()).append("\n\nGoal: ").append(s.customerGoal());
      out.append("\nWhy a person: ").append(s.reason()).append(" - ").append(s.reasonDetail());
      out.append(String.format(java.util.Locale.ROOT, "\nSentiment: %.2f (%s)", s.sentiment(), s.sentimentTrend().toLowerCase(java.util.Locale.ROOT)));
      out.append("\nCustomer tier: ").append(s.customerTier());
      if (s.language() != null) {
        out.append("\nLanguage: ").append(s.language());
      }
      out.append("\nPrior contacts: ").append(s.priorContacts());
      for (Fact fact : s.keyFacts()) {
        out.append("\n- ").append(fact.kind()).append(": ").append(fact.value());
      }
      for (String attempt : s.botAttempts()) {
        out.append("\n- Bot: ").append(attempt);
      }
    }
    if (t.promisedBy() != null) {
      out.append("\n\nPromised callback by: ").append(t.promisedBy());
    }
    out.append("\nTranscript: ").append(t.transcriptUrl());
    return out.toString();
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}
