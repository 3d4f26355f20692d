package dev.baton.api.conversation;

import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.store.notify.Notifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Typing is passed on as who typed, taken from the caller, never from the request. */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(TypingController.class)
class TypingControllerTest {
  @Autowired MockMvc mvc;
  @MockitoBean Notifier notifier;

  @Test
  @WithMockUser(username = "alice", roles = "AGENT")
  void anAgentTypingIsSentWithTheirId() throws Exception {
    mvc.perform(post("/api/v1/conversations/c-1/typing")).andExpect(status().isNoContent());
    then(notifier).should().typing("c-1", "AGENT", "alice");
  }

  @Test
  @WithMockUser(username = "c-1", roles = "CUSTOMER")
  void theCustomerTypingIsSentAsTheCustomer() throws Exception {
    mvc.perform(post("/api/v1/conversations/c-1/typing")).andExpect(status().isNoContent());
    then(notifier).should().typing("c-1", "CUSTOMER", null);
  }
}
