package org.nmt4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nmt4j.translator.bench.GemmBenchmark;
import org.nmt4j.translator.bench.GemmBenchmark.Timing;
import org.nmt4j.translator.bench.GemmSurvey;
import org.nmt4j.translator.bench.ProductShape;
import org.nmt4j.translator.bench.TrainBenchmark;

/** What {@code nmt4j bench gemm} prints of a {@link GemmSurvey}: text lines or one JSON object. */
final class GemmReport {
  private final GemmSurvey survey;
  private final int warmup;
  private final int repeats;
  private final int batch;

  GemmReport(GemmSurvey survey, int warmup, int repeats, int batch) {
    this.survey = survey;
    this.warmup = warmup;
    this.repeats = repeats;
    this.batch = batch;
  }

  /** The text: one line per shape, {@code name value} lines for the summary figures. */
  void print(PrintWriter out) {
    out.printf(Locale.ROOT, "bench gemm: %s%s, %s threads, median of %d calls after %d warm-up "
            + "calls; model shapes at batch %d, %d tokens per sentence, %d decoding steps%n",
        survey.library(), survey.bf16() ? " (weight gradients below its size threshold and the "
            + "bridge in float, as bf16 runs them)" : "", survey.threads() > 0 ? Integer.toString(survey.threads())
            : "the library's default", repeats, warmup, batch, GemmSurvey.SENTENCE_TOKENS,
        GemmSurvey.DECODING_STEPS);
    out.println("  what   product                  stored operands                  calls "
        + "  GFLOP/s  (median ms, best GFLOP/s, GFLOP per CPU-second)");
    for (Timing t : survey.squares()) {
      printTiming(out, "square", t);
    }
    Timing peak = survey.peak();
    out.printf(Locale.ROOT, "gemm_peak_gflops_per_s %.1f  (%s, median %.1f ms, best %.1f "
        + "GFLOP/s)%n", peak.gflops(), peak.shape().geometry(), peak.medianMillis(),
        peak.bestGflops());
    out.printf(Locale.ROOT, "gemm_peak_gflop_per_cpu_s %.1f  (the fastest square per "
        + "CPU-second of the process: %s)%n", survey.cpuPeak().gflopsPerCpuSecond(),
        survey.cpuPeak().shape().geometry());
    printShapes(out, "train", survey.training());
    printShapes(out, "decode", survey.decoding());
    Timing int8 = survey.int8();
    if (int8 != null) {
      out.printf(Locale.ROOT, "int8_output_gops_per_s %.1f  (%s %s, quantizing x included, "
              + "median %.3f ms, best %.1f GOP/s, %.1f GOP per CPU-second)%n", int8.gflops(),
          int8.shape().name(), int8.shape().geometry(), int8.medianMillis(), int8.bestGflops(),
          int8.gflopsPerCpuSecond());
    } else {
      out.println("int8_output_gops_per_s n/a  (oneDNN's native library is not available here)");
    }
    out.printf(Locale.ROOT, "wall %.1f s, process CPU %.1f s, load average %.2f%n",
        survey.wallSeconds(), survey.cpuSeconds(), TrainBenchmark.loadAverage());
    out.flush();
  }

  /** The figures, named as the text names them, each shape with its sizes and speeds. */
  Map<String, Object> figures() {
    Timing peak = survey.peak();
    Timing int8 = survey.int8();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("precision", survey.bf16() ? "bf16" : "float32");
    f.put("library", survey.library());
    f.put("threads", survey.threads());
    f.put("repeats", repeats);
    f.put("warmup", warmup);
    f.put("batch_size", batch);
    f.put("gemm_peak_gflops_per_s", peak.gflops());
    f.put("gemm_peak_best_gflops_per_s", peak.bestGflops());
    f.put("peak_size", peak.shape().m());
    f.put("gemm_peak_gflop_per_cpu_s", survey.cpuPeak().gflopsPerCpuSecond());
    f.put("squares", shapes(survey.squares()));
    f.put("train_products_gflops_per_s", GemmBenchmark.mixGflops(survey.training()));
    f.put("decode_products_gflops_per_s", GemmBenchmark.mixGflops(survey.decoding()));
    f.put("train_products_gflop_per_cpu_s",
        GemmBenchmark.mixGflopsPerCpuSecond(survey.training()));
    f.put("decode_products_gflop_per_cpu_s",
        GemmBenchmark.mixGflopsPerCpuSecond(survey.decoding()));
    f.put("int8_output_gops_per_s", int8 == null ? null : int8.gflops());
    f.put("int8_output_gop_per_cpu_s", int8 == null ? null : int8.gflopsPerCpuSecond());
    f.put("train_shapes", shapes(survey.training()));
    f.put("decode_shapes", shapes(survey.decoding()));
    f.put("wall_seconds", survey.wallSeconds());
    f.put("cpu_seconds", survey.cpuSeconds());
    f.put("load_average", TrainBenchmark.loadAverage());
    return f;
  }

  private void printShapes(PrintWriter out, String what, List<Timing> timings) {
    for (Timing t : timings) {
      printTiming(out, what, t);
    }
    double mix = GemmBenchmark.mixGflops(timings);
    double cpuMix = GemmBenchmark.mixGflopsPerCpuSecond(timings);
    long calls = 0;
    long flops = 0;
    for (Timing t : timings) {
      calls += t.shape().calls();
      flops += t.shape().totalFlops();
    }
    out.printf(Locale.ROOT, "%s_products_gflops_per_s %.1f  (%d products, %.2f GFLOP, %.0f%% "
            + "of the peak)%n", what, mix, calls, flops / 1e9,
        100 * mix / survey.peak().gflops());
    out.printf(Locale.ROOT, "%s_products_gflop_per_cpu_s %.1f  (%.0f%% of the peak per "
        + "CPU-second)%n", what, cpuMix, 100 * cpuMix / survey.cpuPeak().gflopsPerCpuSecond());
  }

  private static void printTiming(PrintWriter out, String what, Timing t) {
    ProductShape s = t.shape();
    out.printf(Locale.ROOT, "  %-6s %-24s %-32s x%-5d %7.1f  (%.3f ms, %.1f, %.1f)%n", what,
        s.name(), s.geometry(), s.calls(), t.gflops(), t.medianMillis(), t.bestGflops(),
        t.gflopsPerCpuSecond());
  }

  private static List<Map<String, Object>> shapes(List<Timing> timings) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Timing t : timings) {
      ProductShape s = t.shape();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("m", s.m());
      m.put("n", s.n());
      m.put("k", s.k());
      m.put("trans_a", s.transA());
      m.put("trans_b", s.transB());
      m.put("calls", s.calls());
      m.put("median_ms", t.medianMillis());
      m.put("gflops_per_s", t.gflops());
      m.put("best_gflops_per_s", t.bestGflops());
      m.put("cpu_ms", t.cpuMillis());
      m.put("gflop_per_cpu_s", t.gflopsPerCpuSecond());
      list.add(m);
    }
    return list;
  }
}
