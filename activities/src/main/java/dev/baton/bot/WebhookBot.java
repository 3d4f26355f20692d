package dev.baton.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.conversation.Author;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.http.BoundedBody;
import dev.baton.text.CleanText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A team's own bot behind an HTTPS endpoint. Each customer message is POSTed as JSON (the
 * conversation, the customer, the recent turns, the facts Baton extracted), signed with
 * HMAC-SHA256 over the timestamp and the body; the answer is checked field by field and refused
 * whole when anything in it is wrong. The contract is in docs/bot.md.
 *
 * <p>Each attempt has {@code timeout}; a connection failure, a timeout, a 429 or a 5xx is tried
 * again up to {@code retries} times, re-signed. Any other status and any answer that breaks the
 * contract fail at once: asking again would get the same answer.
 */
public final class WebhookBot implements Bot {
  /** Unix seconds when the request was signed. */
  public static final String TIMESTAMP_HEADER = "X-Baton-Timestamp";
  /** {@code sha256=} and the hex HMAC-SHA256 of {@code <timestamp>.<body>} under the shared secret. */
  public static final String SIGNATURE_HEADER = "X-Baton-Signature";
  /** The same for every attempt at one turn: {@code <conversation id>:<turn>}. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  /** The contract version in every request. */
  public static final int CONTRACT_VERSION = 1;

  static final int MAX_REPLY = 4000;
  private static final int MAX_BODY = 64 * 1024;
  private static final Duration BACKOFF = Duration.ofMillis(250);
  private static final Pattern INTENT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final byte[] secret;
  private final Duration timeout;
  private final int retries;
  private final int recentTurns;
  private final RecentTurns history;
  private final FactExtractor facts = new FactExtractor();
  private final HttpClient http;
  private final Clock clock;

  /**
   * @param secret the shared secret the receiver verifies signatures with
   * @param timeout for each attempt, connecting included
   * @param retries attempts after the first, on failures that may pass
   * @param recentTurns how many earlier transcript lines go with each request
   */
  public WebhookBot(
      URI url, String secret, Duration timeout, int retries, int recentTurns, RecentTurns history, Clock clock) {
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.timeout = timeout;
    this.retries = retries;
    this.recentTurns = recentTurns;
    this.history = history;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The longest a turn can take before falling back: every attempt timing out, with the pauses. */
  public Duration worstCase() {
    return timeout.multipliedBy(retries + 1L).plus(BACKOFF.multipliedBy(retries));
  }

  @Override
  public BotTurn respond(BotRequest request) {
    List<Fact> found = facts.extract(request.text() == null ? "" : request.text());
    byte[] body = requestBody(request, found);
    String key = request.conversationId() + ":" + request.turn();
    String failure = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        pause();
      }
      long timestamp = clock.instant().getEpochSecond();
      HttpRequest call =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("User-Agent", "Baton-Bot/" + CONTRACT_VERSION)
              .header(IDEMPOTENCY_HEADER, key)
              .header(TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(SIGNATURE_HEADER, signature(secret, timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<byte[]> response;
      try {
        // Read no further than the contract allows: an answer without end is cut off, not stored.
        response = http.send(call, BoundedBody.atMost(MAX_BODY, timeout));
      } catch (HttpConnectTimeoutException e) {
        failure = "could not connect within " + seconds(timeout);
        continue;
      } catch (HttpTimeoutException e) {
        failure = "no answer within " + seconds(timeout);
        continue;
      } catch (IOException e) {
        if (BoundedBody.tooLarge(e)) {
          throw tooLarge();
        }
        if (BoundedBody.tooSlow(e)) {
          failure = "no answer within " + seconds(timeout);
          continue;
        }
        failure = "could not be reached (" + e.getClass().getSimpleName() + ")";
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BotUnavailableException("interrupted");
      }
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        failure = "answered HTTP " + status;
        continue;
      }
      if (status < 200 || status > 299) {
        throw new BotUnavailableException("answered HTTP " + status);
      }
      return turn(response.body(), found);
    }
    throw new BotUnavailableException(failure + (retries > 0 ? " (" + (retries + 1) + " attempts)" : ""));
  }

  /** {@code sha256=<hex>}: HMAC-SHA256 of the timestamp, a dot, and the body bytes, as sent. */
  public static String signature(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] requestBody(BotRequest request, List<Fact> found) {
    ObjectNode json = JSON.createObjectNode();
    json.put("version", CONTRACT_VERSION);
    json.put("conversationId", request.conversationId());
    json.put("turn", request.turn());
    json.put("text", request.text());
    Customer customer = request.customer();
    ObjectNode who = json.putObject("customer");
    if (customer != null) {
      who.put("id", customer.id());
      who.put("name", customer.name());
      who.put("email", customer.email());
      who.put("tier", customer.tier());
      who.put("language", customer.language());
    }
    json.put("previousIntent", request.previousIntent());
    json.put("agentNote", request.agentNote());
    ArrayNode turns = json.putArray("recentTurns");
    for (Message line : history.last(request.conversationId(), recentTurns)) {
      if (line.author() == Author.SYSTEM) {
        continue;
      }
      ObjectNode t = turns.addObject();
      t.put("author", line.author().name());
      t.put("text", line.text());
      t.put("at", line.at() == null ? null : line.at().toString());
    }
    ArrayNode extracted = json.putArray("facts");
    for (Fact fact : found) {
      extracted.addObject().put("kind", fact.kind().name()).put("value", fact.value());
    }
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer, checked against the contract; anything off refuses it whole. */
  static BotTurn turn(byte[] body, List<Fact> found) {
    if (body.length > MAX_BODY) {
      throw tooLarge();
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw invalid("the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw invalid("the body is not a JSON object");
    }
    boolean wantsPerson = bool(json, "wantsPerson");
    boolean resolved = bool(json, "resolved");
    String reply = text(json, "reply");
    if (reply != null) {
      if (reply.isBlank()) {
        throw invalid("reply is blank");
      }
      if (reply.length() > MAX_REPLY) {
        throw invalid("reply is longer than " + MAX_REPLY + " characters");
      }
      String problem = CleanText.problem(reply);
      if (problem != null) {
        throw invalid("reply " + problem);
      }
    }
    String intent = text(json, "intent");
    if (intent == null) {
      if (!wantsPerson) {
        throw invalid("intent is missing");
      }
    } else if (!INTENT.matcher(intent).matches()) {
      throw invalid("intent must be lower-case letters, digits and _ (at most 64)");
    }
    if (wantsPerson) {
      intent = EscalationPolicy.HUMAN_REQUEST_INTENT;
    }
    double confidence = number(json, "confidence", 0, 1, null);
    if (wantsPerson) {
      // The service said the customer asked for a person: that is not a guess.
      confidence = 1.0;
    }
    double sentiment = number(json, "sentiment", -1, 1, 0.0);
    if (resolved && wantsPerson) {
      throw invalid("resolved and wantsPerson are both true");
    }
    if (resolved && reply == null) {
      throw invalid("resolved needs a reply");
    }
    String language = text(json, "language");
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw invalid("language must be an ISO 639 code like \"de\"");
    }
    JsonNode answered = json.get("answered");
    if (answered != null && !answered.isNull() && !answered.isBoolean()) {
      throw invalid("answered must be true or false");
    }
    boolean answers = reply != null && !wantsPerson && (answered == null || answered.isNull() || answered.asBoolean());
    return new BotTurn(intent, confidence, sentiment, found, reply, resolved, answers, language);
  }

  private static boolean bool(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw invalid(field + " must be true or false");
    }
    return value.booleanValue();
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field + " must be a string");
    }
    return value.textValue();
  }

  private static double number(JsonNode json, String field, double min, double max, Double absent) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      if (absent == null) {
        throw invalid(field + " is missing");
      }
      return absent;
    }
    if (!value.isNumber()) {
      throw invalid(field + " must be a number");
    }
    double number = value.doubleValue();
    if (!(number >= min && number <= max)) {
      throw invalid(String.format(Locale.ROOT, "%s must be within %s..%s, was %s", field, fmt(min), fmt(max), value));
    }
    return number;
  }

  private static String fmt(double d) {
    return d == (long) d ? Long.toString((long) d) : Double.toString(d);
  }

  private static BotUnavailableException tooLarge() {
    return invalid("the body is over " + MAX_BODY / 1024 + " KB");
  }

  private static BotUnavailableException invalid(String why) {
    return new BotUnavailableException("its answer broke the contract: " + why);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void pause() {
    try {
      Thread.sleep(BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BotUnavailableException("interrupted");
    }
  }
}
