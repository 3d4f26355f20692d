package dev.baton.store;

import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.hours.HoursStore;
import dev.baton.store.notify.Notifier;
import dev.baton.store.queues.QueueStore;
import dev.baton.store.tickets.TicketStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores, for any Spring Boot app with this module and a DataSource (the worker and the
 * api). An auto-configuration rather than a component scan, so controller slice tests leave the
 * database out and mock the stores instead.
 */
@AutoConfiguration
public class StoreConfiguration {

  @Bean
  Notifier notifier(JdbcTemplate jdbc) {
    return new Notifier(jdbc);
  }

  @Bean
  ConversationStore conversationStore(JdbcTemplate jdbc, TransactionTemplate tx, Notifier notifier) {
    return new ConversationStore(jdbc, tx, notifier);
  }

  @Bean
  AgentStore agentStore(JdbcTemplate jdbc) {
    return new AgentStore(jdbc);
  }

  @Bean
  HoursStore hoursStore(JdbcTemplate jdbc) {
    return new HoursStore(jdbc);
  }

  @Bean
  TicketStore ticketStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    return new TicketStore(jdbc, tx);
  }

  @Bean
  QueueStore queueStore(JdbcTemplate jdbc) {
    return new QueueStore(jdbc);
  }
}
