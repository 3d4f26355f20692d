package dev.baton.store;

import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.hours.AlwaysOpenHours;
import dev.baton.store.hours.HoursStore;
import dev.baton.store.metrics.MetricsStore;
import dev.baton.store.notify.Notifier;
import dev.baton.store.queues.QueueStore;
import dev.baton.store.replies.CannedReplyStore;
import dev.baton.store.review.BotModelStore;
import dev.baton.store.review.BotReviewStore;
import dev.baton.store.tickets.TicketStore;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
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
  DatabasePassword databasePassword(Environment environment) {
    return new DatabasePassword(environment);
  }

  @Bean
  Notifier notifier(JdbcTemplate jdbc) {
    return new Notifier(jdbc);
  }

  @Bean
  ConversationStore conversationStore(JdbcTemplate jdbc, TransactionTemplate tx, Notifier notifier) {
    return new ConversationStore(jdbc, tx, notifier);
  }

  /**
   * The presence timeout is read here, so the worker (before promising a person) and the api
   * (queue views, takeovers) count the same agents as online.
   */
  @Bean
  AgentStore agentStore(
      JdbcTemplate jdbc, TransactionTemplate tx, @Value("${baton.agents.presence-timeout:60s}") Duration presenceTimeout) {
    return new AgentStore(jdbc, tx, presenceTimeout);
  }

  @Bean
  AccountStore accountStore(JdbcTemplate jdbc) {
    return new AccountStore(jdbc);
  }

  /**
   * The stored business hours, or, with {@code baton.hours.always-open} (the local run's demo
   * setting, off unless set), every queue open around the clock.
   */
  @Bean
  HoursStore hoursStore(JdbcTemplate jdbc, @Value("${baton.hours.always-open:false}") boolean alwaysOpen) {
    if (alwaysOpen) {
      LoggerFactory.getLogger(StoreConfiguration.class)
          .warn("every queue is open around the clock (baton.hours.always-open, a demo setting); stored hours are ignored");
      return new AlwaysOpenHours(jdbc);
    }
    return new HoursStore(jdbc);
  }

  @Bean
  CannedReplyStore cannedReplyStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    return new CannedReplyStore(jdbc, tx);
  }

  @Bean
  TicketStore ticketStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    return new TicketStore(jdbc, tx);
  }

  /** The assumed-resolution time is read here, so every api instance judges containment alike. */
  @Bean
  MetricsStore metricsStore(
      JdbcTemplate jdbc, @Value("${baton.metrics.assumed-resolution-after:1h}") Duration assumedResolutionAfter) {
    return new MetricsStore(jdbc, assumedResolutionAfter);
  }

  @Bean
  QueueStore queueStore(JdbcTemplate jdbc) {
    return new QueueStore(jdbc);
  }

  @Bean
  BotReviewStore botReviewStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    return new BotReviewStore(jdbc, tx);
  }

  @Bean
  BotModelStore botModelStore(JdbcTemplate jdbc, TransactionTemplate tx, Notifier notifier) {
    return new BotModelStore(jdbc, tx, notifier);
  }
}
