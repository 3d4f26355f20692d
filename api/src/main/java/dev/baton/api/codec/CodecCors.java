package dev.baton.api.codec;

import dev.baton.codec.CodecProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets the Temporal UI, from its own origin, call the codec endpoint: the browser sends the
 * operator's credentials and the namespace header with each decode.
 */
@Configuration
class CodecCors implements WebMvcConfigurer {
  private final CodecProperties properties;

  /** Bound here too, so that controller slice tests, which leave the codec out, load this. */
  CodecCors(Environment environment) {
    this.properties = Binder.get(environment).bindOrCreate("baton.codec", CodecProperties.class);
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping(CodecController.PATH + "/**")
        .allowedOrigins(properties.corsOrigins().toArray(String[]::new))
        .allowedMethods("POST", "OPTIONS")
        .allowedHeaders("Content-Type", "X-Namespace", "Authorization")
        .allowCredentials(true)
        .maxAge(3600);
  }
}
