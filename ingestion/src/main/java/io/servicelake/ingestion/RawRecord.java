package io.servicelake.ingestion;

/**
 * A Kafka record as it arrived, before any parsing: the unit that is either ingested or
 * quarantined, never dropped.
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
