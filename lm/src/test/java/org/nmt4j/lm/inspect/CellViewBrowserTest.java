package org.nmt4j.lm.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Opens the cell view of a trained model in headless Chromium (no network) and checks that the
 * coloured spans are there and rendered with their colours. Skips with a message when Chromium or
 * chromedriver is missing (Debian packages chromium and chromium-driver).
 */
class CellViewBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("nmt4j.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getProperty("nmt4j.chromedriver", "/usr/bin/chromedriver"));

  @Test
  void theColouredSpansRenderInARealBrowser(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "no browser: " + CHROMIUM + " or " + DRIVER + " missing (apt-get install chromium"
            + " chromium-driver to run this test)");
    Files.createDirectories(dir.resolve("model"));
    CellInspectionTest.train(dir.resolve("model"));
    CellActivations a = CellInspectionTest.activations();
    List<CellCorrelations.Match> top = CellCorrelations.top(a, TextFeatures.of(a.tokens()), 2);
    List<CellViewPage.Shown> shown = top.stream()
        .map(m -> new CellViewPage.Shown(m.cell(), m.feature() + " " + m.r())).toList();
    Path page = dir.resolve("view.html");
    Files.writeString(page, CellViewPage.html("cells", a, shown));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      browser.get(page.toUri().toString());
      List<WebElement> sections = browser.findElements(By.cssSelector("section.cell"));
      assertEquals(2, sections.size());
      List<WebElement> spans = browser.findElements(By.cssSelector("section.cell span.a"));
      assertEquals(2 * a.tokens().size(), spans.size());
      // the browser computed a background colour for the spans; not all the same (a real view)
      java.util.Set<String> colours = new java.util.HashSet<>();
      for (int i = 0; i < spans.size(); i += 7) {
        colours.add(spans.get(i).getCssValue("background-color"));
      }
      assertTrue(colours.size() > 10, "too few distinct colours: " + colours);
      assertTrue(spans.get(0).isDisplayed());
    } finally {
      browser.quit();
    }
  }
}
