package dev.baton.api.security;

import dev.baton.api.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses before any route sees them (an encoded NUL, a
 * control character or a path that is not normalised) are a client's mistake: 400 problem+json,
 * like every other refusal, instead of the firewall's bare status.
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    ProblemResponses.write(
        response,
        Problems.INVALID_REQUEST,
        HttpStatus.BAD_REQUEST,
        "The request's path or headers hold characters that are not allowed.",
        Map.of());
  }
}
