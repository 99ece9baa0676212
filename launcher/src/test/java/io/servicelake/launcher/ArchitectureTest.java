package io.servicelake.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module graph one-directional — schemas ← transforms ← {ingestion, jobs} ← launcher —
 * and {@code transforms} free of engine imports so its tests run in milliseconds.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.servicelake");
  }

  @Test
  void transformsHasNoEngineImports() {
    noClasses()
        .that()
        .resideInAPackage("io.servicelake.transforms..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.spark..",
            "org.apache.flink..",
            "org.apache.kafka..",
            "org.apache.iceberg..",
            "io.trino..",
            "org.apache.hadoop..")
        .check(classes);
  }

  @Test
  void schemasDependOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("io.servicelake.schemas..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.servicelake.transforms..",
            "io.servicelake.ingestion..",
            "io.servicelake.jobs..",
            "io.servicelake.launcher..")
        .check(classes);
  }

  @Test
  void transformsDependOnlyOnSchemas() {
    noClasses()
        .that()
        .resideInAPackage("io.servicelake.transforms..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.servicelake.ingestion..", "io.servicelake.jobs..", "io.servicelake.launcher..")
        .check(classes);
  }

  @Test
  void ingestionAndJobsDoNotKnowEachOtherOrTheLauncher() {
    noClasses()
        .that()
        .resideInAPackage("io.servicelake.ingestion..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.servicelake.jobs..", "io.servicelake.launcher..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.servicelake.jobs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.servicelake.ingestion..", "io.servicelake.launcher..", "org.apache.flink..")
        .check(classes);
  }
}
