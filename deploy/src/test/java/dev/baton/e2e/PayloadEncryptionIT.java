package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal data stays out of plain sight on the Temporal server: what `temporal workflow show`
 * prints of a conversation holds neither the customer's name, nor their email, nor the card
 * number they typed; the api's codec endpoint (which the Temporal UI calls) decodes them.
 */
@ExtendWith(BatonStackExtension.class)
class PayloadEncryptionIT {
  private static final String NAME = "Augusta Kingsley-Byron";
  private static final String EMAIL = "augusta.kingsley@example.com";
  private static final String CARD = "4111 1111 1111 1111";

  private final BatonStack stack;
  private final ApiClient api;

  PayloadEncryptionIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void historyShowsNoPersonalDataAndTheCodecEndpointDecodesIt() throws Exception {
    Map<String, Object> customer = Map.of("id", "cust-private", "name", NAME, "email", EMAIL, "tier", "vip");
    String id =
        api.post("/conversations", Map.of("customer", customer, "channel", "web",
                "text", "I was charged twice on my card " + CARD + ", write to me at " + EMAIL))
            .expect(201)
            .path("conversationId")
            .asText();
    api.send(id, "my name is " + NAME, "enc-2");

    String text = stack.temporal("workflow", "show", "--workflow-id", "conversation-" + id);
    String json = stack.temporal("workflow", "show", "--workflow-id", "conversation-" + id, "-o", "json");
    String description = stack.temporal("workflow", "describe", "--workflow-id", "conversation-" + id, "-o", "json");
    for (String printed : List.of(text, json, description)) {
      assertThat(printed).doesNotContain(NAME, "Kingsley", EMAIL, CARD, CARD.replace(" ", ""));
    }

    List<JsonNode> encrypted = new ArrayList<>();
    collectEncrypted(ApiClient.JSON.readTree(json), encrypted);
    assertThat(encrypted).as("encrypted payloads in the history").isNotEmpty();
    ObjectNode request = ApiClient.JSON.createObjectNode();
    ArrayNode payloads = request.putArray("payloads");
    encrypted.forEach(payloads::add);

    ApiClient.Response decoded = api.postRaw("/codec/decode", "application/json", ApiClient.JSON.writeValueAsString(request));

    assertThat(decoded.status()).isEqualTo(200);
    StringBuilder plain = new StringBuilder();
    decoded.body().path("payloads").forEach(p -> plain.append(new String(Base64.getDecoder().decode(p.path("data").asText()), StandardCharsets.UTF_8)));
    assertThat(plain.toString()).contains(NAME, EMAIL, CARD);
    // A payload that is not ours to decode is refused, not guessed at.
    ApiClient.Response refused =
        api.postRaw("/codec/decode", "application/json",
            "{\"payloads\":[{\"metadata\":{\"encoding\":\"" + b64("binary/encrypted") + "\",\"encryption-key-id\":\""
                + b64("no-such-key") + "\"},\"data\":\"" + b64("garbage-garbage-garbage") + "\"}]}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
  }

  /** Every payload in the printed history whose encoding is the codec's. */
  private static void collectEncrypted(JsonNode node, List<JsonNode> found) {
    if (node.isObject() && node.has("metadata") && node.has("data")) {
      String encoding = node.path("metadata").path("encoding").asText();
      if (encoding.equals(b64("binary/encrypted")) || encoding.equals("binary/encrypted")) {
        found.add(node);
        return;
      }
    }
    node.forEach(child -> collectEncrypted(child, found));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
