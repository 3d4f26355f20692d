package dev.baton.hours;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A queue's opening hours that cannot be used, with every problem found rather than the first, so
 * one correction round is enough.
 */
public class InvalidScheduleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable list of records; never Java-serialized in Baton
  private final List<Problem> problems;

  public InvalidScheduleException(String queue, List<Problem> problems) {
    super(
        (queue == null || queue.isBlank() ? "Opening hours: " : "Opening hours of queue '" + queue + "': ")
            + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** The problems in a stable order: queue, zone, week (by day), closed dates. */
  public List<Problem> problems() {
    return problems;
  }
}
