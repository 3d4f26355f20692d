package dev.baton.api.limits;

/**
 * The size limits of what clients send, in one place; docs/security.md lists each with its field.
 * Text limits are in characters (UTF-16 units, as Java and JavaScript count them).
 */
public final class Limits {
  /** Ids clients choose or are given: conversation, customer, agent and client message ids. */
  public static final String ID = "[A-Za-z0-9._:@-]{1,128}";

  public static final String ID_MESSAGE = "must be 1-128 letters, digits or ._:@-";
  /** A customer's display name. */
  public static final int NAME = 200;
  /** An agent's display name. */
  public static final int AGENT_NAME = 100;
  /** An email address (RFC 5321's longest path). */
  public static final int EMAIL = 320;
  /** A category: customer tier, channel. */
  public static final int CATEGORY = 40;
  /** A language tag (BCP 47's practical longest). */
  public static final int LANGUAGE = 35;
  /** A customer's "talk to a person" note. */
  public static final int HANDOFF_NOTE = 1000;
  /** The reason a conversation was closed. */
  public static final int CLOSE_REASON = 500;
  /** An agent's note (transfer, release, resolve), a rating's comment, a ticket note. */
  public static final int NOTE = 2000;
  /** Queues one agent serves. */
  public static final int AGENT_QUEUES = 20;
  /** Openings on one day of a queue's week. */
  public static final int DAY_OPENINGS = 8;
  /** Whole days closed in one queue's schedule: more than a year of them. */
  public static final int CLOSED_DATES = 500;
  /** A timezone id such as America/Argentina/ComodRivadavia. */
  public static final int ZONE = 64;
  /** A day name, an opening ("09:00-17:30") or a date ("2026-12-25"), with room for spaces. */
  public static final int SCHEDULE_TOKEN = 32;
  /** Canned replies per queue, each a title and a text. */
  public static final int CANNED_REPLIES = 50;
  public static final int CANNED_TITLE = 100;
  public static final int CANNED_TEXT = 2000;

  private Limits() {}
}
