package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who the end-to-end suite is, for every api of the stack: the stack's secrets (the keys the api
 * is configured with and the first operator's password), and the tokens it got with them. Customer
 * tokens are captured from each start; agents get an account for their queues and a personal token
 * the first time a test uses them, and heartbeats while a test has them online, as the console
 * sends; the operator (an admin) signs in once and does whatever is for supervisors.
 */
final class Credentials {
  /** Well inside the stack's presence timeout ({@link BatonStack#PRESENCE_TIMEOUT}). */
  private static final Duration HEARTBEAT = Duration.ofSeconds(4);
  static final String OPERATOR = "operator";

  final String customerTokenKey = secret();
  final String identityKey = secret();
  final String operatorPassword = secret();
  /** The embedded PostgreSQL trusts loopback, so any password connects; the prod profile refuses the default one. */
  final String databasePassword = secret();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> customers = new ConcurrentHashMap<>();
  private final Map<String, String> agents = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> agentQueues = new ConcurrentHashMap<>();
  private final Set<String> online = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "e2e-agent-heartbeats");
            thread.setDaemon(true);
            return thread;
          });
  private volatile URI api;
  private volatile String operatorToken;
  private volatile long operatorSignedIn;
  /**
   * How long the suite uses one sign-in of the operator: well inside the api's fresh sign-in
   * window (baton.security.fresh-sign-in, 10 minutes), since the operator also issues personal
   * tokens and sets passwords, which need a recent sign-in. An older token still works meanwhile.
   */
  static final Duration SIGN_IN_AGAIN_AFTER = Duration.ofMinutes(4);

  /** The api the suite's own bookkeeping calls go to (any instance would do). */
  void use(URI base) {
    if (api == null) {
      api = base;
      heartbeats.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The first operator's token (an admin, so also a supervisor), from a recent sign-in. */
  String operator() {
    if (operatorToken == null || System.nanoTime() - operatorSignedIn > SIGN_IN_AGAIN_AFTER.toNanos()) {
      synchronized (this) {
        if (operatorToken == null || System.nanoTime() - operatorSignedIn > SIGN_IN_AGAIN_AFTER.toNanos()) {
          operatorToken = signIn(OPERATOR, operatorPassword);
          operatorSignedIn = System.nanoTime();
        }
      }
    }
    return operatorToken;
  }

  /** A console sign-in, waiting out a 429 (sign-ins are throttled after failures) as a person would. */
  String signIn(String username, String password) {
    for (int attempt = 0; ; attempt++) {
      JsonNode answer = call("POST", "/auth/token", Map.of("username", username, "password", password), null, 0);
      int status = answer.path("status").asInt();
      if (status == 200) {
        return answer.path("token").asText();
      }
      if ((status != 429 && status != 503) || attempt == 5) {
        throw new IllegalStateException("signing in as " + username + " answered " + status + ": " + answer);
      }
      try {
        Thread.sleep(1000 * answer.path("retryAfterSeconds").asLong(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  void customer(String conversationId, String token) {
    customers.put(conversationId, token);
  }

  /**
   * Some customer's token, of whichever conversation: how a front end that never had a
   * conversation calls its customer routes. Null before any conversation started.
   */
  String anyCustomer() {
    return customers.values().stream().findFirst().orElse(null);
  }

  /** The customer token captured when the conversation started; null if this suite did not start it. */
  String customer(String conversationId) {
    return customers.get(conversationId);
  }

  /**
   * A token of agent {@code agentId}, whose account (created when missing) is assigned {@code
   * queues} too. With a password, the account can also sign in to the console.
   */
  synchronized String agent(String agentId, List<String> queues, String password) {
    Set<String> assigned = agentQueues.computeIfAbsent(agentId, id -> new LinkedHashSet<>());
    boolean known = agents.containsKey(agentId);
    if (!known || !assigned.containsAll(queues) || password != null) {
      assigned.addAll(queues);
      Map<String, Object> account = new HashMap<>(Map.of("username", agentId, "role", "AGENT", "queues", List.copyOf(assigned)));
      if (password != null) {
        account.put("password", password);
      }
      JsonNode created = call("POST", "/accounts", account, operator(), 0);
      if (created.path("status").asInt() == 409) {
        account.remove("username");
        account.remove("role");
        call("PATCH", "/accounts/" + agentId, account, operator(), 200);
        if (password != null) {
          // A new password ends every token of the account: the next call gets a new one.
          agents.remove(agentId);
        }
      }
    }
    return agents.computeIfAbsent(
        agentId, id -> call("POST", "/accounts/" + id + "/tokens", Map.of("label", "e2e"), operator(), 201).path("token").asText());
  }

  String agent(String agentId) {
    return agent(agentId, List.of(), null);
  }

  /** The presence a test set: heartbeats go on while it is ONLINE or AWAY, as from a console. */
  void presence(String agentId, String status) {
    if ("OFFLINE".equals(status)) {
      online.remove(agentId);
    } else {
      online.add(agentId);
    }
  }

  /** Heartbeats stop for this agent, as when a laptop lid closes. */
  void silence(String agentId) {
    online.remove(agentId);
  }

  private void beat() {
    for (String agentId : List.copyOf(online)) {
      try {
        int status = call("POST", "/agents/" + agentId + "/heartbeat", null, agent(agentId), 0).path("status").asInt(204);
        if (status == 409 || status == 401) {
          // Put OFFLINE behind the suite's back (a test resets presence in the database), or the
          // token was ended (a test signed it out).
          online.remove(agentId);
        }
      } catch (RuntimeException e) {
        System.err.println("heartbeat of " + agentId + " failed: " + e);
      }
    }
  }

  /**
   * An identity claim as a site embedding the widget signs it: HS256 with the identity key, the
   * customer id as {@code sub}, their tier, Baton's audience, and an expiry minutes ahead (at most
   * BATON_IDENTITY_MAX_LIFETIME, 10 minutes).
   */
  String identity(String customerId, String tier) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", customerId);
    claims.put("tier", tier);
    claims.put("aud", "baton");
    claims.put("exp", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
    return hs256(identityKey, claims);
  }

  static String hs256(String key, Map<String, Object> claims) {
    try {
      Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
      String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      String payload = base64.encodeToString(ApiClient.JSON.writeValueAsBytes(claims));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = base64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
      return header + "." + payload + "." + signature;
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  /** One bookkeeping call; {@code expected} 0 accepts any status (it is then in the body's "status"). */
  private JsonNode call(String method, String path, Object body, String token, int expected) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(api + "/api/v1" + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      OpenApiContract.expectKept(api, method + " /api/v1" + path, response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body());
      if (expected != 0 && response.statusCode() != expected) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode answer = response.body().isBlank() ? ApiClient.JSON.createObjectNode() : ApiClient.JSON.readTree(response.body());
      if (expected == 0 && answer.isObject()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).put("status", response.statusCode());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String secret() {
    byte[] bytes = new byte[36];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
