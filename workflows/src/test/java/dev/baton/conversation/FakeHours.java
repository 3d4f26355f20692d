package dev.baton.conversation;

import dev.baton.hours.CallbackCopy;
import dev.baton.hours.HoursActivities;
import dev.baton.hours.QueueHours;
import dev.baton.hours.QueueSchedule;
import dev.baton.hours.Waiting;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Business hours for workflow tests: open around the clock unless the test sets a schedule. */
class FakeHours implements HoursActivities {
  static final CallbackCopy COPY =
      new CallbackCopy(
          "Our {team} team is offline. Ticket {ticket}; someone will contact you {when}.",
          "Our {team} team is offline and no ticket could be filed; someone will contact you {when}.",
          "Nobody from {team} is free. Ticket {ticket}; someone will contact you {when}.",
          "Nobody from {team} picked this up in time. Ticket {ticket}; someone will contact you {when}.",
          "Taking longer than usual: number {position} in line, {wait}.",
          "Our {team} team is back; you are first in line.",
          "Added to ticket {ticket}.",
          "Nobody from {team} can take this now. A ticket is on its way; someone will contact you {when}.");

  /** While set, every look-up fails at once (a database that is down, not retried). */
  volatile boolean down;

  volatile Waiting waiting = new Waiting(Duration.ofMinutes(2), Duration.ofMinutes(10), null, 1);

  volatile String zone = "UTC";
  volatile Map<String, List<String>> week = Map.of(
      "monday", List.of("00:00-24:00"), "tuesday", List.of("00:00-24:00"),
      "wednesday", List.of("00:00-24:00"), "thursday", List.of("00:00-24:00"),
      "friday", List.of("00:00-24:00"), "saturday", List.of("00:00-24:00"),
      "sunday", List.of("00:00-24:00"));
  volatile List<String> closedDates = List.of();

  /** Monday to Friday, 09:00 to 17:00, in {@code zone}. */
  FakeHours officeHours(String zone) {
    this.zone = zone;
    this.week = Map.of(
        "monday", List.of("09:00-17:00"), "tuesday", List.of("09:00-17:00"),
        "wednesday", List.of("09:00-17:00"), "thursday", List.of("09:00-17:00"),
        "friday", List.of("09:00-17:00"));
    return this;
  }

  @Override
  public QueueSchedule schedule(String queue) {
    if (down) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("PostgreSQL is down", "Down");
    }
    return new QueueSchedule(QueueHours.of(queue, zone, week, closedDates), Duration.ofMinutes(30), COPY, waiting);
  }
}
