package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the report makes of the worker's starts. */
class ReportTest {
  private static WorkerStart.Result start(double ready, double idle) {
    return new WorkerStart.Result(ready, ready, ready - 0.1, "Spring Boot: started in 5.0 s", "bot loaded", idle, 0.5);
  }

  private static Report report() {
    return new Report(Options.Mode.QUICK, Options.Sizes.of(Options.Mode.QUICK), "test server");
  }

  @Test
  void theStartFigureIsTheMedianOfTheStartsAgainstTenSeconds() {
    Report report = report();

    report.start(List.of(start(12.0, 0.9), start(8.0, 0.9), start(9.5, 0.9)));

    Report.Target target = report.targets().get(0);
    assertThat(target.value()).isEqualTo(9.5);
    assertThat(target.met()).isTrue();
    assertThat(report.text()).contains("START worker start 1: ready 12.00 s").doesNotContain("not the target's idle machine");
  }

  @Test
  void startsOnABusyMachineAreSaidToBeSo() {
    Report report = report();

    report.start(List.of(start(12.0, 0.9), start(14.0, 0.4), start(13.0, Double.NaN)));

    assertThat(report.targets().get(0).met()).isFalse();
    assertThat(report.text()).contains("less than 75 % idle before 2 of the 3 starts");
  }
}
