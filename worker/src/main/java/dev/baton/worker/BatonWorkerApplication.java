package dev.baton.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Hosts Baton's Temporal workers: the conversation workflow and the activities it calls. The
 * workers themselves are declared in application.yaml; this app wires their dependencies.
 */
@SpringBootApplication(scanBasePackages = "dev.baton")
public class BatonWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(BatonWorkerApplication.class, args);
  }
}
