package dev.baton.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.escalation.EscalationRules.Copy;
import dev.baton.escalation.EscalationRules.Sentences;
import dev.baton.escalation.EscalationRules.Distress;
import dev.baton.escalation.EscalationRules.IntentRule;
import dev.baton.escalation.EscalationRules.Priorities;
import dev.baton.escalation.EscalationRules.QueueRule;
import dev.baton.escalation.EscalationRules.Vip;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the escalation rules YAML and checks it whole: unknown keys, values out of range,
 * durations that are not positive, and names (intents, queues, risk tiers, reasons) that point
 * nowhere. Every problem names its key, e.g. {@code defaults.confidence must be within 0..1}.
 */
public final class EscalationRulesReader {
  private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "humanRequest", "sensitiveIntents", "highValueIntents", "defaults", "riskTiers",
          "distress", "vip", "defaultQueue", "defaultLanguage", "queues", "intents", "priorities",
          "botFailuresBeforeEscalation", "copy", "complaintIntents", "outOfScopeBeforeEscalation");
  private static final Set<String> THRESHOLD_KEYS =
      Set.of(
          "confidence", "maxClarifications", "highValueLimit", "distressSentiment",
          "noProgressAfter", "noProgressTurns");

  private final Set<String> botIntents;
  private final List<String> problems = new ArrayList<>();

  /** @param botIntents the intents the bot can recognise; the rules may name no others */
  public EscalationRulesReader(Set<String> botIntents) {
    this.botIntents = botIntents;
  }

  /** The rules, or an {@link IllegalArgumentException} listing every problem found. */
  public EscalationRules read(InputStream yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("Escalation rules are not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Escalation rules: the file must be a YAML mapping");
    }
    problems.clear();
    onlyKeys("", root, TOP_LEVEL);

    List<String> humanRequest = strings("humanRequest", root.get("humanRequest"), true);
    List<String> sensitive = intentNames("sensitiveIntents", root.get("sensitiveIntents"));
    List<String> complaints = intentNames("complaintIntents", root.get("complaintIntents"));
    List<String> highValue = intentNames("highValueIntents", root.get("highValueIntents"));
    Thresholds defaults = thresholds("defaults", root.get("defaults"), true);
    Map<String, Thresholds> riskTiers = map("riskTiers", root.get("riskTiers"), (key, node) -> thresholds(key, node, false));
    Distress distress = distress(root.get("distress"));
    Map<String, QueueRule> queues = map("queues", root.get("queues"), this::queue);
    if (queues.isEmpty()) {
      problems.add("queues needs at least one queue");
    }
    String defaultQueue = text("defaultQueue", root.get("defaultQueue"), true);
    queueExists("defaultQueue", defaultQueue, queues);
    String defaultLanguage = text("defaultLanguage", root.get("defaultLanguage"), true);
    Vip vip = vip(root.get("vip"), queues);
    Map<String, IntentRule> intents = map("intents", root.get("intents"), this::intent);
    intents.forEach(
        (name, rule) -> {
          intentExists("intents." + name, name);
          queueExists("intents." + name + ".queue", rule.queue(), queues);
          if (rule.risk() != null && !riskTiers.containsKey(rule.risk())) {
            problems.add("intents." + name + ".risk '" + rule.risk() + "' is not one of riskTiers " + riskTiers.keySet());
          }
        });
    queues.forEach(
        (name, rule) ->
            rule.languages().forEach((language, queue) -> queueExists("queues." + name + ".languages." + language, queue, queues)));
    Priorities priorities = priorities(root.get("priorities"));
    int botFailures = integer("botFailuresBeforeEscalation", root.get("botFailuresBeforeEscalation"), 1, true);
    int outOfScope =
        root.has("outOfScopeBeforeEscalation")
            ? integer("outOfScopeBeforeEscalation", root.get("outOfScopeBeforeEscalation"), 1, true)
            : EscalationRules.OUT_OF_SCOPE_BEFORE_ESCALATION;
    Copy copy = copy(root.get("copy"), queues.keySet());

    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Escalation rules: " + String.join("; ", problems));
    }
    return new EscalationRules(
        humanRequest, sensitive, highValue, defaults, riskTiers, distress, vip, defaultQueue,
        defaultLanguage.toLowerCase(Locale.ROOT), queues, intents, priorities, botFailures, copy, complaints, outOfScope);
  }

  private Thresholds thresholds(String key, JsonNode node, boolean complete) {
    if (node == null || node.isNull()) {
      if (complete) {
        problems.add(key + " is required");
      }
      return Thresholds.NONE;
    }
    onlyKeys(key, node, THRESHOLD_KEYS);
    Double confidence = decimal(key + ".confidence", node.get("confidence"), 0, 1, complete);
    Integer clarifications = integerOrNull(key + ".maxClarifications", node.get("maxClarifications"), 0, complete);
    Double limit = decimal(key + ".highValueLimit", node.get("highValueLimit"), 0, Double.MAX_VALUE, complete);
    Double sentiment = decimal(key + ".distressSentiment", node.get("distressSentiment"), -1, 1, complete);
    Duration after = duration(key + ".noProgressAfter", node.get("noProgressAfter"), complete);
    Integer turns = integerOrNull(key + ".noProgressTurns", node.get("noProgressTurns"), 1, complete);
    return new Thresholds(
        confidence, clarifications, limit == null ? null : BigDecimal.valueOf(limit), sentiment, after, turns);
  }

  private Distress distress(JsonNode node) {
    if (node == null) {
      problems.add("distress is required");
      return new Distress(List.of(), List.of(), Duration.ofHours(72), 0);
    }
    onlyKeys("distress", node, Set.of("profanity", "repetitionMarkers", "priorContactWindow", "repeatContactBoost"));
    return new Distress(
        strings("distress.profanity", node.get("profanity"), false),
        strings("distress.repetitionMarkers", node.get("repetitionMarkers"), false),
        duration("distress.priorContactWindow", node.get("priorContactWindow"), true),
        integer("distress.repeatContactBoost", node.get("repeatContactBoost"), 0, false));
  }

  private Vip vip(JsonNode node, Map<String, QueueRule> queues) {
    if (node == null) {
      return new Vip(List.of(), Thresholds.NONE, 0, null);
    }
    onlyKeys("vip", node, Set.of("tiers", "priorityBoost", "queue", "thresholds"));
    String queue = text("vip.queue", node.get("queue"), false);
    queueExists("vip.queue", queue, queues);
    return new Vip(
        strings("vip.tiers", node.get("tiers"), false),
        thresholds("vip.thresholds", node.get("thresholds"), false),
        integer("vip.priorityBoost", node.get("priorityBoost"), 0, false),
        queue);
  }

  private QueueRule queue(String key, JsonNode node) {
    onlyKeys(key, node, Set.of("team", "languages", "thresholds"));
    Map<String, String> languages = new LinkedHashMap<>();
    JsonNode langs = node.get("languages");
    if (langs != null && !langs.isNull()) {
      langs.fields().forEachRemaining(e -> languages.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    }
    return new QueueRule(
        text(key + ".team", node.get("team"), false), languages, thresholds(key + ".thresholds", node.get("thresholds"), false));
  }

  private IntentRule intent(String key, JsonNode node) {
    onlyKeys(key, node, Set.of("queue", "risk", "issue", "goal", "thresholds"));
    return new IntentRule(
        text(key + ".queue", node.get("queue"), false),
        text(key + ".risk", node.get("risk"), false),
        text(key + ".issue", node.get("issue"), false),
        text(key + ".goal", node.get("goal"), false),
        thresholds(key + ".thresholds", node.get("thresholds"), false));
  }

  private Priorities priorities(JsonNode node) {
    if (node == null) {
      problems.add("priorities is required");
      return new Priorities(1, Map.of(), 5);
    }
    onlyKeys("priorities", node, Set.of("base", "max", "byReason"));
    Map<EscalationReason, Integer> byReason = new EnumMap<>(EscalationReason.class);
    JsonNode reasons = node.get("byReason");
    if (reasons != null && !reasons.isNull()) {
      reasons.fields().forEachRemaining(
          e -> reason("priorities.byReason." + e.getKey(), e.getKey())
              .ifPresent(r -> byReason.put(r, integer("priorities.byReason." + e.getKey(), e.getValue(), 0, true))));
    }
    return new Priorities(
        integer("priorities.base", node.get("base"), 0, true), byReason, integer("priorities.max", node.get("max"), 1, true));
  }

  private Copy copy(JsonNode node, Set<String> queues) {
    if (node == null) {
      problems.add("copy is required");
      return new Copy("", Map.of(), Map.of(), "", Sentences.BUILT_IN);
    }
    onlyKeys("copy", node, Set.of("clarify", "transfer", "why", "next", "sentences"));
    Map<String, String> transfer = new LinkedHashMap<>();
    JsonNode templates = node.get("transfer");
    if (templates != null && !templates.isNull()) {
      templates.fields().forEachRemaining(
          e -> {
            String key = e.getKey();
            String[] parts = key.split("\\.", 2);
            boolean known =
                key.equals("default")
                    || isReason(key)
                    || queues.contains(key)
                    || (parts.length == 2 && queues.contains(parts[0]) && isReason(parts[1]));
            if (!known) {
              problems.add("copy.transfer." + key + " is not default, a reason, a queue or <queue>.<REASON>");
            }
            transfer.put(key, e.getValue().asText());
          });
    }
    if (!transfer.containsKey("default")) {
      problems.add("copy.transfer.default is required");
    }
    Map<EscalationReason, String> why = new EnumMap<>(EscalationReason.class);
    JsonNode whys = node.get("why");
    if (whys != null && !whys.isNull()) {
      whys.fields().forEachRemaining(
          e -> reason("copy.why." + e.getKey(), e.getKey()).ifPresent(r -> why.put(r, e.getValue().asText())));
    }
    return new Copy(
        text("copy.clarify", node.get("clarify"), true), transfer, why, text("copy.next", node.get("next"), true),
        sentences(node.get("sentences")));
  }

  /** Every sentence is required: a conversation must never have nothing to say. */
  private Sentences sentences(JsonNode node) {
    if (node == null || node.isNull()) {
      problems.add("copy.sentences is required");
      return Sentences.BUILT_IN;
    }
    var components = Sentences.class.getRecordComponents();
    Set<String> keys = new java.util.LinkedHashSet<>();
    for (var component : components) {
      keys.add(component.getName());
    }
    onlyKeys("copy.sentences", node, keys);
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      String value = text("copy.sentences." + name, node.get(name), true);
      values[i] = value == null ? "" : value;
      types[i] = String.class;
    }
    try {
      return Sentences.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Sentences has a constructor of strings only", e);
    }
  }

  private java.util.Optional<EscalationReason> reason(String key, String name) {
    if (isReason(name)) {
      return java.util.Optional.of(EscalationReason.valueOf(name));
    }
    problems.add(key + " is not a reason; reasons are " + List.of(EscalationReason.values()));
    return java.util.Optional.empty();
  }

  private static boolean isReason(String name) {
    for (EscalationReason r : EscalationReason.values()) {
      if (r.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private List<String> intentNames(String key, JsonNode node) {
    List<String> names = strings(key, node, false);
    for (int i = 0; i < names.size(); i++) {
      intentExists(key + "[" + i + "]", names.get(i));
    }
    return names;
  }

  private void intentExists(String key, String name) {
    if (!botIntents.contains(name)) {
      problems.add(key + " '" + name + "' is not an intent of the bot");
    }
  }

  private void queueExists(String key, String queue, Map<String, QueueRule> queues) {
    if (queue != null && !queues.containsKey(queue)) {
      problems.add(key + " '" + queue + "' is not one of queues " + queues.keySet());
    }
  }

  private <T> Map<String, T> map(String key, JsonNode node, BiFunction<String, JsonNode, T> entry) {
    Map<String, T> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problems.add(key + " must be a mapping");
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (!e.getValue().isObject()) {
        problems.add(key + "." + e.getKey() + " must be a mapping");
        continue;
      }
      out.put(e.getKey(), entry.apply(key + "." + e.getKey(), e.getValue()));
    }
    return out;
  }

  private void onlyKeys(String key, JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      problems.add((key.isEmpty() ? "the file" : key) + " must be a mapping");
      return;
    }
    node.fieldNames().forEachRemaining(
        name -> {
          if (!allowed.contains(name)) {
            problems.add((key.isEmpty() ? "" : key + ".") + name + " is not a known key");
          }
        });
  }

  private List<String> strings(String key, JsonNode node, boolean required) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(key + " is required");
      }
      return out;
    }
    if (!node.isArray()) {
      problems.add(key + " must be a list");
      return out;
    }
    node.forEach(item -> out.add(item.asText()));
    return out;
  }

  private String text(String key, JsonNode node, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(key + " is required");
      }
      return null;
    }
    return node.asText();
  }

  private Double decimal(String key, JsonNode node, double min, double max, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(key + " is required");
      }
      return null;
    }
    if (!node.isNumber()) {
      problems.add(key + " must be a number, was '" + node.asText() + "'");
      return null;
    }
    double value = node.asDouble();
    if (value < min || value > max) {
      problems.add(
          key + " must be within " + fmt(min) + ".." + (max == Double.MAX_VALUE ? "" : fmt(max)) + ", was " + fmt(value));
      return null;
    }
    return value;
  }

  private int integer(String key, JsonNode node, int min, boolean required) {
    Integer value = integerOrNull(key, node, min, required);
    return value == null ? min : value;
  }

  private Integer integerOrNull(String key, JsonNode node, int min, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(key + " is required");
      }
      return null;
    }
    if (!node.isIntegralNumber()) {
      problems.add(key + " must be a whole number, was '" + node.asText() + "'");
      return null;
    }
    if (node.asInt() < min) {
      problems.add(key + " must be at least " + min + ", was " + node.asInt());
      return null;
    }
    return node.asInt();
  }

  private Duration duration(String key, JsonNode node, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(key + " is required");
      }
      return null;
    }
    Duration value = parseDuration(node.asText().trim());
    if (value == null) {
      problems.add(key + " must be a duration like 90s, 2m, 72h or 1d, was '" + node.asText() + "'");
      return null;
    }
    if (value.isNegative() || value.isZero()) {
      problems.add(key + " must be positive, was '" + node.asText() + "'");
      return null;
    }
    return value;
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

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
