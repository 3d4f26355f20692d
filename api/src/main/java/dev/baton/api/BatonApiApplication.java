package dev.baton.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Baton's REST API for chat front ends. It reaches conversations only through Temporal's
 * {@code WorkflowClient} and reads transcripts from PostgreSQL; it never runs workflow code, so
 * any number of instances can serve the same conversations.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BatonApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(BatonApiApplication.class, args);
  }
}
