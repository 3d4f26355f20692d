package dev.baton.api.limits;

import dev.baton.api.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies at {@code baton.limits.max-body-size} (the codec endpoint's at
 * {@code baton.limits.max-codec-body-size}): a declared length over it is answered
 * 413 before anything is read, and a body without a length (chunked) is cut off where it passes
 * the cap, which {@link dev.baton.api.problem.ApiExceptionHandler} answers 413 too.
 */
@Component
@EnableConfigurationProperties(LimitsProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeFilter extends OncePerRequestFilter {
  private final long max;
  private final long maxCodec;
  private final ProblemWriter problems;

  BodySizeFilter(LimitsProperties limits, JsonMapper json) {
    this.max = limits.maxBodySize().toBytes();
    this.maxCodec = limits.maxCodecBodySize().toBytes();
    this.problems = new ProblemWriter(json);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // The Temporal UI decodes a whole history's payloads in one call.
    long cap = request.getRequestURI().startsWith("/api/v1/codec/") ? maxCodec : max;
    if (request.getContentLengthLong() > cap) {
      problems.write(response, new TooLarge(sentence(cap)));
      return;
    }
    chain.doFilter(new Capped(request, cap), response);
  }

  static String sentence(long max) {
    return "The request body is larger than " + max + " bytes, the most this API accepts.";
  }

  private static final class Capped extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CappedStream(super.getInputStream(), max);
      }
      return stream;
    }
  }

  private static final class CappedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long read;

    CappedStream(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    /** Unchecked, so that the JSON reader passes it on as it is, to be answered 413. */
    private void count(int n) {
      read += n;
      if (read > max) {
        throw new TooLarge(sentence(max));
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
