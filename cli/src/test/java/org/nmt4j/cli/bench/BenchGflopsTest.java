package org.nmt4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nmt4j.cli.CliRun;
import org.nmt4j.nn.quant.DnnlBf16;
import org.nmt4j.translator.bench.FlopCount;
import org.nmt4j.translator.bench.TrainBenchmark;

/**
 * The GFLOP/s outputs of the bench commands work end to end at tiny sizes (what they report, not
 * how fast: speed is for the benchmarks themselves).
 */
class BenchGflopsTest {
  private static JsonNode json(CliRun run) throws Exception {
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void gemmReportsThePeakAndEveryShapeAsJson() throws Exception {
    JsonNode f = json(CliRun.of("bench", "gemm", "--sizes", "32,64", "--repeats", "1",
        "--warmup", "0", "--batch-size", "2", "--threads", "1", "--json"));
    assertEquals(1, f.get("threads").asInt());
    assertEquals(2, f.get("squares").size());
    assertTrue(f.get("gemm_peak_gflops_per_s").asDouble() > 0, f.toString());
    double best = Math.max(f.get("squares").get(0).get("gflops_per_s").asDouble(),
        f.get("squares").get(1).get("gflops_per_s").asDouble());
    assertEquals(best, f.get("gemm_peak_gflops_per_s").asDouble(), 1e-9);
    assertTrue(f.get("gemm_peak_gflop_per_cpu_s").asDouble() > 0, f.toString());
    assertTrue(f.get("train_shapes").size() > 10, f.toString());
    for (JsonNode shape : f.get("decode_shapes")) {
      int m = shape.get("m").asInt();
      assertTrue(m == 2 || m == 2 * 15, shape.toString()); // a batch's rows, or all its tokens
      assertTrue(shape.get("gflops_per_s").asDouble() > 0, shape.toString());
    }
    assertTrue(f.get("train_products_gflops_per_s").asDouble() > 0, f.toString());
    assertTrue(f.get("decode_products_gflops_per_s").asDouble() > 0, f.toString());
  }

  @Test
  void gemmTimesTheBf16ProductsWhereTheCpuHasThem() throws Exception {
    CliRun run = CliRun.of("bench", "gemm", "--sizes", "32", "--repeats", "1", "--warmup", "0",
        "--batch-size", "2", "--threads", "1", "--precision", "bf16", "--json");
    if (!DnnlBf16.available()) {
      assertEquals(2, run.exitCode(), run.out());
      assertTrue(run.err().contains("--precision bf16:"), run.err());
      return;
    }
    JsonNode f = json(run);
    assertEquals("bf16", f.get("precision").asText());
    assertTrue(f.get("library").asText().contains("bf16"), f.toString());
    assertTrue(f.get("gemm_peak_gflops_per_s").asDouble() > 0, f.toString());
    for (JsonNode shape : f.get("train_shapes")) {
      assertTrue(shape.get("gflops_per_s").asDouble() > 0, shape.toString());
    }
    assertTrue(f.get("decode_products_gflops_per_s").asDouble() > 0, f.toString());
  }

  @Test
  void gemmRejectsBadCounts() {
    CliRun run = CliRun.of("bench", "gemm", "--repeats", "0");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--repeats must be >= 1, got 0"), run.err());
  }

  @Test
  void trainCountsTheProductsOfItsTimedSteps() throws Exception {
    JsonNode f = json(CliRun.of("bench", "train", "--steps", "2", "--warmup", "1",
        "--batch-size", "2", "--hidden", "8", "--emb", "4", "--vocab", "20", "--json"));
    long targetTokens = f.get("target_tokens").asLong();
    TrainBenchmark.Options o = new TrainBenchmark.Options(2, 1, 1, 2, 20, 20, 4, 8, 2, 2, 8, 20,
        0.3, 1e-3, 1.0, "lstm");
    FlopCount count = new FlopCount(TrainBenchmark.modelConfig(o), 20);
    // between the counts of the shortest and the longest sources (8 and 20 tokens + </s>)
    long low = 3 * count.forward(4 * 9, targetTokens, 4);
    long high = 3 * count.forward(4 * 21, targetTokens, 4);
    long flops = f.get("product_flops").asLong();
    assertTrue(flops > low && flops < high, low + " < " + flops + " < " + high);
    assertEquals(flops / f.get("seconds").asDouble() / 1e9,
        f.get("train_gflops_per_s").asDouble(), 1e-9 * f.get("train_gflops_per_s").asDouble());
    // HotSpot reports its compiling time: a count of milliseconds, not a missing figure
    assertTrue(f.get("jit_compile_ms").isIntegralNumber() && f.get("jit_compile_ms").asLong() >= 0,
        f.toString());
  }

  @Test
  void translateCountsTheProductsOfItsTimedPass() throws Exception {
    JsonNode f = json(CliRun.of("bench", "translate", "--sentences", "2", "--batch-size", "2",
        "--output-length", "3", "--latency-runs", "1", "--warmup", "0", "--json"));
    FlopCount count = new FlopCount(
        org.nmt4j.cli.translate.BenchTranslateCommand.standardConfig(), 8000);
    // two sources of 8 to 20 tokens and </s>, three steps each
    long flops = f.get("product_flops").asLong();
    assertTrue(flops >= count.decoding(2 * 9, 6, 2) && flops <= count.decoding(2 * 21, 6, 2),
        f.toString());
    assertEquals(flops / f.get("seconds").asDouble() / 1e9,
        f.get("decode_gflops_per_s").asDouble(), 1e-9 * f.get("decode_gflops_per_s").asDouble());
    assertEquals(2.0 / f.get("seconds").asDouble(), f.get("decode_sent_per_s").asDouble(), 1e-6);
    assertTrue(f.get("jit_compile_ms").isIntegralNumber() && f.get("jit_compile_ms").asLong() >= 0,
        f.toString());
    // as translate without --with-score: no log-probabilities
    assertFalse(f.get("scores").asBoolean(), f.toString());
  }

  @Test
  void translateComputesScoresWhenAsked() throws Exception {
    JsonNode f = json(CliRun.of("bench", "translate", "--sentences", "2", "--batch-size", "2",
        "--output-length", "3", "--latency-runs", "1", "--warmup", "0", "--with-score",
        "--json"));
    assertTrue(f.get("scores").asBoolean(), f.toString());
  }
}
