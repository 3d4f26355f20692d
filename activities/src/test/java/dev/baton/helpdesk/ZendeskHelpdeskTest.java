package dev.baton.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.http.EndlessServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Zendesk adapter against a misbehaving service on 127.0.0.1: answers without end, fast or slow. */
class ZendeskHelpdeskTest {

  @Test
  void anAnswerThatNeverEndsIsCutOffAtItsCapAndTheHelpdeskCountsAsUnavailable() throws Exception {
    try (EndlessServer endless = EndlessServer.fast()) {
      ZendeskHelpdesk zendesk = new ZendeskHelpdesk(endless.uri("/"), "agent@example.com", "token", Duration.ofSeconds(5));

      assertThatThrownBy(() -> zendesk.addComment(new TicketComment("conv-1:note:1", "42", "a note")))
          .isInstanceOf(HelpdeskUnavailableException.class)
          .hasMessageContaining("GET /api/v2/tickets/42/comments.json answered more than "
              + ZendeskHelpdesk.MAX_BODY / (1024 * 1024) + " MB");
      // Read up to the cap, then the connection is closed: what the socket buffers held besides.
      assertThat(endless.hungUp()).isTrue();
      assertThat(endless.written()).isLessThan(ZendeskHelpdesk.MAX_BODY + 16L * 1024 * 1024);
    }
  }

  @Test
  @Timeout(20)
  void anAnswerThatTricklesInIsGivenUpWithinTheTimeout() throws Exception {
    try (EndlessServer trickle = EndlessServer.trickling()) {
      ZendeskHelpdesk zendesk = new ZendeskHelpdesk(trickle.uri("/"), "agent@example.com", "token", Duration.ofSeconds(1));

      long start = System.nanoTime();
      assertThatThrownBy(() -> zendesk.addComment(new TicketComment("conv-1:note:1", "42", "a note")))
          .isInstanceOf(HelpdeskUnavailableException.class)
          .hasMessageContaining("Zendesk did not answer within PT1S");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_500);
    }
  }
}
