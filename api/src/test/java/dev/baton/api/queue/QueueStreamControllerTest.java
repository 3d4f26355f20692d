package dev.baton.api.queue;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live queue overview: a server-sent event stream for agent consoles. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(QueueStreamController.class)
@org.springframework.context.annotation.Import(dev.baton.api.limits.StreamSlots.class)
class QueueStreamControllerTest {
  @Autowired MockMvc mvc;
  @MockitoBean QueueStreams streams;

  @Test
  void aConsoleFollowsTheQueues() throws Exception {
    given(streams.follow(org.mockito.ArgumentMatchers.any())).willReturn(new SseEmitter());

    mvc.perform(get("/api/v1/queues/stream").accept(MediaType.TEXT_EVENT_STREAM))
        .andExpect(status().isOk())
        .andExpect(request().asyncStarted());
    then(streams).should().follow(org.mockito.ArgumentMatchers.any());
  }
}
