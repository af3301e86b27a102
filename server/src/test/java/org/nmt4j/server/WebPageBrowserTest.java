package org.nmt4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translator;

/**
 * The web page in a real browser: headless Chromium driven by Selenium WebDriver types a
 * sentence, picks a model and decoding settings, clicks Translate and reads the translation and
 * its score. Skips (with a message) when Chromium or chromedriver is not installed (Debian
 * packages {@code chromium} and {@code chromium-driver}); Selenium is pointed at them and never
 * downloads anything.
 */
class WebPageBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("nmt4j.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getProperty("nmt4j.chromedriver", "/usr/bin/chromedriver"));

  private static TranslationServer server;
  private static WebDriver browser;
  private static Path profile;

  private static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  /** Per test, not in @BeforeAll: there an assumption hides the tests instead of skipping them. */
  @BeforeEach
  void requireBrowser() {
    assumeTrue(browserInstalled(), "browser test skipped: no " + CHROMIUM + " or " + DRIVER
        + " (apt-get install chromium chromium-driver to run it)");
  }

  @BeforeAll
  static void start() throws Exception {
    if (!browserInstalled()) {
      return;
    }
    server = TranslationServer.start(ServerConfig.defaults().withPort(0),
        new ServedModels().add("rev", ToyTranslator.get()).add("rev-b", ToyTranslator.get()));
    profile = Files.createTempDirectory("nmt4j-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void typingASentenceShowsItsGreedyTranslationAndScore() {
    browser.get(server.uri().toString());
    Select model = new Select(wait(By.id("model"), d -> new Select(d.findElement(By.id("model")))
        .getOptions().size() == 2));
    assertEquals(List.of("rev", "rev-b"), model.getOptions().stream().map(WebElement::getText).toList());
    model.selectByValue("rev-b");
    browser.findElement(By.id("source")).sendKeys("h b a b");
    browser.findElement(By.id("translate")).click();
    WebElement text = wait(By.cssSelector("#translation li .text"), d -> true);
    var expected = ToyTranslator.get().translate("h b a b");
    assertEquals("b a b h", text.getText());
    assertEquals(expected.text(), text.getText());
    String score = browser.findElement(By.cssSelector("#translation li .score")).getText();
    assertTrue(score.contains(String.format(java.util.Locale.ROOT, "%.4f", expected.logProbability())), score);
  }

  @Test
  void samplingSettingsReachTheServer() {
    browser.get(server.uri().toString());
    wait(By.id("model"), d -> new Select(d.findElement(By.id("model"))).getOptions().size() == 2);
    browser.findElement(By.id("method-sample")).click();
    WebElement seed = browser.findElement(By.id("seed"));
    seed.sendKeys("5");
    WebElement samples = browser.findElement(By.id("n-samples"));
    samples.clear();
    samples.sendKeys("2");
    browser.findElement(By.id("source")).sendKeys("a b c d");
    browser.findElement(By.id("translate")).click();
    wait(By.cssSelector("#translation .samples li .text"), d -> true);
    Translator t = ToyTranslator.get();
    List<String> want = t.translateSamples(List.of("a b c d"), DecodingOptions.sampling(1.0, 0, 1.0, 5)
        .withSamples(2)).get(0).stream().map(x -> x.text()).toList();
    List<String> got = browser.findElements(By.cssSelector("#translation .text")).stream()
        .map(WebElement::getText).toList();
    assertEquals(want, got);
  }

  private static WebElement wait(By what, java.util.function.Function<WebDriver, Boolean> also) {
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .withMessage(() -> "no " + what + " on the page; its status line says '"
            + browser.findElements(By.id("status")).stream().map(WebElement::getText).findFirst().orElse("")
            + "'")
        .until(d -> !d.findElements(what).isEmpty() && also.apply(d));
    return browser.findElement(what);
  }
}
