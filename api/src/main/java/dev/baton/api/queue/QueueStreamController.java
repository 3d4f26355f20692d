package dev.baton.api.queue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.baton.api.limits.StreamSlots;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The queue overview as it changes, for agent consoles: server-sent events. */
@RestController
@RequestMapping("/api/v1/queues")
@Tag(name = "Queues")
class QueueStreamController {
  private final QueueStreams streams;
  private final StreamSlots slots;

  QueueStreamController(QueueStreams streams, StreamSlots slots) {
    this.streams = streams;
    this.slots = slots;
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Follow the queues live",
      description =
          "Server-sent events: event `queues`, with the body GET /api/v1/queues answers, on connect"
              + " and whenever a conversation starts or stops waiting, is taken, or an agent's"
              + " presence changes (changes close together are sent once).")
  SseEmitter stream(HttpServletRequest request) {
    Runnable release = slots.acquire(request.getRemoteAddr(), null);
    try {
      return streams.follow(release);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }
}
