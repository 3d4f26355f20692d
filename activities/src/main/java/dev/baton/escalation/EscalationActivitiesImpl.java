package dev.baton.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Hands the workflow its rules and looks up a customer's recent conversations in PostgreSQL. */
@Component
public class EscalationActivitiesImpl implements EscalationActivities {
  private final EscalationRules rules;
  private final JdbcTemplate jdbc;

  public EscalationActivitiesImpl(EscalationRules rules, JdbcTemplate jdbc) {
    this.rules = rules;
    this.jdbc = jdbc;
  }

  @Override
  public EscalationRules rules() {
    return rules;
  }

  @Override
  public int priorContacts(String customerId, String conversationId, Instant since) {
    Integer count =
        jdbc.queryForObject(
            """
            select count(*) from conversations
             where customer_id = ? and conversation_id <> ? and created_at >= ?""",
            Integer.class,
            customerId,
            conversationId,
            Timestamp.from(since));
    return count == null ? 0 : count;
  }
}
