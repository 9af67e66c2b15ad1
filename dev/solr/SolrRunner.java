import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs a real Solr 9 HTTP server for CKAN from Maven Central artifacts (no Docker, no Solr
 * distribution), using JettySolrRunner from solr-test-framework.
 *
 * <p>Usage: {@code SolrRunner <solrHome> <port> [readyFile]}. Binds 127.0.0.1 only (hard-coded in
 * JettySolrRunner). Exits non-zero when the container or any core fails to load, so the calling
 * script never waits on a broken Solr; prints {@code READY <url>} (and writes the url to {@code
 * readyFile}) once the ckan core is loaded. Runs until SIGTERM; Jetty's shutdown hook then closes
 * the cores cleanly.
 */
public final class SolrRunner {
  private static final String CORE = "ckan";

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: SolrRunner <solrHome> <port> [readyFile]");
      System.exit(2);
    }
    // Modules need solr.install.dir, which an embedded Solr does not have: Solr would fail late.
    if (!blank(System.getenv("SOLR_MODULES"))
        || !blank(System.getProperty("solr.modules"))
        || !blank(System.getProperty("solr.install.dir"))) {
      System.err.println("SOLR_MODULES, solr.modules and solr.install.dir must be unset");
      System.exit(2);
    }
    JettySolrRunner runner = null;
    try {
      Path home = Path.of(args[0]).toAbsolutePath().normalize();
      int port = Integer.parseInt(args[1]);
      JettyConfig config =
          JettyConfig.builder()
              .setPort(port)
              .setContext("/solr")
              .stopAtShutdown(true) // SIGTERM -> Jetty shutdown hook -> cores closed
              .withPortRetryTime(0) // a busy port is an error now, not a 60 s retry loop
              .waitForLoadingCoresToFinish(120_000L)
              .build();
      runner = new JettySolrRunner(home.toString(), new Properties(), config);
      runner.start();

      // CoreContainerProvider only logs a broken container and keeps serving 500s: check here.
      CoreContainer cores = runner.getCoreContainer();
      if (cores == null) {
        fail(runner, "Solr failed to start: no core container (see the log above)");
      }
      Map<String, CoreContainer.CoreLoadFailure> failures = cores.getCoreInitFailures();
      if (!failures.isEmpty()) {
        failures.forEach(
            (name, failure) ->
                System.err.println("core " + name + " failed to load: " + failure.exception));
        fail(runner, "Solr core(s) failed to load");
      }
      if (!cores.getLoadedCoreNames().contains(CORE)) {
        fail(runner, "the " + CORE + " core is not loaded; loaded: " + cores.getLoadedCoreNames());
      }

      String url = runner.getBaseUrl() + "/" + CORE;
      if (args.length > 2) { // written atomically: the script treats its presence as "ready"
        Path ready = Path.of(args[2]);
        Path tmp = Path.of(args[2] + ".tmp");
        Files.writeString(tmp, url + "\n");
        Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println("READY " + url);
      System.out.flush();
      Thread.currentThread().join();
    } catch (Throwable e) {
      // Jetty's threads are not daemons: without an explicit exit the JVM would linger.
      e.printStackTrace();
      fail(runner, "Solr failed to start: " + e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void fail(JettySolrRunner runner, String message) {
    System.err.println(message);
    System.err.flush();
    try {
      if (runner != null) {
        runner.stop();
      }
    } catch (Exception ignored) {
      // Exiting anyway.
    }
    System.exit(1);
  }
}
