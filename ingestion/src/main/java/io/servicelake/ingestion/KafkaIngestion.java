package io.servicelake.ingestion;

import io.servicelake.transforms.config.LakeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Runs {@link IngestJob} from Kafka into the Iceberg tables, exactly once.
 *
 * <p>Offsets live in Flink checkpoints, which are retained on cancellation; a new start resumes
 * from the newest retained checkpoint, so a restart neither re-reads nor skips a record. Without
 * any checkpoint it starts from the consumer group's committed offsets, else the earliest.
 */
public final class KafkaIngestion {

  public static final String CONSUMER_GROUP = "servicelake-ingest";

  private final LakeSettings lake;
  private final int parallelism;
  private final FlinkTarget target;

  public KafkaIngestion(LakeSettings lake, int parallelism) {
    this(lake, parallelism, FlinkTarget.miniCluster());
  }

  /** With {@code target} a session cluster, the job is submitted there as the job jar. */
  public KafkaIngestion(LakeSettings lake, int parallelism, FlinkTarget target) {
    this.lake = lake;
    this.parallelism = parallelism;
    this.target = target;
  }

  /** Creates the raw tables if they are missing. Idempotent. */
  public void ensureTables() {
    try (RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      IngestJob.EVENT_TABLES.values().forEach(spec -> IcebergTables.ensure(catalog, spec));
      IcebergTables.ensure(catalog, IngestJob.QUARANTINE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts the job. With {@code bounded} it reads up to the offsets current at start and then
   * finishes (tests, one-off loads); otherwise it runs until cancelled.
   */
  public JobClient start(boolean bounded) throws Exception {
    ensureTables();
    StreamExecutionEnvironment env = target.environment(flinkConf());
    env.setParallelism(parallelism);
    env.enableCheckpointing(lake.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    new IngestJob(kafkaSource(bounded), new IcebergLakeSinks(lake, parallelism)).build(env);
    return env.executeAsync("servicelake-ingest");
  }

  Configuration flinkConf() {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, lake.checkpointDir());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
    // Hadoop's JVM shutdown hook reads its config through the job's (closed) class loader; the
    // leak check would turn that harmless read into a stack trace at every exit.
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    latestCheckpoint()
        .ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toString()));
    return conf;
  }

  /** The newest completed checkpoint (a {@code chk-N} folder with its {@code _metadata}). */
  public Optional<Path> latestCheckpoint() {
    URI uri = URI.create(lake.checkpointDir());
    if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
      return Optional.empty();
    }
    Path root = uri.getScheme() == null ? Path.of(lake.checkpointDir()) : Path.of(uri);
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingLong(KafkaIngestion::lastModified));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private KafkaSource<RawRecord> kafkaSource(boolean bounded) {
    var builder =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(lake.kafkaBootstrapServers())
            .setTopics(lake.eventsTopic())
            .setGroupId(CONSUMER_GROUP)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new RawRecordDeserializer())
            .setProperty("partition.discovery.interval.ms", "30000")
            .setProperty("isolation.level", "read_committed");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
