package dev.baton.api.conversation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON bodies front ends send. Field limits here are the API contract (see OpenAPI). */
final class ConversationRequests {
  /** Ids front ends choose: short, printable, no spaces, so they are safe in URLs and logs. */
  static final String CLIENT_ID = "[A-Za-z0-9._:@-]{1,128}";

  private ConversationRequests() {}

  record CustomerBody(
      @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be 1-128 letters, digits or ._:@-")
          String id,
      @Size(max = 200) String name,
      @Size(max = 320) String email,
      @Size(max = 40) String tier,
      @Size(max = 35) String language) {}

  /**
   * Starts a conversation. With {@code text} the bot answers it in the same call; without, the
   * bot greets. With {@code clientMessageId}, repeating the call returns the same conversation.
   * {@code identity} is the embedding site's signed claim of who the customer is and their tier
   * (docs/security.md); without it the customer is anonymous and of the standard tier.
   */
  record StartConversation(
      @NotNull @Valid CustomerBody customer,
      @NotBlank @Size(max = 40) String channel,
      String text,
      @Pattern(regexp = CLIENT_ID, message = "must be 1-128 letters, digits or ._:@-")
          String clientMessageId,
      @Size(max = 8192) String identity) {}

  /** A customer message; {@code clientMessageId} makes a retry safe. */
  record SendMessage(
      String text,
      @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be 1-128 letters, digits or ._:@-")
          String clientMessageId) {}

  /** Asks for a person; the note, if any, is passed to them. */
  record RequestHandoff(@Size(max = 1000) String note) {}

  /** Ends a conversation; the reason is kept in the transcript. */
  record CloseConversation(@Size(max = 500) String reason) {}
}
