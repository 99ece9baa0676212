package io.servicelake.jobs;

import java.util.List;

/** The hand-written fixture, loaded and built once per test JVM and shared by the test classes. */
final class FixtureLake {

  private static TestLake lake;
  private static List<MartBuilder.ModelResult> firstBuild;

  private FixtureLake() {}

  static synchronized TestLake lake() {
    if (lake == null) {
      lake = TestLake.create("fixture");
      lake.appendEvents(Fixture.events());
      firstBuild = lake.builder().buildAll(r -> {});
    }
    return lake;
  }

  static List<MartBuilder.ModelResult> firstBuild() {
    lake();
    return firstBuild;
  }
}
