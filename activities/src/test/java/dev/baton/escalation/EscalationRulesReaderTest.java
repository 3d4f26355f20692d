package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.bot.IntentCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The shipped rules load, and a broken rules file stops the worker with the key named. */
class EscalationRulesReaderTest {
  private static final Set<String> BOT_INTENTS = shippedCatalog().intentNames();

  @Test
  void theShippedRulesLoadAgainstTheShippedBot() {
    EscalationRules rules = new EscalationRulesReader(BOT_INTENTS).read(shipped());

    assertThat(rules.defaults())
        .isEqualTo(new Thresholds(0.70, 2, new BigDecimal("500.0"), -0.5, Duration.ofSeconds(90), 2));
    assertThat(rules.thresholds("billing_dispute", "standard").confidence()).isEqualTo(0.85);
    assertThat(rules.thresholds("track_order", "vip").highValueLimit()).isEqualByComparingTo("250");
    assertThat(rules.sensitiveIntents()).contains("billing_dispute", "delete_account", "security_concern");
    assertThat(rules.complaintIntents()).containsExactly("complaint");
    assertThat(rules.outOfScopeBeforeEscalation()).isEqualTo(2);
    assertThat(rules.queues()).containsKeys("billing", "technical", "account_access", "orders", "general");
    assertThat(rules.distress().priorContactWindow()).isEqualTo(Duration.ofHours(72));
    assertThat(rules.priorities().of(EscalationReason.HIGH_VALUE)).isEqualTo(3);
    assertThat(rules.copy().transfer()).containsKey("default");
  }

  @Test
  void everyIntentOfTheBotHasARoutingEntry() {
    EscalationRules rules = new EscalationRulesReader(BOT_INTENTS).read(shipped());

    assertThat(rules.intents().keySet()).containsAll(BOT_INTENTS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "an unknown sensitive intent | '  - privacy_request'    | '  - privacy_requests'    | sensitiveIntents[4] 'privacy_requests' is not an intent of the bot",
        "an unknown complaint intent | '  - complaint'          | '  - complaints'          | complaintIntents[0] 'complaints' is not an intent of the bot",
        "no misses before a person   | 'outOfScopeBeforeEscalation: 2' | 'outOfScopeBeforeEscalation: 0' | outOfScopeBeforeEscalation must be at least 1",
        "an unknown intent entry     | '  greeting: '           | '  greetings: '           | intents.greetings 'greetings' is not an intent of the bot",
        "a negative duration         | noProgressAfter: 90s     | noProgressAfter: -90s     | defaults.noProgressAfter must be positive",
        "a duration without a unit   | priorContactWindow: 72h  | priorContactWindow: 72    | distress.priorContactWindow must be a duration like 90s",
        "a confidence above 1        | confidence: 0.70         | confidence: 1.7           | defaults.confidence must be within 0..1, was 1.7",
        "a confidence below 0        | confidence: 0.85         | confidence: -0.1          | riskTiers.account_billing.confidence must be within 0..1, was -0.1",
        "a sentiment below -1        | distressSentiment: -0.5  | distressSentiment: -2     | defaults.distressSentiment must be within -1..1, was -2",
        "a misspelt key              | maxClarifications: 2     | maxClarification: 2       | defaults.maxClarification is not a known key",
        "an unknown queue            | 'queue: orders,'         | 'queue: shipping,'        | intents.track_order.queue 'shipping' is not one of queues",
        "an unknown reason           | HIGH_VALUE: 3            | BIG_MONEY: 3              | priorities.byReason.BIG_MONEY is not a reason",
        "an unknown risk tier        | '  account_billing:'     | '  money:'                | intents.get_refund.risk 'account_billing' is not one of riskTiers",
        "an unknown reason in why    | 'CAPABILITY_GAP: \"because' | 'CAPABILITY_GAPS: \"because' | copy.why.CAPABILITY_GAPS is not a reason; one of [CUSTOMER_REQUEST",
        "a missing section           | 'priorities:'            | 'priority:'               | priorities is required",
        "a word for a number         | maxClarifications: 2     | maxClarifications: two    | defaults.maxClarifications must be a whole number, was 'two'",
        "a text for a number         | confidence: 0.70         | confidence: high          | defaults.confidence must be a number, was 'high'",
        "a zero duration             | noProgressAfter: 60s     | noProgressAfter: 0s       | vip.thresholds.noProgressAfter must be positive",
        "a malformed ISO duration   | noProgressAfter: 90s     | noProgressAfter: P1X      | defaults.noProgressAfter must be a duration like 90s, 2m, 72h or 1d, was 'P1X'",
        "a missing sentence          | '    closed: '           | '    closedd: '           | copy.sentences.closed is required",
        "no default transfer         | '    default: \"I'     | '    usual: \"I'          | copy.transfer.default is required",
        "an unknown language queue   | '{de: billing_de}'       | '{de: billing_fr}'        | queues.billing.languages.de 'billing_fr' is not one of queues",
        "an unknown VIP queue        | 'queue: null'            | 'queue: vips'             | vip.queue 'vips' is not one of queues",
        "a list for a mapping        | '{de: billing_de}'       | '[billing_de]'            | queues.billing.languages must be a mapping",
      })
  void aBrokenFileIsRefusedNamingTheKey(String what, String from, String to, String message) {
    String yaml = shippedText();
    String broken = yaml.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    assertThat(broken).as("the edit applies").isNotEqualTo(yaml);

    assertThatThrownBy(() -> new EscalationRulesReader(BOT_INTENTS).read(stream(broken)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String broken =
        shippedText().replace("confidence: 0.70", "confidence: 7").replace("noProgressTurns: 2 ", "noProgressTurns: 0 ");

    assertThatThrownBy(() -> new EscalationRulesReader(BOT_INTENTS).read(stream(broken)))
        .hasMessageContaining("defaults.confidence")
        .hasMessageContaining("defaults.noProgressTurns must be at least 1");
  }

  @Test
  void anISODurationIsRead() {
    String iso = shippedText().replace("noProgressAfter: 90s", "noProgressAfter: PT2M");

    assertThat(new EscalationRulesReader(BOT_INTENTS).read(stream(iso)).defaults().noProgressAfter())
        .isEqualTo(Duration.ofMinutes(2));
  }

  /** The schema lists the reasons and sentences by name: it must name exactly the code's. */
  @Test
  void theSchemaNamesEveryReasonAndEverySentenceOfTheCode() {
    JsonNode schema = EscalationRulesReader.SCHEMA.tree();
    List<String> reasons = new ArrayList<>();
    schema.at("/$defs/reason/enum").forEach(r -> reasons.add(r.asString()));
    JsonNode sentences = schema.at("/properties/copy/properties/sentences");
    List<String> required = new ArrayList<>();
    sentences.path("required").forEach(r -> required.add(r.asString()));
    List<String> components =
        Arrays.stream(EscalationRules.Sentences.class.getRecordComponents()).map(RecordComponent::getName).toList();

    assertThat(reasons).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(EscalationReason.values()).map(Enum::name).toList());
    assertThat(sentences.path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(components);
    assertThat(required).as("a conversation must never have nothing to say").containsExactlyInAnyOrderElementsOf(components);
  }

  private static InputStream shipped() {
    return stream(shippedText());
  }

  private static String shippedText() {
    try (InputStream in = EscalationRulesReaderTest.class.getResourceAsStream("/escalation/rules.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static IntentCatalog shippedCatalog() {
    try (InputStream in = EscalationRulesReaderTest.class.getResourceAsStream("/bot/intents.yaml")) {
      return IntentCatalog.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
