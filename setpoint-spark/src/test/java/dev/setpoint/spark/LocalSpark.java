package dev.setpoint.spark;

import org.apache.spark.sql.SparkSession;

/** The local Spark session tests share per class: 2 threads, no UI, loopback only, no AQE. */
final class LocalSpark {

  private LocalSpark() {}

  static SparkSession start(String name) {
    return SparkSession.builder()
        .appName(name)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        // Adaptive execution would coalesce small partitions: the tests ask for exact counts.
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }
}
