package dev.baton.api.queue;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.store.replies.CannedReply;
import dev.baton.store.replies.CannedReplyStore;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Canned replies over HTTP; who may change them is in AccessRules. */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(CannedReplyController.class)
@WithMockUser(username = "sam", roles = "SUPERVISOR")
class CannedReplyControllerTest {
  @Autowired MockMvc mvc;
  @MockitoBean CannedReplyStore replies;

  @Test
  void aSupervisorReplacesTheQueuesReplies() throws Exception {
    List<CannedReply> stored = List.of(new CannedReply("Hello", "Hi {name}!"));
    given(replies.replace("orders", stored, "sam")).willReturn(stored);

    put("orders", "{\"replies\":[{\"title\":\" Hello \",\"text\":\"Hi {name}!\"}]}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.queue").value("orders"))
        .andExpect(jsonPath("$.replies[0].text").value("Hi {name}!"));
    then(replies).should().replace("orders", stored, "sam");
  }

  @Test
  void tooManyRepliesAnEmptyTextAndAControlCharacterAreRefusedNamingTheField() throws Exception {
    String many = String.join(",", Collections.nCopies(51, "{\"title\":\"t\",\"text\":\"x\"}"));
    expectProblem(put("orders", "{\"replies\":[" + many + "]}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("replies"));
    expectProblem(put("orders", "{\"replies\":[{\"title\":\"t\",\"text\":\" \"}]}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("replies[0].text"));
    expectProblem(put("orders", "{\"replies\":[{\"title\":\"t\\u0000\",\"text\":\"x\"}]}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("replies[0].title"));
    verifyNoInteractions(replies);
  }

  private org.springframework.test.web.servlet.ResultActions put(String queue, String body) throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/queues/" + queue + "/canned-replies")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }
}
