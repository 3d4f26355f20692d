package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every route a controller maps has a rule saying who may call it: a new endpoint without one
 * fails the build here (and, on the real stack, the access matrix of AccessMatrixIT).
 */
class AccessRulesTest {

  @Test
  void everyControllerRouteHasARule() throws Exception {
    List<String> routes = routes();
    assertThat(routes).as("the controllers were found").hasSizeGreaterThan(25);
    List<String> withoutRule = routes.stream().filter(r -> rule(r) == null).toList();
    assertThat(withoutRule).as("routes without a rule in AccessRules.RULES").isEmpty();
  }

  @Test
  void everyRuleIsForARouteThatExists() throws Exception {
    List<String> routes = routes();
    List<AccessRules.Rule> unused =
        AccessRules.RULES.stream()
            .filter(rule -> !rule.pattern().endsWith("/**"))
            .filter(rule -> routes.stream().noneMatch(route -> rule(route) == rule))
            .toList();
    assertThat(unused).as("rules no controller maps (stale, or a typo that leaves a route uncovered)").isEmpty();
  }

  /** "METHOD /path/{var}" for every handler method of every controller in dev.baton.api. */
  static List<String> routes() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    List<String> routes = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("dev.baton.api")) {
      Class<?> controller = Class.forName(candidate.getBeanClassName());
      if (controller.getEnclosingClass() != null && controller.getEnclosingClass().getSimpleName().endsWith("Test")) {
        continue; // an endpoint a test declares for itself, not one the api serves
      }
      RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
      String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
      for (Method method : controller.getDeclaredMethods()) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        if (mapping == null) {
          continue;
        }
        String path = prefix + (mapping.path().length == 0 ? "" : mapping.path()[0]);
        for (RequestMethod verb : mapping.method()) {
          routes.add(verb.name() + " " + path);
        }
      }
    }
    return routes;
  }

  private static AccessRules.Rule rule(String route) {
    String verb = route.substring(0, route.indexOf(' '));
    String path = route.substring(route.indexOf(' ') + 1);
    for (AccessRules.Rule rule : AccessRules.RULES) {
      boolean method = rule.method() == null || rule.method().name().equals(verb);
      if (method && PathPatternParser.defaultInstance.parse(rule.pattern()).matches(PathContainer.parsePath(path))) {
        return rule;
      }
    }
    return null;
  }
}
