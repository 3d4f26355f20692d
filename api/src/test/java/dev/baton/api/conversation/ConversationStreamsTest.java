package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

import dev.baton.api.conversation.ConversationResponses.ChatMessage;
import dev.baton.api.live.EventStreams;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.Agent;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.notify.Channels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The events of a conversation's live stream, by whose stream it is: staff hear the staff view
 * (logins, queue), the customer the customer view (the agent's display name, the place in line),
 * on the same conversation at the same moment.
 */
class ConversationStreamsTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final String LOGIN = "alice.w@corp";

  private final ConversationStore store = mock(ConversationStore.class);
  private final AgentStore agents = mock(AgentStore.class);
  private final EventStreams events = mock(EventStreams.class);
  private final Map<SseEmitter, List<Object>> sent = new ConcurrentHashMap<>();
  private ConversationStreams streams;

  @BeforeEach
  void anAgentHoldsTheConversation() {
    AgentNames names = new AgentNames(agents, mock(AccountStore.class));
    ConversationReader reader = new ConversationReader(mock(ConversationService.class), store, agents, names, mock(TemporalUiLinks.class));
    streams = new ConversationStreams(store, reader, names, events);
    given(events.open(any())).willAnswer(call -> new SseEmitter());
    willAnswer(call -> {
          ((Runnable) call.getArgument(0)).run();
          return null;
        })
        .given(events)
        .execute(any());
    given(events.send(any(), any()))
        .willAnswer(
            call -> {
              SseEmitter.SseEventBuilder event = call.getArgument(1);
              event.build().stream()
                  .map(SseEmitter.DataWithMediaType::getData)
                  .filter(d -> !(d instanceof String))
                  .forEach(d -> sent.computeIfAbsent(call.getArgument(0), e -> new ArrayList<>()).add(d));
              return true;
            });
    given(store.find("c-1"))
        .willReturn(
            Optional.of(
                new ConversationView(
                    "c-1", new Customer("cust-1", "Ada", null, "standard", "en"), "web", ConversationStatus.AGENT_ACTIVE,
                    "dispute_charge", 0.4, -0.5, "billing", LOGIN, 2, 1, null, null, null)));
    given(store.messages(eq("c-1"), anyLong(), anyInt()))
        .willReturn(
            List.of(
                new Message(1, Author.SYSTEM, null, "Alice has joined the conversation.", AT),
                new Message(2, Author.AGENT, LOGIN, "Hello, Alice here.", AT)));
    given(agents.find(LOGIN)).willReturn(Optional.of(new Agent(LOGIN, "Alice", "ONLINE", List.of("billing"), 3, 1, AT)));
  }

  @Test
  void theCustomerHearsTheCustomerViewAndStaffTheStaffView() {
    SseEmitter customer = streams.follow("c-1", ConversationStreams.View.CUSTOMER, 0, () -> {});
    SseEmitter staff = streams.follow("c-1", ConversationStreams.View.STAFF, 0, () -> {});

    assertThat(sent.get(customer))
        .containsExactly(
            new ChatMessage(1, Author.SYSTEM, null, "Alice has joined the conversation.", AT),
            new ChatMessage(2, Author.AGENT, "Alice", "Hello, Alice here.", AT),
            new ConversationStreams.CustomerStatus(ConversationStatus.AGENT_ACTIVE, null, "Alice"));
    assertThat(sent.get(staff))
        .containsExactly(
            new Message(1, Author.SYSTEM, null, "Alice has joined the conversation.", AT),
            new Message(2, Author.AGENT, LOGIN, "Hello, Alice here.", AT),
            new ConversationStreams.StreamStatus(ConversationStatus.AGENT_ACTIVE, "billing", LOGIN, null));
  }

  @Test
  void theCustomerHearsThatTheAgentTypesNotWhichLogin() {
    SseEmitter customer = streams.follow("c-1", ConversationStreams.View.CUSTOMER, 2, () -> {});
    SseEmitter staff = streams.follow("c-1", ConversationStreams.View.STAFF, 2, () -> {});
    sent.clear();

    streams.notified(Channels.TYPING, "c-1\tAGENT\t" + LOGIN);

    assertThat(sent.get(customer)).containsExactly(new ConversationStreams.CustomerTyping("AGENT"));
    assertThat(sent.get(staff)).containsExactly(new ConversationStreams.Typing("AGENT", LOGIN));
  }
}
