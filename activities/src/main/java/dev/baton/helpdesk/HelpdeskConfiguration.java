package dev.baton.helpdesk;

import dev.baton.store.tickets.TicketStore;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the helpdesk ({@code baton.helpdesk.kind}): {@code builtin} (PostgreSQL, the default)
 * or {@code zendesk} (any Zendesk-compatible ticket API at {@code baton.helpdesk.zendesk.*}).
 */
@Configuration
public class HelpdeskConfiguration {

  @Bean
  Helpdesk helpdesk(
      @Value("${baton.helpdesk.kind:builtin}") String kind,
      @Value("${baton.helpdesk.zendesk.base-url:}") String baseUrl,
      @Value("${baton.helpdesk.zendesk.email:}") String email,
      @Value("${baton.helpdesk.zendesk.token:}") String token,
      @Value("${baton.helpdesk.zendesk.timeout:10s}") Duration timeout,
      TicketStore tickets) {
    return switch (kind) {
      case "builtin" -> new BuiltInHelpdesk(tickets);
      case "zendesk" -> {
        if (baseUrl.isBlank() || email.isBlank() || token.isBlank()) {
          throw new IllegalStateException(
              "baton.helpdesk.kind=zendesk needs baton.helpdesk.zendesk.base-url, .email and .token"
                  + " (BATON_ZENDESK_URL, BATON_ZENDESK_EMAIL, BATON_ZENDESK_TOKEN)");
        }
        yield new ZendeskHelpdesk(URI.create(baseUrl), email, token, timeout);
      }
      default -> throw new IllegalStateException(
          "baton.helpdesk.kind must be builtin or zendesk, was '" + kind + "'");
    };
  }
}
