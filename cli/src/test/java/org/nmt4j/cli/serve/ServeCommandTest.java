package org.nmt4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.translator.Translator;

/**
 * {@code nmt4j serve} as users run it: a separate JVM serving the checked-in toy reverse model
 * on a free port, answering over HTTP, and on SIGTERM finishing the requests it has queued
 * before it exits; and its command-line errors.
 */
class ServeCommandTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

  @TempDir Path dir;

  @Test
  void servesTranslationsAndOnSigtermFinishesQueuedRequestsThenExits() throws Exception {
    Path model = toyModel();
    Translator translator = Translator.load(model);
    System.setProperty("jdk.lang.processReaperUseDefaultStackSize", "true");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xss4m", "-cp", System.getProperty("java.class.path"),
        "org.nmt4j.cli.Main", "serve", "-m", "rev=" + model, "-m", "ens=" + model + "," + model,
        "--port", "0", "--max-batch-delay-ms", "3000", "--warmup-seconds", "0.3",
        "--shortlist", "rev=" + everyTokenShortlist(translator));
    // to a file: Process.destroy() closes the pipes, and what it prints while stopping matters
    Path log = dir.resolve("serve.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.readString(log).contains("ready: rev, ens")) {
        assertTrue(p.isAlive() && System.nanoTime() < deadline, "not ready; printed: " + Files.readString(log));
        Thread.sleep(20);
      }
      String started = Files.readString(log);
      assertTrue(started.contains("nmt4j serve: rev: output layer over the shortlist "), started);
      // each model warmed up, before the server said it is ready
      for (String name : new String[] {"rev", "ens"}) {
        int at = started.indexOf("nmt4j serve: warmed up " + name + ": ");
        assertTrue(at >= 0 && at < started.indexOf("ready: rev, ens"), started);
      }
      Matcher m = LISTENING.matcher(Files.readString(log));
      assertTrue(m.find(), Files.readString(log));
      URI base = URI.create(m.group(1));
      HttpClient http = HttpClient.newHttpClient();
      assertEquals(200, get(http, base.resolve("readyz")).statusCode());
      String one = post(http, base, "{\"model\": \"rev\", \"text\": \"h b a b\"}").body();
      assertTrue(one.contains("\"text\":\"" + translator.translate("h b a b").text() + "\""), one);
      Translator ensemble = Translator.load(List.of(model, model));
      String both = post(http, base, "{\"model\": \"ens\", \"text\": \"h b a b\"}").body();
      assertTrue(both.contains("\"text\":\"" + ensemble.translate("h b a b").text() + "\""), both);

      List<String> texts = List.of("a b c", "d e f g", "h a", "b b c", "g f e", "a c e g", "h h b", "c d");
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> queued = new ArrayList<>();
      for (String t : texts) {
        queued.add(http.sendAsync(translateRequest(base, "{\"model\": \"rev\", \"text\": \"" + t + "\"}"),
            HttpResponse.BodyHandlers.ofString()));
      }
      waitForQueuedSentences(http, base, texts.size());
      p.destroy(); // SIGTERM
      for (int i = 0; i < texts.size(); i++) {
        HttpResponse<String> r = queued.get(i).get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"text\":\"" + translator.translate(texts.get(i)).text() + "\""), r.body());
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM");
      int code = p.exitValue();
      assertTrue(code == 143 || code == 0, "exit code " + code);
      String printed = Files.readString(log);
      assertTrue(printed.contains("stopping") && printed.contains("stopped"), printed);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void quietServerLogsToItsLogFileOnly() throws Exception {
    Path model = toyModel();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("logs/serve.log");
    Path console = dir.resolve("console.txt");
    Process p = new ProcessBuilder(java, "-Xss4m", "-cp", System.getProperty("java.class.path"),
        "org.nmt4j.cli.Main", "serve", "-m", "rev=" + model, "--port", "0", "--quiet",
        "--log", log.toString())
        .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(log) || !Files.readString(log).contains("TranslationServer - ready: rev")) {
        assertTrue(p.isAlive() && System.nanoTime() < deadline, "not ready; console: "
            + Files.readString(console));
        Thread.sleep(20);
      }
      Matcher m = LISTENING.matcher(Files.readString(log));
      assertTrue(m.find(), Files.readString(log));
      HttpClient http = HttpClient.newHttpClient();
      assertEquals(200, post(http, URI.create(m.group(1)), "{\"text\": \"h b a b\"}").statusCode());
      assertTrue(Files.readString(log).contains("TrainedModel - loaded " + model), Files.readString(log));
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals("", Files.readString(console), "--quiet prints nothing");
      String logged = Files.readString(log);
      assertTrue(logged.contains("INFO  org.nmt4j.server.TranslationServer - stopping")
          && logged.contains("INFO  org.nmt4j.server.TranslationServer - stopped"), logged);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badCommandLinesExitWith2AndAMissingModelWith1() throws IOException {
    Path model = toyModel();
    CliRun port = CliRun.of("serve", "-m", model.toString(), "--port", "70000");
    assertEquals(2, port.exitCode());
    assertTrue(port.err().contains("--port"), port.err());

    CliRun batch = CliRun.of("serve", "-m", model.toString(), "--max-batch-size", "0");
    assertEquals(2, batch.exitCode());
    assertTrue(batch.err().contains("--max-batch-size must be >= 1"), batch.err());

    CliRun warmup = CliRun.of("serve", "-m", model.toString(), "--warmup-seconds", "-1");
    assertEquals(2, warmup.exitCode());
    assertTrue(warmup.err().contains("--warmup-seconds must be in [0, 3600], got -1.0"),
        warmup.err());

    CliRun twice = CliRun.of("serve", "-m", "a=" + model, "-m", "a=" + model);
    assertEquals(2, twice.exitCode());
    assertTrue(twice.err().contains("two models are named 'a'"), twice.err());

    CliRun badName = CliRun.of("serve", "-m", "de en=" + model);
    assertEquals(2, badName.exitCode());
    assertTrue(badName.err().contains("model name 'de en'"), badName.err());

    CliRun unnamed = CliRun.of("serve", "-m", "a=" + model, "-m", "b=" + model, "--shortlist",
        "list.tsv");
    assertEquals(2, unnamed.exitCode());
    assertTrue(unnamed.err().contains("--shortlist list.tsv: name the model, --shortlist"
        + " NAME=FILE, when serving several"), unnamed.err());
    CliRun unknown = CliRun.of("serve", "-m", "a=" + model, "--shortlist", "c=list.tsv");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("--shortlist c=list.tsv: no model is named 'c' (served: a)"),
        unknown.err());
    CliRun noList = CliRun.of("serve", "-m", model.toString(), "--shortlist",
        dir.resolve("none.tsv").toString());
    assertEquals(1, noList.exitCode());
    assertTrue(noList.err().contains("no such shortlist file"), noList.err());
    assertEquals(1, noList.errLines().size(), noList.err());

    CliRun missing = CliRun.of("serve", "-m", "x=" + dir.resolve("nothing.nmt4j"));
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("no such model file") && missing.err().contains("nothing.nmt4j"),
        missing.err());
    assertEquals(1, missing.errLines().size(), missing.err());
  }

  @Test
  void modelsAreNamedAfterTheirFileOrFolder() {
    assertEquals(new ModelArgument("de-en", List.of(Path.of("x/m.nmt4j"))), ModelArgument.parse("de-en=x/m.nmt4j"));
    assertEquals(new ModelArgument("ens", List.of(Path.of("a.nmt4j"), Path.of("b/model.nmt4j"))),
        ModelArgument.parse("ens=a.nmt4j,b/model.nmt4j"));
    assertEquals("a", ModelArgument.parse("x/a.nmt4j,y/b.nmt4j").name());
    assertEquals("de-en", ModelArgument.parse("runs/de-en/model.nmt4j").name());
    assertEquals("en-de", ModelArgument.parse("models/en-de.nmt4j").name());
  }

  /** A shortlist that lists every target token as frequent: translations stay the same. */
  private Path everyTokenShortlist(Translator translator) throws IOException {
    org.nmt4j.translator.decode.Seq2SeqTranslationModel m =
        (org.nmt4j.translator.decode.Seq2SeqTranslationModel) translator.model();
    StringBuilder text = new StringBuilder("# every token\n");
    for (String token : m.targetVocabulary().tokens()) {
      text.append('\t').append(token).append("\t1\n");
    }
    Path file = dir.resolve("every-token.tsv");
    Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    return file;
  }

  private Path toyModel() throws IOException {
    Path model = dir.resolve("reverse.nmt4j");
    if (!Files.exists(model)) {
      try (InputStream in = getClass().getResourceAsStream("/org/nmt4j/translator/io/format-v1-reverse.nmt4j")) {
        Files.copy(in, model);
      }
    }
    return model;
  }

  private static void waitForQueuedSentences(HttpClient http, URI base, int n) throws InterruptedException {
    Pattern queue = Pattern.compile("(?m)^nmt4j_queue_sentences ([0-9.]+)$");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = queue.matcher(get(http, base.resolve("metrics")).body());
      if (m.find() && Double.parseDouble(m.group(1)) >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server never queued " + n + " sentences");
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest translateRequest(URI base, String json) {
    return HttpRequest.newBuilder(base.resolve("v1/translate"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private static HttpResponse<String> post(HttpClient http, URI base, String json) {
    try {
      return http.send(translateRequest(base, json), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
