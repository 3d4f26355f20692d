package dev.baton.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A store failure before Spring MVC (checking an account token, the conversation gate of the
 * security filter chain) is answered 503 with Retry-After, as {@link ApiExceptionHandler} answers
 * one in a controller, instead of leaving the container to answer 500. It wraps the security
 * filter chain, so it comes before it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class StoreOutageFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(StoreOutageFilter.class);

  private final ProblemWriter problems;

  StoreOutageFilter(JsonMapper json) {
    this.problems = new ProblemWriter(json);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      Optional<StoreUnavailable> unavailable = StoreUnavailable.of(e);
      if (unavailable.isEmpty() || response.isCommitted()) {
        throw e;
      }
      log.warn("{} {}: the database did not answer: {}", request.getMethod(), request.getRequestURI(), unavailable.get().getCause().getMessage());
      response.resetBuffer();
      problems.write(response, unavailable.get());
    }
  }
}
