package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** hours.yaml's version: what decides whether a worker stores its schedules at start. */
class HoursDefaultsTest {

  @Test
  void theShippedFileHasAVersion() throws IOException {
    try (InputStream in = new ClassPathResource("hours/hours.yaml").getInputStream()) {
      assertThat(HoursDefaults.read(in).version()).isEqualTo(1);
    }
  }

  @Test
  void aFileWithoutAVersionIsVersionOne() throws IOException {
    assertThat(read(shipped().replace("version: 1\n", "")).version()).isEqualTo(1);
  }

  @Test
  void aVersionThatIsNotAWholeNumberFromOneIsRefusedByName() throws IOException {
    for (String bad : new String[] {"0", "-3", "two", "1.5"}) {
      String text = shipped().replace("version: 1\n", "version: " + bad + "\n");
      assertThatThrownBy(() -> read(text)).as(bad).hasMessageContaining("version must be a whole number from 1");
    }
  }

  private static String shipped() throws IOException {
    try (InputStream in = new ClassPathResource("hours/hours.yaml").getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HoursDefaults read(String text) {
    return HoursDefaults.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
