package dev.baton.conversation;

import dev.baton.bot.BotTurn;
import io.temporal.common.SearchAttributeKey;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@link Era#TODAY}: runs of today's code, which have every change. */
final class Today implements Era {

  @Override
  public boolean escalates() {
    return true;
  }

  @Override
  public void answer(Runnable today, BotTurn reply, ConversationState state, BotLines lines) {
    today.run();
  }

  @Override
  public boolean keepsHours() {
    return true;
  }

  @Override
  public boolean checksAgents() {
    return true;
  }

  @Override
  public boolean handlesTurnsWhole() {
    return true;
  }

  @Override
  public boolean requeues() {
    return true;
  }

  @Override
  public void setSearchAttributes(Runnable today, Map<SearchAttributeKey<String>, String> values) {
    today.run();
  }

  @Override
  public void ticketWork(Runnable today, Runnable callNow) {
    today.run();
  }

  @Override
  public boolean awaitDeadline(BooleanSupplier today, Loop loop) {
    return today.getAsBoolean();
  }

  @Override
  public void fireDeadline(Runnable today, Loop loop) {
    today.run();
  }

  @Override
  public boolean handsOverOnUpdates() {
    return true;
  }

  @Override
  public boolean capsUnwrittenLines() {
    return true;
  }

  @Override
  public String mergedComment(Supplier<String> today, String body, String next) {
    return today.get();
  }

  @Override
  public boolean routesByDetectedLanguage() {
    return true;
  }

  @Override
  public boolean showsOperatorAttributes() {
    return true;
  }

  @Override
  public boolean writesIntentWithStatusOnly() {
    return true;
  }

  @Override
  public boolean readsQueueSituationAtOnce() {
    return true;
  }

  @Override
  public boolean writesTranscriptQuickly() {
    return true;
  }

  @Override
  public boolean promisesBeforeTheTicket() {
    return true;
  }

  @Override
  public List<Message> unwrittenAfterWrite(Supplier<List<Message>> today) {
    return today.get();
  }

  @Override
  public List<Message> unwrittenAfterFailure(Supplier<List<Message>> today, List<Message> pending) {
    return today.get();
  }
}
