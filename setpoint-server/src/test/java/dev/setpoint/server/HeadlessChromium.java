package dev.setpoint.server;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * The machine's headless Chromium driven by its Debian chromedriver (no download, no Selenium
 * Manager), with a fresh profile. A test that needs it fails, never skips, when they are missing:
 * {@code apt-get install -y chromium chromium-driver} ({@code .ci/run} does it).
 */
public final class HeadlessChromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /**
   * Starts a browser whose profile lives in {@code profile}.
   *
   * @param windowSize e.g. "1400,1900"
   */
  public static ChromeDriver start(Path profile, String windowSize) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
        "--window-size=" + windowSize, "--force-device-scale-factor=1");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    return new ChromeDriver(options);
  }
}
