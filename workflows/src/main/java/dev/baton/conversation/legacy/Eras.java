package dev.baton.conversation.legacy;

import dev.baton.conversation.Era;

/** Where a run learns its {@link Era}: the one door from the live code into this package. */
public final class Eras {
  private Eras() {}

  /**
   * Records (or, on replay, reads) the run's version decisions, in the order runs have always made
   * them, and answers with what the run does: {@link Era#TODAY} when it has every change.
   *
   * @param conversationId for the worker's log, where an old branch notes a failure
   */
  public static Era decide(String conversationId) {
    Versions versions = Versions.decide();
    return versions.all() ? Era.TODAY : new OldEra(versions, conversationId);
  }
}
