package dev.baton.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every end-to-end test the one shared {@link BatonStack}: started on first use, stopped
 * when the whole run ends. A stack that failed to start fails every later test at once, instead
 * of each test class waiting out another start.
 */
final class BatonStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BatonStackExtension.class);

  /** The outcome of the one start; closed by JUnit with the root context. */
  private record Started(BatonStack stack, RuntimeException failure) implements AutoCloseable {
    static Started attempt() {
      try {
        return new Started(BatonStack.start(), null);
      } catch (RuntimeException e) {
        return new Started(null, e);
      }
    }

    @Override
    public void close() {
      if (stack != null) {
        stack.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == BatonStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Started started =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Started.class, key -> Started.attempt(), Started.class);
    if (started.failure() != null) {
      throw new IllegalStateException("the Baton stack did not start", started.failure());
    }
    return started.stack();
  }
}
