package dev.baton.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every line logged while a conversation's request is handled names the conversation, and only then. */
class ConversationLogContextTest {
  private final ConversationLogContext filter = new ConversationLogContext();

  @Test
  void aConversationsRequestCarriesItsIdWhileItIsHandled() throws Exception {
    assertThat(idDuring("/api/v1/conversations/c-42/messages")).isEqualTo("c-42");
    assertThat(idDuring("/api/v1/conversations/c-42")).isEqualTo("c-42");
    assertThat(MDC.get(ConversationLogContext.CONVERSATION_ID)).as("cleared afterwards").isNull();
  }

  @Test
  void otherRequestsAndMalformedIdsCarryNone() throws Exception {
    assertThat(idDuring("/api/v1/conversations")).isNull();
    assertThat(idDuring("/api/v1/queues/billing/waiting")).isNull();
    assertThat(idDuring("/api/v1/conversations/%0Aforged%20line/messages")).isNull();
  }

  private String idDuring(String uri) throws Exception {
    List<String> seen = new ArrayList<>();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.add(MDC.get(ConversationLogContext.CONVERSATION_ID)));
    return seen.get(0);
  }
}
