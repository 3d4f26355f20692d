package dev.baton.escalation;

import dev.baton.escalation.EscalationRules.Copy;
import dev.baton.escalation.EscalationRules.Distress;
import dev.baton.escalation.EscalationRules.IntentRule;
import dev.baton.escalation.EscalationRules.Priorities;
import dev.baton.escalation.EscalationRules.QueueRule;
import dev.baton.escalation.EscalationRules.Sentences;
import dev.baton.escalation.EscalationRules.Vip;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the escalation rules YAML and checks it whole. Its shape (unknown keys, types, values out
 * of range, durations that are not positive, reasons) is {@code escalation/rules.schema.json},
 * beside rules.yaml; what a schema cannot know is checked here: names that point nowhere (intents
 * the bot does not have, queues, risk tiers). Every problem names its key, e.g. {@code
 * defaults.confidence must be within 0..1, was 1.7}.
 */
public final class EscalationRulesReader {
  static final RulesSchema SCHEMA = RulesSchema.load("escalation/rules.schema.json");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");

  private final Set<String> botIntents;

  /** @param botIntents the intents the bot can recognise; the rules may name no others */
  public EscalationRulesReader(Set<String> botIntents) {
    this.botIntents = botIntents;
  }

  /** The rules, or an {@link IllegalArgumentException} listing every problem found. */
  public EscalationRules read(InputStream yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Escalation rules are not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Escalation rules: the file must be a YAML mapping");
    }
    List<String> problems = new ArrayList<>(SCHEMA.problems(root));
    problems.addAll(namesThatPointNowhere(root));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Escalation rules: " + String.join("; ", problems));
    }
    return rules(root);
  }

  /** Intents, queues, risk tiers and transfer keys that are not defined. */
  private List<String> namesThatPointNowhere(JsonNode root) {
    List<String> problems = new ArrayList<>();
    Set<String> queues = names(root.path("queues"));
    Set<String> riskTiers = names(root.path("riskTiers"));
    for (String list : List.of("sensitiveIntents", "complaintIntents", "highValueIntents")) {
      JsonNode intents = root.path(list);
      for (int i = 0; intents.isArray() && i < intents.size(); i++) {
        intentExists(list + "[" + i + "]", intents.get(i).asString(), problems);
      }
    }
    queueExists("defaultQueue", root.path("defaultQueue"), queues, problems);
    queueExists("vip.queue", root.path("vip").path("queue"), queues, problems);
    for (Map.Entry<String, JsonNode> intent : entries(root.path("intents"))) {
      String key = "intents." + intent.getKey();
      intentExists(key, intent.getKey(), problems);
      queueExists(key + ".queue", intent.getValue().path("queue"), queues, problems);
      JsonNode risk = intent.getValue().path("risk");
      if (risk.isString() && !riskTiers.contains(risk.asString())) {
        problems.add(key + ".risk '" + risk.asString() + "' is not one of riskTiers " + riskTiers);
      }
    }
    for (Map.Entry<String, JsonNode> queue : entries(root.path("queues"))) {
      for (Map.Entry<String, JsonNode> language : entries(queue.getValue().path("languages"))) {
        queueExists("queues." + queue.getKey() + ".languages." + language.getKey(), language.getValue(), queues, problems);
      }
    }
    for (String key : names(root.path("copy").path("transfer"))) {
      String[] parts = key.split("\\.", 2);
      boolean known =
          key.equals("default")
              || isReason(key)
              || queues.contains(key)
              || (parts.length == 2 && queues.contains(parts[0]) && isReason(parts[1]));
      if (!known) {
        problems.add("copy.transfer." + key + " is not default, a reason, a queue or <queue>.<REASON>");
      }
    }
    return problems;
  }

  private void intentExists(String key, String name, List<String> problems) {
    if (!botIntents.contains(name)) {
      problems.add(key + " '" + name + "' is not an intent of the bot");
    }
  }

  private static void queueExists(String key, JsonNode queue, Set<String> queues, List<String> problems) {
    if (queue.isString() && !queues.contains(queue.asString())) {
      problems.add(key + " '" + queue.asString() + "' is not one of queues " + queues);
    }
  }

  /** The rules of a file that passed every check. */
  private static EscalationRules rules(JsonNode root) {
    JsonNode copy = root.path("copy");
    JsonNode priorities = root.path("priorities");
    JsonNode distress = root.path("distress");
    JsonNode vip = root.path("vip");
    return new EscalationRules(
        strings(root.path("humanRequest")),
        strings(root.path("sensitiveIntents")),
        strings(root.path("highValueIntents")),
        thresholds(root.path("defaults")),
        map(root.path("riskTiers"), EscalationRulesReader::thresholds),
        new Distress(
            strings(distress.path("profanity")),
            strings(distress.path("repetitionMarkers")),
            duration(distress.path("priorContactWindow")),
            integer(distress.path("repeatContactBoost"), 0)),
        new Vip(strings(vip.path("tiers")), thresholds(vip.path("thresholds")), integer(vip.path("priorityBoost"), 0), text(vip.path("queue"))),
        text(root.path("defaultQueue")),
        text(root.path("defaultLanguage")).toLowerCase(Locale.ROOT),
        map(root.path("queues"), queue -> new QueueRule(
            text(queue.path("team")),
            lowerCaseKeys(map(queue.path("languages"), EscalationRulesReader::text)),
            thresholds(queue.path("thresholds")))),
        map(root.path("intents"), intent -> new IntentRule(
            text(intent.path("queue")), text(intent.path("risk")), text(intent.path("issue")), text(intent.path("goal")),
            thresholds(intent.path("thresholds")))),
        new Priorities(integer(priorities.path("base"), 0), byReason(priorities.path("byReason"), EscalationRulesReader::intValue), integer(priorities.path("max"), 1)),
        integer(root.path("botFailuresBeforeEscalation"), 1),
        new Copy(
            text(copy.path("clarify")),
            map(copy.path("transfer"), EscalationRulesReader::text),
            byReason(copy.path("why"), EscalationRulesReader::text),
            text(copy.path("next")),
            YAML.treeToValue(copy.path("sentences"), Sentences.class)),
        strings(root.path("complaintIntents")),
        integer(root.path("outOfScopeBeforeEscalation"), EscalationRules.OUT_OF_SCOPE_BEFORE_ESCALATION));
  }

  /** Thresholds as written; in an override, what is not written stays {@code null}. */
  private static Thresholds thresholds(JsonNode node) {
    if (absent(node)) {
      return Thresholds.NONE;
    }
    JsonNode limit = node.path("highValueLimit");
    return new Thresholds(
        absent(node.path("confidence")) ? null : node.path("confidence").doubleValue(),
        absent(node.path("maxClarifications")) ? null : node.path("maxClarifications").intValue(),
        absent(limit) ? null : BigDecimal.valueOf(limit.doubleValue()),
        absent(node.path("distressSentiment")) ? null : node.path("distressSentiment").doubleValue(),
        duration(node.path("noProgressAfter")),
        absent(node.path("noProgressTurns")) ? null : node.path("noProgressTurns").intValue());
  }

  private static <T> Map<String, T> map(JsonNode node, Function<JsonNode, T> value) {
    Map<String, T> out = new LinkedHashMap<>();
    entries(node).forEach(e -> out.put(e.getKey(), value.apply(e.getValue())));
    return out;
  }

  private static <T> Map<EscalationReason, T> byReason(JsonNode node, Function<JsonNode, T> value) {
    Map<EscalationReason, T> out = new EnumMap<>(EscalationReason.class);
    entries(node).forEach(e -> out.put(EscalationReason.valueOf(e.getKey()), value.apply(e.getValue())));
    return out;
  }

  private static Map<String, String> lowerCaseKeys(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  private static Set<Map.Entry<String, JsonNode>> entries(JsonNode node) {
    return node.isObject() ? node.properties() : Set.of();
  }

  private static Set<String> names(JsonNode node) {
    return node.isObject() ? new LinkedHashSet<>(node.propertyNames()) : Set.of();
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> out.add(item.asString()));
    }
    return out;
  }

  private static String text(JsonNode node) {
    return absent(node) ? null : node.asString();
  }

  private static int integer(JsonNode node, int otherwise) {
    return absent(node) ? otherwise : node.intValue();
  }

  private static Integer intValue(JsonNode node) {
    return node.intValue();
  }

  private static Duration duration(JsonNode node) {
    return absent(node) ? null : parseDuration(node.asString().trim());
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static boolean isReason(String name) {
    for (EscalationReason r : EscalationReason.values()) {
      if (r.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** "90s", "2m", "72h", "1d", "250ms" or ISO-8601 ("PT90S"); {@code null} when it is none of them. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
