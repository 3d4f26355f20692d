package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md's route matrix names every route the api serves, and no route it does not: a
 * new endpoint is documented with who may call it, and a removed one leaves the matrix.
 */
class RouteMatrixDocsTest {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern VERB = Pattern.compile("[A-Z]+");
  private static final Pattern ROUTE = Pattern.compile("(?:([A-Z]+) )?(\\S+)");

  /** A documented route: its method (null for any) and its path with variables as {}. */
  record Documented(String method, String path) {
    boolean covers(String route) {
      String verb = route.substring(0, route.indexOf(' '));
      String routePath = normalized(route.substring(route.indexOf(' ') + 1));
      boolean methodMatches = method == null || method.equals(verb);
      return methodMatches
          && (path.endsWith("/**") ? routePath.startsWith(path.substring(0, path.length() - 3)) : routePath.equals(path));
    }
  }

  @Test
  void theMatrixNamesEveryRouteTheApiServes() throws Exception {
    List<Documented> matrix = matrix();
    List<String> undocumented =
        AccessRulesTest.routes().stream().filter(route -> matrix.stream().noneMatch(d -> d.covers(route))).toList();

    assertThat(matrix).as("routes read from the matrix").hasSizeGreaterThan(25);
    assertThat(undocumented).as("routes missing from docs/security.md's route matrix").isEmpty();
  }

  @Test
  void everyRouteOfTheMatrixIsServed() throws Exception {
    List<String> routes = AccessRulesTest.routes();
    List<Documented> stale =
        matrix().stream()
            .filter(d -> !d.path().startsWith("/actuator/")) // served by Spring Boot, not a controller
            .filter(d -> routes.stream().noneMatch(d::covers))
            .toList();

    assertThat(stale).as("routes in docs/security.md's matrix that no controller serves").isEmpty();
  }

  /**
   * The first column of the matrix: "`GET /conversations/{id}`, `…/messages`" — a path with "…"
   * continues the last conversation path, takes the last method named, and a bare "`GET`/" before
   * a route adds its method to the next one.
   */
  static List<Documented> matrix() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "security.md"));
    int start = doc.indexOf("\n## Roles and the route matrix");
    String section = doc.substring(start, doc.indexOf("\n## ", start + 1));
    List<Documented> documented = new ArrayList<>();
    String base = null;
    String lastMethod = null;
    for (String row : section.lines().filter(l -> l.startsWith("| `")).toList()) {
      String cell = row.split("\\|")[1];
      List<String> pending = new ArrayList<>();
      Matcher code = CODE.matcher(cell);
      while (code.find()) {
        String token = code.group(1).strip();
        if (VERB.matcher(token).matches()) {
          pending.add(token);
          continue;
        }
        Matcher route = ROUTE.matcher(token);
        if (!route.matches()
            || !(route.group(2).startsWith("/") || route.group(2).startsWith("…"))
            || route.group(2).equals("/api/v1")) { // "not under `/api/v1`", a remark, not a route
          continue;
        }
        String path = route.group(2);
        if (path.startsWith("…")) {
          path = base + path.substring(1);
        } else if (path.matches("/[a-z-]+/\\{[a-z]+}.*")) {
          base = path.substring(0, path.indexOf('}') + 1);
        }
        String method = route.group(1) != null ? route.group(1) : token.startsWith("…") ? lastMethod : null;
        if (route.group(1) != null) {
          lastMethod = route.group(1);
        }
        String full = path.startsWith("/actuator/") ? path : "/api/v1" + path;
        for (String verb : pending) {
          documented.add(new Documented(verb, normalized(full)));
        }
        documented.add(new Documented(method, normalized(full)));
        pending.clear();
      }
    }
    return documented;
  }

  static String normalized(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }
}
