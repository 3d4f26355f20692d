package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffSummaryTest {
  @Test
  void aConversationPassedOnManyTimesKeepsOnlyTheLatestNotes() {
    HandoffSummary summary =
        new HandoffSummary("Issue", "Goal", List.of(), List.of(), EscalationReason.CUSTOMER_REQUEST, "detail",
            0, "STABLE", 0.9, "track_order", "general", 1, "vip", null, 0, "/api/v1/conversations/c-1", null);

    for (int i = 1; i <= 50; i++) {
      summary = summary.withNote("note " + i + " " + "x".repeat(1900), "general", 1);
    }

    assertThat(summary.agentNotes()).hasSize(HandoffSummary.MAX_AGENT_NOTES);
    assertThat(summary.agentNotes().get(0)).startsWith("note 41 ");
    assertThat(summary.agentNotes().get(9)).startsWith("note 50 ");
  }
}
