package dev.baton.api.conversation;

import dev.baton.conversation.ConversationSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How new conversations are set up ({@code baton.conversation.*}). The values are copied into each
 * conversation's start input, so a change applies to conversations started after it.
 *
 * @param maxMessageLength longest customer message accepted, in characters
 * @param idleTimeout how long the bot waits for the customer before the conversation is abandoned
 * @param turnsPerRun turns per workflow run before the conversation continues as new
 * @param turnTimeout how long an HTTP call waits for the bot's reply before answering 503
 * @param updatesPerRun calls one workflow run takes before it hands over (Temporal caps a run at
 *     2,000)
 * @param maxCustomerMessages customer messages one conversation takes; the next is answered 409
 *     {@code conversation-message-limit} (checked by the conversation's own validator, with no
 *     database read on the customer's path; like the others, fixed when a conversation starts)
 */
@ConfigurationProperties("baton.conversation")
record ConversationProperties(
    @DefaultValue("4000") int maxMessageLength,
    @DefaultValue("15m") Duration idleTimeout,
    @DefaultValue("500") int turnsPerRun,
    @DefaultValue("30s") Duration turnTimeout,
    @DefaultValue("1000") int updatesPerRun,
    @DefaultValue("500") int maxCustomerMessages) {

  ConversationSettings settings() {
    return new ConversationSettings(maxMessageLength, idleTimeout, turnsPerRun, updatesPerRun, maxCustomerMessages);
  }
}
