package dev.baton.hours;

/**
 * One thing wrong with a queue's opening hours, named the way the API spells it, so a client can
 * point at the offending value.
 *
 * @param field the path of the value, for example {@code zone}, {@code week.MONDAY[1]} or
 *     {@code closedDates[2]}
 * @param message what is wrong, written to follow the field name
 */
public record Problem(String field, String message) {
  /** {@code week.MONDAY[1] overlaps week.MONDAY[0]}: the form it takes in logs and messages. */
  @Override
  public String toString() {
    return field + " " + message;
  }
}
