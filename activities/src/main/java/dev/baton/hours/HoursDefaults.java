package dev.baton.hours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.escalation.EscalationRulesReader;
import dev.baton.store.hours.HoursStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The business hours in hours.yaml: a default and per-queue schedules, checked at start (a
 * problem stops the worker, naming the key), plus how soon after opening a callback is promised.
 *
 * @param version the file's {@code version}: schedules are stored in PostgreSQL once per version,
 *     so a changed schedule reaches the database when the version is raised with it
 */
public record HoursDefaults(
    int version,
    Duration callbackWithin,
    CallbackCopy copy,
    Waiting waiting,
    QueueHours fallback,
    Map<String, QueueHours> queues) {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public static HoursDefaults read(InputStream yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("hours.yaml is not valid YAML: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    JsonNode versionNode = root.path("version");
    int version = versionNode.isMissingNode() ? 1 : versionNode.asInt(0);
    if (!versionNode.isMissingNode() && (!versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || version < 1)) {
      problems.add("version must be a whole number from 1");
    }
    Duration within = EscalationRulesReader.parseDuration(root.path("callbackWithin").asText("30m"));
    if (within == null || within.isNegative()) {
      problems.add("callbackWithin must be a duration like 30m");
    }
    JsonNode copy = root.path("copy");
    CallbackCopy texts =
        new CallbackCopy(
            text(copy, "promise", problems),
            text(copy, "promiseWithoutTicket", problems),
            text(copy, "noAgent", problems),
            text(copy, "maxWait", problems),
            text(copy, "slaMissed", problems),
            text(copy, "queueOpened", problems),
            text(copy, "addedToTicket", problems),
            copy.hasNonNull("ticketToFollow") ? copy.get("ticketToFollow").asText() : null);
    JsonNode wait = root.path("waiting");
    Duration pickupSla = duration(wait, "pickupSla", "2m", problems);
    Duration maxWait = duration(wait, "maxWait", "10m", problems);
    String overflow = wait.hasNonNull("overflowQueue") ? wait.get("overflowQueue").asText() : null;
    Waiting waiting = new Waiting(pickupSla, maxWait, overflow, wait.path("slaPriorityBoost").asInt(1));
    QueueHours fallback = hours(HoursStore.DEFAULT, "default", root.get("default"), problems);
    Map<String, QueueHours> queues = new LinkedHashMap<>();
    root.path("queues").fields().forEachRemaining(
        e -> queues.put(e.getKey(), hours(e.getKey(), "queues." + e.getKey(), e.getValue(), problems)));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("hours.yaml: " + String.join("; ", problems));
    }
    return new HoursDefaults(version, within, texts, waiting, fallback, Map.copyOf(queues));
  }

  private static Duration duration(JsonNode node, String key, String fallback, List<String> problems) {
    Duration value = EscalationRulesReader.parseDuration(node.path(key).asText(fallback));
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add("waiting." + key + " must be a positive duration like 2m");
      return Duration.parse("PT1M");
    }
    return value;
  }

  private static String text(JsonNode copy, String key, List<String> problems) {
    if (!copy.hasNonNull(key)) {
      problems.add("copy." + key + " is required");
      return null;
    }
    return copy.get(key).asText();
  }

  /** Reads a schedule written as {zone, week: {day: [intervals]}, closedDates: [dates]}. */
  private static QueueHours parse(String queue, JsonNode node) {
    Map<String, List<String>> week = new LinkedHashMap<>();
    node.path("week").fields().forEachRemaining(
        e -> {
          List<String> intervals = new ArrayList<>();
          e.getValue().forEach(i -> intervals.add(i.asText()));
          week.put(e.getKey(), intervals);
        });
    List<String> dates = new ArrayList<>();
    node.path("closedDates").forEach(d -> dates.add(d.asText()));
    String zone = node.hasNonNull("zone") ? node.get("zone").asText() : null;
    return QueueHours.of(queue, zone, week, dates);
  }

  private static QueueHours hours(String queue, String key, JsonNode node, List<String> problems) {
    if (node == null || !node.isObject()) {
      problems.add(key + " is required");
      return null;
    }
    try {
      return parse(queue, node);
    } catch (InvalidScheduleException e) {
      e.problems().forEach(p -> problems.add(key + "." + p.field() + " " + p.message()));
      return null;
    }
  }
}
