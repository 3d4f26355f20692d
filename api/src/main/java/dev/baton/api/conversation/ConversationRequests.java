package dev.baton.api.conversation;

import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The JSON bodies front ends send. Field limits here are the API contract (see OpenAPI and
 * docs/security.md); every string is {@link Clean}. The message text's length limit is a setting
 * ({@code baton.conversation.max-message-length}), checked by the controller.
 */
final class ConversationRequests {
  /** Ids front ends choose: short, printable, no spaces, so they are safe in URLs and logs. */
  static final String CLIENT_ID = Limits.ID;

  private ConversationRequests() {}

  record CustomerBody(
      @NotBlank @Pattern(regexp = CLIENT_ID, message = Limits.ID_MESSAGE) String id,
      @Size(max = Limits.NAME) @Clean String name,
      @Size(max = Limits.EMAIL) @Clean String email,
      @Size(max = Limits.CATEGORY) @Clean String tier,
      @Size(max = Limits.LANGUAGE) @Clean String language) {}

  /**
   * Starts a conversation. With {@code text} the bot answers it in the same call; without, the
   * bot greets. With {@code clientMessageId}, repeating the call returns the same conversation.
   * {@code identity} is the embedding site's signed claim of who the customer is and their tier
   * (docs/security.md); without it the customer is anonymous and of the standard tier.
   */
  record StartConversation(
      @NotNull @Valid CustomerBody customer,
      @NotBlank @Size(max = Limits.CATEGORY) @Clean String channel,
      @Clean String text,
      @Pattern(regexp = CLIENT_ID, message = Limits.ID_MESSAGE) String clientMessageId,
      @Size(max = 8192) String identity) {}

  /** A customer message; {@code clientMessageId} makes a retry safe. */
  record SendMessage(
      @Clean String text,
      @NotBlank @Pattern(regexp = CLIENT_ID, message = Limits.ID_MESSAGE) String clientMessageId) {}

  /** Asks for a person; the note, if any, is passed to them. */
  record RequestHandoff(@Size(max = Limits.HANDOFF_NOTE) @Clean String note) {}

  /** Ends a conversation; the reason is kept in the transcript. */
  record CloseConversation(@Size(max = Limits.CLOSE_REASON) @Clean String reason) {}
}
